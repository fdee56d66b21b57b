"""Fresh cooperatives for the browser tests, built through the services in the live server's
database (`manage.py shell`, see `build`), and the expected numbers read back from the
selectors after the browser has done its part.

The server's clock is never moved: a world is founded in the last tahun buku (today.year - 1),
so that year can be closed and its RAT held today, as the demo does."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "kopsis-demo"
REGION = "1603"  # Kabupaten Muara Enim, seeded by the core demo


def build(call: str) -> dict[str, Any]:
    """Run `tests.e2e.worlds.<call>` in the server's database; its JSON result."""
    script = (
        "import json\n"
        "from django.db import transaction\n"
        "from tests.e2e import worlds\n"
        "with transaction.atomic():\n"
        f"    result = worlds.{call}\n"
        "print('WORLD ' + json.dumps(result))\n"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if out.returncode:
        raise AssertionError(f"{call} failed:\n{out.stderr[-3000:]}")
    line = next(x for x in reversed(out.stdout.splitlines()) if x.startswith("WORLD "))
    return json.loads(line[len("WORLD ") :])


def _key() -> str:
    import uuid

    return f"world-{uuid.uuid4().hex}"


def _school(tag: str) -> tuple[Any, Any]:
    """A school of the demo region with its teacher (the guru pembina to be)."""
    from lms.accounts.models import Role, RoleAssignment, User
    from lms.schools.models import Region, School

    region = Region.objects.get(code=REGION)
    school = School.objects.create(
        npsn=f"7{abs(hash(tag)) % 10_000_000:07d}",
        name=f"SMP Uji {tag}",
        level=School.Level.SMP,
        region=region,
    )
    teacher = User.objects.create_user(username=f"guru-{tag}", full_name=f"Guru {tag}")
    teacher.set_password(PASSWORD)
    teacher.save()
    RoleAssignment.objects.create(user=teacher, role=Role.TEACHER, school=school)
    return school, teacher


def _students(school: Any, teacher: Any, tag: str, names: list[str]) -> list[Any]:
    """Students of one class with the guardians' consent recorded, as the demo's are."""
    from lms.schools.models import Classroom
    from school_coops.demo import _student

    classroom = Classroom.objects.create(
        school=school, name="8A", academic_year="2026/2027", grade=8
    )
    return [_student(f"{tag}-{i:02d}", name, classroom, teacher) for i, name in enumerate(names, 1)]


def _coop(tag: str, names: list[str]) -> tuple[Any, Any, list[Any]]:
    """A coop founded on 6 January of the last tahun buku, every student a founding member."""
    from django.utils import timezone

    from school_coops.models import Membership
    from school_coops.services.cooperative import cooperative_create
    from school_coops.services.members import membership_register

    school, teacher = _school(tag)
    founded = datetime.date(timezone.localdate().year - 1, 1, 6)
    coop = cooperative_create(
        school=school, name=f"Kopsis Uji {tag}", by=teacher, founded_on=founded
    )
    members = [
        membership_register(
            coop=coop,
            member=user,
            category=Membership.Category.STUDENT,
            by=teacher,
            date=founded,
            is_founder=True,
        )
        for user in _students(school, teacher, tag, names)
    ]
    return coop, teacher, members


def _member_sales(coop: Any, members: list[Any], by: Any) -> None:
    """Purchases by the members through the year: what their jasa usaha is computed from."""
    from school_coops.services.participation import member_purchase_record

    year = members[0].joined_on.year
    for i, membership in enumerate(members):
        member_purchase_record(
            membership=membership,
            amount=20_000 + 10_000 * i,
            by=by,
            date=datetime.date(year, 3 + i, 12),
            idempotency_key=f"world-buy-{membership.pk}",
        )


def rat_world(tag: str) -> dict[str, Any]:
    """Five members, some purchases, the last tahun buku closed: a RAT waits to be scheduled."""
    from school_coops.services.closing import fiscal_year_close

    names = ["Ani Rapat", "Budi Rapat", "Citra Rapat", "Dodi Rapat", "Eka Rapat"]
    coop, teacher, members = _coop(tag, names)
    _member_sales(coop, members, teacher)
    year = members[0].joined_on.year
    fiscal_year_close(
        coop=coop,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        by=teacher,
    )
    return {
        "slug": coop.slug,
        "year": year,
        "teacher": teacher.username,
        "members": [{"username": m.member.username, "name": m.member.full_name} for m in members],
    }


# --- The whole year of a canteen -----------------------------------------------------------


def _canteen(coop: Any, members: list[Any], treasurer: Any) -> dict[str, Any]:
    """A canteen with two own items, a consigned cake from a member, stocked in January."""
    from school_coops.services import business as biz

    day = members[0].joined_on + datetime.timedelta(days=1)
    unit = biz.business_unit_create(coop=coop, kind="kantin", name="Kantin Uji")
    rice = biz.item_create(unit=unit, name="Nasi uduk", measure="porsi", price=6000)
    tea = biz.item_create(unit=unit, name="Teh manis", measure="gelas", price=2500)
    cake = biz.item_create(
        unit=unit,
        name="Kue lapis",
        price=2000,
        consignor=members[-1].member,
        consignor_share=1500,
    )
    for item, qty, paid in ((rice, 60, 240_000), (tea, 80, 80_000)):
        biz.stock_purchase_record(
            item=item, qty=qty, paid=paid, by=treasurer, idempotency_key=_key(), date=day
        )
    biz.consignment_receive(item=cake, qty=20, by=treasurer, idempotency_key=_key(), date=day)
    return {"unit": unit, "rice": rice, "tea": tea, "cake": cake}


def year_world(tag: str) -> dict[str, Any]:
    """Six founding members (the first is the bendahara), a hibah as opening capital, a
    canteen stocked in January of the last tahun buku; the year is NOT closed yet. Its counter
    days are entered in the browser (catch-up days, "Ganti hari"), not here."""
    from school_coops.models import PositionRole
    from school_coops.services.members import position_assign

    names = ["Rina Bendahara", "Sari Anggota", "Tono Anggota", "Umi Anggota", "Vino Anggota"]
    coop, teacher, members = _coop(tag, [*names, "Wati Penitip"])
    treasurer = members[0].member
    position_assign(
        membership=members[0], role=PositionRole.BENDAHARA, by=teacher, started_on=coop.founded_on
    )
    _opening_capital(coop, treasurer)
    canteen = _canteen(coop, members, treasurer)
    return {
        "slug": coop.slug,
        "year": coop.founded_on.year,
        "teacher": teacher.username,
        "unit": canteen["unit"].code,
        "treasurer": treasurer.username,
        "members": [{"username": m.member.username, "name": m.member.full_name} for m in members],
    }


def _opening_capital(coop: Any, treasurer: Any) -> None:
    from decimal import Decimal

    from school_coops.models import Side
    from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post

    kas = account_by_code(coop=coop, code="1-1101")
    grant = account_by_code(coop=coop, code="3-1401")
    journal_entry_post(
        coop=coop,
        date=coop.founded_on,
        memo="Hibah komite sekolah untuk modal awal",
        by=treasurer,
        lines=[
            LineInput(kas.pk, Side.DEBIT, Decimal(400_000)),
            LineInput(grant.pk, Side.CREDIT, Decimal(400_000)),
        ],
        receipt=True,
        idempotency_key=f"world-hibah-{coop.pk}",
    )


def year_expected(slug: str, year: int) -> dict[str, Any]:
    """What the RAT pack and the portal must say, read from the selectors (never typed in)."""
    from school_coops.models import Cooperative, Sale, ShuDistribution
    from school_coops.selectors.rat import shu_decision
    from school_coops.selectors.statements import financial_statements

    coop = Cooperative.objects.get(slug=slug)
    statements = financial_statements(coop=coop, fiscal_year=year)
    decided = shu_decision(coop=coop, fiscal_year=year)
    distribution = ShuDistribution.objects.get(coop=coop, fiscal_year=year)
    shares = {
        s.membership.member.username: str(s.amount)
        for s in distribution.shares.select_related("membership__member")
    }
    assert decided is not None
    return {
        "surplus": str(statements["phu"].surplus),
        "total_assets": str(statements["position"].assets.total),
        "cash_closing": str(statements["cash_flow"].closing),
        "shu_total": str(decided.shu_total),
        "votes": [decided.votes_yes, decided.votes_no, decided.votes_abstain],
        "allocation": [row["amount"] for row in decided.shu_allocation],
        "shares": shares,
        "counter_days": sorted(
            {d.isoformat() for d in Sale.objects.filter(coop=coop).values_list("date", flat=True)}
        ),
        "counter_sales_in_year": Sale.objects.filter(coop=coop, date__year=year).count(),
    }


# --- A distributed SHU waiting to be paid (tests/e2e/test_shu_payout.py) --------------------


def shu_payout_world(tag: str, count: int) -> dict[str, Any]:
    """`count` founding members (above settings.SHU_ASYNC_MEMBERS, read per request, so "Bayar
    semua" runs as the Celery job without lowering the setting for the other tests), a few
    purchases, the last tahun buku closed, its RAT approving the SHU today, the SHU confirmed.
    Nothing is paid yet."""
    from django.utils import timezone

    from school_coops.services.closing import fiscal_year_close
    from school_coops.services.shu import shu_distribution_confirm
    from tests.school_coops.rat_helpers import rat_with_shu_approved

    names = [f"Anggota SHU {i:03d}" for i in range(1, count + 1)]
    coop, teacher, members = _coop(tag, names)
    _member_sales(coop, members[:4], teacher)
    year = members[0].joined_on.year
    fiscal_year_close(
        coop=coop, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31), by=teacher
    )
    today = timezone.localdate()
    rat_with_shu_approved(coop=coop, fiscal_year=year, held_on=today, by=teacher)
    distribution = shu_distribution_confirm(coop=coop, fiscal_year=year, by=teacher)
    first = distribution.shares.select_related("membership__member").order_by("pk").first()
    assert first is not None
    return {
        "slug": coop.slug,
        "year": year,
        "teacher": teacher.username,
        "shares": distribution.shares.count(),
        "member": first.membership.member.username,
        "amount": str(first.amount),
    }


def shu_payout_expected(slug: str, year: int) -> dict[str, Any]:
    """What the browser must have done: every share paid into simpanan sukarela."""
    from school_coops.models import ShuDistribution

    distribution = ShuDistribution.objects.get(coop__slug=slug, fiscal_year=year)
    return {
        "paid_to": sorted(set(distribution.shares.values_list("paid_to", flat=True))),
        "unpaid": distribution.shares.filter(paid_entry__isnull=True).count(),
    }
