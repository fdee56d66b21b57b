"""Province-scale generated data for the district dashboard (`manage.py district_generate`).

bulk_create only, in batches, so PostgreSQL builds the full province in minutes. The numbers
are deterministic for a given scale: tests recompute the dashboard from these raw rows.
Full scale: 40 kabupaten, 2,000 schools (one cooperative each), 400,000 students, a year of
sales per active cooperative. Generated regions have codes starting with "G".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from lms.accounts.models import Role, RoleAssignment, User
from lms.fastpage import bump_person
from lms.schools.models import Classroom, Enrolment, Region, School
from school_coops import models as m
from school_coops.chart import CASH, DEFAULT_CHART, MEMBER_SALES

PROVINCE = "Jawa Timur (data uji)"
BATCH = 5000
FULL = {"regions": 40, "schools": 2000, "students": 400_000, "entries_per_coop": 100}


@dataclass
class Generated:
    regions: list[Region] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    teachers: dict[int, User] = field(default_factory=dict)  # school pk -> guru pembina
    students: dict[int, list[int]] = field(default_factory=dict)  # school pk -> user pks
    coops: list[m.Cooperative] = field(default_factory=list)


def sizes(scale: float) -> dict[str, int]:
    regions = max(2, round(FULL["regions"] * scale))
    schools = max(regions * 2, round(FULL["schools"] * scale))
    students = max(schools * 10, round(FULL["students"] * scale))
    entries = max(4, min(FULL["entries_per_coop"], round(FULL["entries_per_coop"] * scale * 10)))
    return {"regions": regions, "schools": schools, "students": students, "entries": entries}


def _regions_and_schools(out: Generated, n_regions: int, n_schools: int) -> None:
    out.regions = Region.objects.bulk_create(
        Region(province=PROVINCE, name=f"Kabupaten Uji {n + 1:02d}", code=f"G{n + 1:03d}")
        for n in range(n_regions)
    )
    levels = (School.Level.SMP, School.Level.SMA, School.Level.MTS, School.Level.SMK)
    out.schools = School.objects.bulk_create(
        (
            School(
                npsn=f"9{n:07d}",
                name=f"{levels[n % 4]} Uji {n + 1:04d}",
                level=levels[n % 4],
                region=out.regions[n % n_regions],
                kecamatan=f"Kecamatan {n // n_regions % 8 + 1}",
            )
            for n in range(n_schools)
        ),
        batch_size=BATCH,
    )


def _users(prefix: str, count: int, start: int = 0) -> list[User]:
    password = make_password(None)  # unusable: generated people never sign in
    users = (
        User(username=f"{prefix}{n:06d}", full_name=f"Peserta Uji {n:06d}", password=password)
        for n in range(start, start + count)
    )
    return User.objects.bulk_create(users, batch_size=BATCH)


def _people(out: Generated, n_students: int) -> None:
    teachers = _users("gen-g", len(out.schools))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=t, role=Role.TEACHER, school=s)
        for t, s in zip(teachers, out.schools, strict=True)
    )
    out.teachers = {s.pk: t for s, t in zip(out.schools, teachers, strict=True)}
    classrooms = Classroom.objects.bulk_create(
        Classroom(school=s, name="8A", grade=8, academic_year="2026/2027") for s in out.schools
    )
    per_school = n_students // len(out.schools)
    for offset in range(0, n_students, BATCH * 4):
        chunk = _users("gen-s", min(BATCH * 4, n_students - offset), offset)
        enrolments = []
        for n, user in enumerate(chunk, start=offset):
            index = min(n // per_school, len(out.schools) - 1)
            out.students.setdefault(out.schools[index].pk, []).append(user.pk)
            enrolments.append(Enrolment(classroom=classrooms[index], student=user))
        Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)


# Every tenth cooperative: 0 rintisan, 1-2 tidak aktif (last RAT long ago), 3 RAT late,
# 4 RAT of last year not held, else RAT on time.
def coop_kind(n: int) -> str:
    return {0: "rintisan", 1: "inactive", 2: "inactive", 3: "late", 4: "missing"}.get(
        n % 10, "on_time"
    )


def _coops(out: Generated, today: datetime.date) -> None:
    year = today.year - 1
    last_rat = {
        "inactive": datetime.date(year - 4, 3, 15),
        "late": datetime.date(today.year, 9, 10),
        "missing": datetime.date(year, 3, 1),
        "on_time": datetime.date(today.year, 3, 20),
    }
    coops = []
    for n, school in enumerate(out.schools):
        kind = coop_kind(n)
        founded = None if kind == "rintisan" else datetime.date(2019 + n % 4, 7, 15)
        coops.append(
            m.Cooperative(
                school=school,
                name=f"Kopsis {school.name}",
                slug=f"gen-kopsis-{n + 1:05d}",
                founded_on=founded,
                recognised_on=founded,  # generated cooperatives were recognised when founded
                last_rat_on=last_rat.get(kind),
                inactive_after_missed_rat_years=3,
            )
        )
    out.coops = m.Cooperative.objects.bulk_create(coops, batch_size=BATCH)
    m.Cooperative.supervisors.through.objects.bulk_create(
        m.Cooperative.supervisors.through(cooperative=c, user=out.teachers[c.school_id])
        for c in out.coops
    )
    m.Account.objects.bulk_create(
        (
            m.Account(coop=c, code=code, name=name, account_class=cls, normal_side=side)
            for c in out.coops
            for code, name, cls, side in DEFAULT_CHART
        ),
        batch_size=BATCH,
    )


def _rats(out: Generated, today: datetime.date) -> None:
    year = today.year - 1
    records = []
    for n, coop in enumerate(out.coops):
        kind, by = coop_kind(n), out.teachers[coop.school_id]
        if kind == "rintisan":
            continue
        if kind == "inactive":
            records.append((coop, year - 5, datetime.date(year - 4, 3, 15), False, by))
            continue
        records.append((coop, year - 1, datetime.date(year, 3, 1), False, by))
        if kind in ("late", "on_time"):
            held = (
                datetime.date(today.year, 9, 10)
                if kind == "late"
                else datetime.date(today.year, 3, 20)
            )
            records.append((coop, year, held, kind == "late", by))
    m.RatRecord.objects.bulk_create(
        (
            m.RatRecord(coop=c, fiscal_year=y, held_on=d, is_late=late, recorded_by=b)
            for c, y, d, late, b in records
        ),
        batch_size=BATCH,
    )


def _members(out: Generated, today: datetime.date) -> None:
    """Half of each school's students are members; every fourth joined this year."""
    rows = []
    for _n, coop in enumerate(out.coops):
        if coop.founded_on is None:
            continue
        pupils = out.students.get(coop.school_id, [])
        for k, student in enumerate(pupils[: len(pupils) // 2]):
            joined = today - datetime.timedelta(days=30 if k % 4 == 0 else 500)
            rows.append(
                m.Membership(
                    coop=coop,
                    member_id=student,
                    category=m.Membership.Category.STUDENT,
                    number=f"{k + 1:04d}",
                    status=m.Membership.Status.ACTIVE,
                    joined_on=joined,
                )
            )
    members = m.Membership.objects.bulk_create(rows, batch_size=BATCH)
    m.SavingsAccount.objects.bulk_create(
        (
            m.SavingsAccount(
                membership=member, kind=m.SavingsKind.POKOK, balance=Decimal(10000 + k % 5 * 1000)
            )
            for k, member in enumerate(members)
        ),
        batch_size=BATCH,
    )
    firsts: dict[int, list[m.Membership]] = {}
    for member in members:
        if len(firsts.setdefault(member.coop_id, [])) < 2:
            firsts[member.coop_id].append(member)
    m.Position.objects.bulk_create(
        m.Position(coop_id=coop_id, membership=ms, role=role, started_on=ms.joined_on or today)
        for coop_id, pair in firsts.items()
        for ms, role in zip(
            pair, (m.PositionRole.KETUA, m.PositionRole.BENDAHARA)[: len(pair)], strict=True
        )
    )


def _periods(coops: list[m.Cooperative], today: datetime.date) -> dict[tuple[int, int, int], int]:
    months = []
    day = datetime.date(today.year - 1, today.month, 1)
    while day <= today:
        months.append(day)
        day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    rows = []
    for coop in coops:
        for start in months:
            end = datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            rows.append(
                m.AccountingPeriod(
                    coop=coop, start_date=start, end_date=end - datetime.timedelta(days=1)
                )
            )
    created = m.AccountingPeriod.objects.bulk_create(rows, batch_size=BATCH)
    return {(p.coop_id, p.start_date.year, p.start_date.month): p.pk for p in created}


def _entries(out: Generated, today: datetime.date, per_coop: int) -> int:
    """A year of member sales (D kas / K penjualan); the inactive stop 120 days ago."""
    active = [c for n, c in enumerate(out.coops) if coop_kind(n) != "rintisan"]
    periods = _periods(active, today)
    accounts = {
        (a.coop_id, a.code): a.pk
        for a in m.Account.objects.filter(coop__in=active, code__in=(CASH, MEMBER_SALES))
    }
    kinds = {c.pk: coop_kind(n) for n, c in enumerate(out.coops)}
    total = 0
    for offset in range(0, len(active), 200):
        chunk = active[offset : offset + 200]
        total += _entries_for(chunk, kinds, periods, accounts, out, today, per_coop)
    return total


def _entries_for(
    coops: list[m.Cooperative],
    kinds: dict[int, str],
    periods: dict,
    accounts: dict,
    out: Generated,
    today: datetime.date,
    per_coop: int,
) -> int:

    # long: a year of one cooperative's journal in one loop keeps bulk_create fast at scale
    entries: list[m.JournalEntry] = []
    for coop in coops:
        span = 240 if kinds[coop.pk] == "inactive" else 360
        for k in range(per_coop):
            day = today - datetime.timedelta(
                days=(span * k) // per_coop + (120 if span == 240 else 0)
            )
            entries.append(
                m.JournalEntry(
                    coop=coop,
                    period_id=periods[(coop.pk, day.year, day.month)],
                    number=k + 1,
                    date=day,
                    memo="Penjualan ke anggota",
                    created_by=out.teachers[coop.school_id],
                )
            )
    entries = m.JournalEntry.objects.bulk_create(entries, batch_size=BATCH)
    lines = []
    for k, entry in enumerate(entries):
        amount = Decimal(5000 + (k % 10) * 2500)
        lines.append(
            m.JournalLine(
                entry=entry,
                account_id=accounts[(entry.coop_id, CASH)],
                side=m.Side.DEBIT,
                amount=amount,
            )
        )
        lines.append(
            m.JournalLine(
                entry=entry,
                account_id=accounts[(entry.coop_id, MEMBER_SALES)],
                side=m.Side.CREDIT,
                amount=amount,
            )
        )
    m.JournalLine.objects.bulk_create(lines, batch_size=BATCH)
    m.JournalEntry.objects.filter(pk__in=[e.pk for e in entries]).update(posted_at=timezone.now())
    return len(entries)


def generate(scale: float = 1.0, today: datetime.date | None = None) -> dict[str, Any]:
    """Create the province; refuses (returns {}) when generated regions already exist."""
    if Region.objects.filter(code__startswith="G", province=PROVINCE).exists():
        return {}
    today = today or timezone.localdate()
    size = sizes(scale)
    out = Generated()
    _regions_and_schools(out, size["regions"], size["schools"])
    _people(out, size["students"])
    _coops(out, today)
    _rats(out, today)
    _members(out, today)
    # bulk_create sends no signal: the members' cached portal pages (lms.fastpage).
    bump_person(
        *m.Membership.objects.filter(coop__in=out.coops).values_list("member_id", flat=True)
    )
    entries = _entries(out, today, size["entries"])
    return {**size, "entries_total": entries, "generated": out}
