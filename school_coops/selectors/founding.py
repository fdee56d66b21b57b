"""Founding reads (docs/domain.md §2.1): what blocks a step, the election result, who may found."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from lms.accounts.models import Role, User
from lms.schools.models import Classroom
from school_coops.models import Cooperative, FoundingProcess, FoundingStep, PositionRole
from school_coops.models.cooperative import INCOMPATIBLE_ROLES

ELECTED_ROLES = [
    PositionRole.KETUA,
    PositionRole.SEKRETARIS,
    PositionRole.BENDAHARA,
    PositionRole.PENGAWAS,
]


def attendance_check(*, process: FoundingProcess) -> list[str]:
    """Problems with the attendance (empty when ≥ the configured minimum total and per class)."""
    bylaw = process.coop.bylaws.order_by("version").first()
    # The founding AD/ART (version 1) holds the minimums; 20 and 2 before it exists.
    min_total = bylaw.founding_min_students if bylaw else 20
    min_class = bylaw.founding_min_per_class if bylaw else 2
    attendee_ids = set(process.attendees.values_list("pk", flat=True))
    problems = []
    if len(attendee_ids) < min_total:
        problems.append(
            _("Siswa yang hadir %(n)s, minimal %(min)s.")
            % {"n": len(attendee_ids), "min": min_total}
        )
    for classroom in Classroom.objects.filter(
        school=process.coop.school, enrolments__isnull=False
    ).distinct():
        present = classroom.enrolments.filter(student_id__in=attendee_ids).count()
        if present < min_class:
            problems.append(
                _("Kelas %(c)s: hadir %(n)s siswa, minimal %(min)s per kelas.")
                % {"c": classroom.name, "n": present, "min": min_class}
            )
    return problems


def election_result(*, process: FoundingProcess) -> dict[str, Any]:
    """Winners per office (a tie is no winner) and the problems that block approval."""
    winners: dict[str, tuple[User, int] | None] = {}
    problems = []
    tallies = {}
    for role in ELECTED_ROLES:
        counts = Counter(process.votes.filter(role=role).values_list("candidate_id", flat=True))
        ranked = counts.most_common()
        tallies[role] = ranked
        # A tie elects nobody: the meeting votes again rather than the code picking one.
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            winners[role] = None
            problems.append(
                _("Belum ada pemenang untuk %(role)s.") % {"role": PositionRole(role).label}
            )
        else:
            winners[role] = (User.objects.get(pk=ranked[0][0]), ranked[0][1])
    problems += _double_office_problems(winners)
    # A ballot has one vote row per office: count the voters, not the rows.
    ballots = process.votes.values("voter").distinct().count()
    attendees = process.attendees.count()
    bylaw = process.coop.bylaws.order_by("version").first()
    # Ceiling division: a quorum of 51 % of 21 attendees is 11 ballots, not 10.
    needed = -(-attendees * (bylaw.quorum_percent if bylaw else 51) // 100)
    if ballots < needed:
        problems.append(_("Suara masuk %(n)s, kuorum %(min)s.") % {"n": ballots, "min": needed})
    return {
        "winners": winners,
        "problems": problems,
        "tallies": tallies,
        "ballots": ballots,
        "needed": needed,
    }


def _double_office_problems(winners: dict[str, tuple[User, int] | None]) -> list[str]:
    """One person elected to two offices (or an incompatible pair) blocks approval."""
    problems = []
    held: dict[int, set[str]] = {}
    for office, won in winners.items():
        if won:
            held.setdefault(won[0].pk, set()).add(office)
    for roles in held.values():
        # The pengawas checks the bendahara's books, so this pair gets its own message.
        if frozenset({PositionRole.BENDAHARA, PositionRole.PENGAWAS}) <= roles:
            problems.append(_("Bendahara dan pengawas tidak boleh orang yang sama."))
        elif len(roles) > 1 or any(pair <= roles for pair in INCOMPATIBLE_ROLES):
            problems.append(_("Satu orang terpilih untuk dua jabatan; pilih orang yang berbeda."))
    return problems


def founding_step_problems(*, process: FoundingProcess) -> list[str]:
    step = process.step
    if step == FoundingStep.COMMITTEE and not process.committee:
        return [_("Susunan panitia pendiri belum diisi.")]
    if step == FoundingStep.MEETING:
        if not process.meeting_date or not process.meeting_place:
            return [_("Tanggal dan tempat rapat belum diisi.")]
        return attendance_check(process=process)
    if step == FoundingStep.BYLAWS:
        bylaw = process.coop.bylaws.order_by("version").first()
        if not bylaw or not bylaw.ad_art_text:
            return [_("AD/ART belum disusun.")]
    if step == FoundingStep.ELECTION:
        return election_result(process=process)["problems"]
    return []


def staff_candidates(*, coop: Cooperative) -> QuerySet[User]:
    """Teachers and staff of the school (not students), who may found the coop with them."""
    students = User.objects.filter(
        role_assignments__role=Role.STUDENT, role_assignments__school=coop.school
    )
    return (
        User.objects.filter(role_assignments__school=coop.school)
        # Anyone with the student role at this school is a student founder, even if also staff.
        .exclude(pk__in=students.values("pk"))
        .distinct()
        .order_by("full_name")
    )
