"""Demo (called from school_coops/demo.py): a RAT in progress today, to open in `make demo`.

"Kopsis Bina Karya" of a third demo school closed its last tahun buku with an SHU; its RAT
was scheduled and opened today, six of eight members are on the daftar hadir (the kuorum is
met), the accountability report is open for voting (three votes in, karya01 has not voted:
their dashboard shows the ballot link), and the SHU split waits as a motion not yet opened.

A vote is open for at most 120 minutes (services/rat.py MAX_VOTING_MINUTES): after that the
guru pembina decides it and opens the SHU motion. Idempotent: the coop is looked up by name.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from lms.accounts.models import Role, RoleAssignment, User
from lms.demo import DEMO_PASSWORD, ensure_password
from lms.schools.models import Classroom, Region, School

NPSN = "69900006"
COOP_NAME = "Kopsis Bina Karya"
TEACHER = "guru-karya"
MEMBERS = 8
PRESENT = 6


def _people(region: Region) -> tuple[School, User, list[User]]:
    from school_coops.demo import _student

    school, _c = School.objects.get_or_create(
        npsn=NPSN,
        defaults={
            "name": "SMP Negeri Bina Karya (demo)",
            "level": School.Level.SMP,
            "region": region,
            "kecamatan": "Lawang Kidul",
        },
    )
    teacher, _c = User.objects.get_or_create(
        username=TEACHER, defaults={"full_name": "Ratna Dewi, S.Pd."}
    )
    ensure_password(teacher)
    RoleAssignment.objects.get_or_create(user=teacher, role=Role.TEACHER, school=school)
    classroom, _c = Classroom.objects.get_or_create(
        school=school, name="9A", academic_year="2026/2027", defaults={"grade": 9}
    )
    classroom.teachers.add(teacher)
    students = [
        _student(f"karya{i:02d}", f"Siswa Karya {i:02d}", classroom, teacher)
        for i in range(1, MEMBERS + 1)
    ]
    return school, teacher, students


def _last_year(coop: Any, members: list[Any], teacher: User, year: int) -> None:
    """Purchases by the members and their cost, then the tahun buku closed: an SHU to split."""
    from school_coops.models import Side
    from school_coops.services.closing import fiscal_year_close
    from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
    from school_coops.services.participation import member_purchase_record

    for i, membership in enumerate(members):
        member_purchase_record(
            membership=membership,
            amount=30_000 + 5_000 * i,
            by=teacher,
            date=datetime.date(year, 2 + i, 10),
            idempotency_key=f"karya-buy-{year}-{i}",
        )
    kas, cost = account_by_code(coop=coop, code="1-1101"), account_by_code(coop=coop, code="5-1101")
    journal_entry_post(
        coop=coop,
        date=datetime.date(year, 11, 28),
        memo="Harga pokok barang yang dijual kepada anggota",
        by=teacher,
        lines=[
            LineInput(cost.pk, Side.DEBIT, Decimal(190_000)),
            LineInput(kas.pk, Side.CREDIT, Decimal(190_000)),
        ],
        idempotency_key=f"karya-cogs-{year}",
    )
    fiscal_year_close(
        coop=coop, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31), by=teacher
    )


def _rat_today(coop: Any, members: list[Any], teacher: User, year: int) -> None:
    from django.utils import timezone

    from school_coops.models import MotionKind, VoteChoice
    from school_coops.services import rat as svc

    today = timezone.localdate()
    meeting = svc.rat_meeting_schedule(
        coop=coop, fiscal_year=year, scheduled_on=today, by=teacher, place="Aula sekolah"
    )
    svc.rat_meeting_start(
        meeting=meeting,
        by=teacher,
        held_on=today,
        chair_name="Siswa Karya 02",
        secretary_name="Siswa Karya 03",
    )
    svc.rat_attendance_record(meeting=meeting, memberships=members[:PRESENT], by=teacher)
    report = svc.rat_motion_add(
        meeting=meeting,
        kind=MotionKind.ACCOUNTABILITY,
        title=f"Pengesahan laporan pertanggungjawaban pengurus {year}",
        by=teacher,
    )
    svc.rat_motion_open(motion=report, minutes=svc.MAX_VOTING_MINUTES, by=teacher)
    for membership in members[1:4]:  # paper ballots the guru pembina recorded
        svc.rat_vote_cast(motion=report, voter=membership.member, choice=VoteChoice.YES, by=teacher)
    svc.rat_motion_add(
        meeting=meeting, kind=MotionKind.SHU, title=f"Pembagian SHU tahun buku {year}", by=teacher
    )


def seed() -> list[str]:
    from django.utils import timezone

    from school_coops.models import Cooperative, Membership
    from school_coops.services.cooperative import cooperative_create
    from school_coops.services.members import membership_register

    region = Region.objects.filter(code="1603").first()
    if region is None:
        return []
    if Cooperative.objects.filter(name=COOP_NAME).exists():
        return [f"  {TEACHER}  {COOP_NAME}: RAT in progress (already seeded)"]
    school, teacher, students = _people(region)
    year = timezone.localdate().year - 1
    founded = datetime.date(year, 1, 6)
    coop = cooperative_create(school=school, name=COOP_NAME, by=teacher, founded_on=founded)
    members = [
        membership_register(
            coop=coop,
            member=student,
            category=Membership.Category.STUDENT,
            by=teacher,
            date=founded,
            is_founder=True,
        )
        for student in students
    ]
    _last_year(coop, members, teacher, year)
    _rat_today(coop, members, teacher, year)
    url = f"/koperasi/{coop.slug}/rapat-anggota/{year}/"
    return [
        f"  {TEACHER}  {COOP_NAME}: RAT {year} in progress today at {url}",
        f"  karya01..karya{MEMBERS:02d}  its members (password {DEMO_PASSWORD}); karya01's "
        "dashboard links to the open vote",
    ]
