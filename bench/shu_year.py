"""SHU year budget (issue 11): a year of 50,000 sales for 600 members closes and computes its
SHU in under 10 s on PostgreSQL.

Usage: .venv/bin/python bench/shu_year.py [--rebuild]

1. Builds once a seed database (`<bench db>_seed`, next to `kopsis_shuyear` or the one in
   BENCH_DATABASE_URL): migrate, then a school cooperative with 600 student members (consent,
   registration, simpanan pokok and 1-3 months of wajib through the real services), a canteen
   with 8 items bought in through stock_purchase_record, and 50,000 cash canteen sales spread
   over the closed tahun buku (70 % to members, 30 % to non-members). The sales are written in
   bulk: the same journal entries and lines sale_record posts (D Kas / K 4-1101 named with the
   member or K 4-1201; D cost of goods sold / K persediaan kantin), the Sale, SaleLine and
   StockMovement rows, and the items' stock. A finished seed is marked with a database comment,
   so a rerun skips this step (`--rebuild` forces it).
2. Copies the seed into the bench database (CREATE DATABASE ... TEMPLATE), so every run times
   the same untouched year.
3. Checks sampled bulk sales against sale_record: the service records the same sale again (same
   unit, items, member, payment and day) in a transaction that is rolled back, and every row is
   compared with the bulk one.
4. Times the real services, each as its own figure with its SQL query count: the year close
   (fiscal_year_close), shu_plan, shu_distribution_confirm and shu_payout_all into simpanan
   sukarela. Between the close and shu_plan a RAT is held through the RAT services (untimed:
   it is a meeting, not the computation); its SHU motion is what allows the distribution.

Budget: close + shu_plan < 10 s. Prints PASS or FAIL and exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kopsis_shuyear"
)
DB_NAME = urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")
SEED_NAME = f"{DB_NAME}_seed"
SEED_URL = DATABASE_URL.rsplit("/", 1)[0] + f"/{SEED_NAME}"
VAR_DIR = Path(os.environ.get("BENCH_VAR_DIR", str(ROOT / "var" / "bench-shu")))
MEMBERS = 600
SALES = 50_000
MEMBER_SHARE = 7  # of every 10 sales go to members
BUDGET_S = 10.0
SCHOOL_NPSN = "69110011"
CHUNK = 5000
SEED_VERSION = f"kopsis bench shu_year v1: {MEMBERS} members, {SALES} sales"
ITEMS = [  # name, price, cost per unit (whole rupiah)
    ("Nasi uduk", 5000, 3500),
    ("Roti isi", 3000, 2000),
    ("Air mineral", 3000, 1800),
    ("Teh kotak", 4000, 2800),
    ("Mi goreng", 6000, 4200),
    ("Pisang goreng", 2000, 1200),
    ("Susu kotak", 5000, 3700),
    ("Buku tulis", 4000, 2900),
]
STOCK_PER_ITEM = 20_000
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_SETTINGS_MODULE": "lms.settings.base",  # DEBUG off, as production
    "LMS_VAR_DIR": str(VAR_DIR),
    "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/10"),
    "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/10"),
}


def fiscal_year() -> int:
    """The last closed calendar tahun buku (the default fiscal year starts in January)."""
    from django.utils import timezone

    return timezone.localdate().year - 1


# --- Databases --------------------------------------------------------------------------------


def _admin() -> Any:
    import psycopg

    url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    return psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True)


def seed_ready() -> bool:
    with _admin() as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [SEED_NAME],
        ).fetchone()
    return row is not None and row[0] == SEED_VERSION


def build_seed() -> float:
    """A fresh seed database, migrated and filled by this script in a child process."""
    started = time.perf_counter()
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{SEED_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{SEED_NAME}"')
    env = {**ENV, "DATABASE_URL": SEED_URL}
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, __file__, "--fill-seed"], cwd=ROOT, env=env, check=True)
    with _admin() as conn:
        conn.execute(f"COMMENT ON DATABASE \"{SEED_NAME}\" IS '{SEED_VERSION}'")
    return time.perf_counter() - started


def copy_seed(*, analyze: bool) -> float:
    """The bench database as an exact copy of the seed (the year not closed yet).

    With `analyze`, planner statistics as autovacuum leaves them some minutes after a bulk
    load; without, the plans PostgreSQL picks right after one (row estimates of 1)."""
    import psycopg

    started = time.perf_counter()
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{SEED_NAME}"')
    # New migrations on the branch since the seed was built.
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=ENV, check=True)
    if analyze:
        url = DATABASE_URL.replace("postgres://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")
    return time.perf_counter() - started


def setup_django(url: str) -> None:
    os.environ.update({**ENV, "DATABASE_URL": url})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- The seed: people and the canteen through the services ----------------------------------


def _people() -> tuple[Any, list[Any]]:
    """A school, its guru pembina and 600 students with guardian consent (bulk: no service
    creates users), then the cooperative and its members through the real services."""
    # long: the fixture's story in one place (school, teacher, students, coop, members)
    from django.contrib.auth.hashers import make_password

    from lms.accounts.models import ConsentPurpose, ConsentRecord, Role, RoleAssignment, User
    from lms.schools.models import Classroom, Enrolment, Region, School
    from school_coops.models import Membership
    from school_coops.services.cooperative import cooperative_create
    from school_coops.services.members import membership_register

    year = fiscal_year()
    region, _ = Region.objects.get_or_create(
        code="B911", defaults={"province": "Bench", "name": "Kabupaten Bench"}
    )
    school = School.objects.create(
        npsn=SCHOOL_NPSN, name="SMP Negeri Bench SHU", level=School.Level.SMP, region=region
    )
    teacher = User.objects.create(username="bench-shu-guru", full_name="Guru Pembina Bench")
    RoleAssignment.objects.create(user=teacher, role=Role.TEACHER, school=school)
    classroom = Classroom.objects.create(
        school=school, name="Bench", grade=8, academic_year=f"{year}/{year + 1}"
    )
    password = make_password(None)
    students = User.objects.bulk_create(
        User(username=f"bench-shu-{k:04d}", full_name=f"Siswa Bench {k:04d}", password=password)
        for k in range(MEMBERS)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=s, role=Role.STUDENT, school=school) for s in students
    )
    Enrolment.objects.bulk_create(Enrolment(classroom=classroom, student=s) for s in students)
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            student=s,
            purpose=purpose,
            action=ConsentRecord.Action.GRANT,
            guardian_name="Wali Bench",
            guardian_relation="ibu",
            method=ConsentRecord.Method.PAPER,
            notice_version="2026-11",
            recorded_by=teacher,
        )
        for s in students
        for purpose in ConsentPurpose.values
    )
    founded = datetime.date(year - 1, 7, 15)
    coop = cooperative_create(
        school=school, name="Kopsis Bench SHU", by=teacher, founded_on=founded
    )
    members = [
        membership_register(
            coop=coop, member=s, category=Membership.Category.STUDENT, by=teacher, date=founded
        )
        for s in students
    ]
    return coop, members


def _savings(members: list[Any], teacher: Any) -> None:
    """1 to 3 months of simpanan wajib in the year (Sa differs between members)."""
    from school_coops.services.savings import savings_wajib_pay

    year = fiscal_year()
    for k, membership in enumerate(members):
        for month in range(1, 2 + k % 3):
            savings_wajib_pay(
                membership=membership,
                period=datetime.date(year, month, 1),
                by=teacher,
                date=datetime.date(year, month, 10),
            )


def _canteen(coop: Any, teacher: Any) -> tuple[Any, list[Any]]:
    from school_coops.models import Item, UnitKind
    from school_coops.services.business import (
        business_unit_create,
        item_create,
        stock_purchase_record,
    )

    unit = business_unit_create(coop=coop, kind=UnitKind.CANTEEN, name="Kantin Bench")
    items = []
    for n, (name, price, cost) in enumerate(ITEMS):
        item = item_create(unit=unit, name=name, price=price, cost=cost)
        stock_purchase_record(
            item=item,
            qty=STOCK_PER_ITEM,
            paid=cost * STOCK_PER_ITEM,
            by=teacher,
            idempotency_key=f"bench-shu-stock-{n:04d}",
            on_credit=True,
            date=datetime.date(fiscal_year(), 1, 1),
        )
        items.append(Item.objects.get(pk=item.pk))
    return unit, items


# --- The seed: 50,000 sales in bulk ---------------------------------------------------------


def sale_plan(k: int, members: list[Any], items: list[Any]) -> tuple[Any, dict[int, int], int]:
    """Sale number k: (membership or None, {item_id: qty}, day of the year 0..364)."""
    membership = members[(k * 7919) % len(members)] if k % 10 < MEMBER_SHARE else None
    wanted = {items[k % 8].pk: 1 + k % 2}
    if k % 3 == 0:
        wanted[items[(3 * k + 1) % 8].pk] = 1
    return membership, wanted, (k * 365) // SALES


def _accounts(coop: Any, unit: Any) -> dict[str, int]:
    from school_coops.chart import CASH, MEMBER_COST, MEMBER_SALES, NONMEMBER_COST, NONMEMBER_SALES
    from school_coops.models import Account

    codes = [CASH, MEMBER_SALES, NONMEMBER_SALES, MEMBER_COST, NONMEMBER_COST, unit.inventory_code]
    return dict(Account.objects.filter(coop=coop, code__in=codes).values_list("code", "pk"))


def sale_lines(
    accounts: dict[str, int], unit: Any, membership: Any, gross: Decimal, cost: Decimal
) -> list[tuple[int, str, Decimal, int | None]]:
    """What sale_record posts for a cash sale of own goods: (account, side, amount, member)."""
    from school_coops.chart import CASH, MEMBER_COST, MEMBER_SALES, NONMEMBER_COST, NONMEMBER_SALES
    from school_coops.models import Side

    member = membership.pk if membership else None
    return [
        (accounts[CASH], Side.DEBIT, gross, None),
        (accounts[MEMBER_SALES if member else NONMEMBER_SALES], Side.CREDIT, gross, member),
        (accounts[MEMBER_COST if member else NONMEMBER_COST], Side.DEBIT, cost, None),
        (accounts[unit.inventory_code], Side.CREDIT, cost, None),
    ]


def _bulk_sales(coop: Any, unit: Any, items: list[Any], members: list[Any], teacher: Any) -> None:
    from django.db import transaction

    from school_coops.models import Item, JournalEntry
    from school_coops.services.ledger import accounting_period_for

    start = datetime.date(fiscal_year(), 1, 1)
    with transaction.atomic():
        periods = {
            m: accounting_period_for(coop=coop, day=start.replace(month=m)).pk for m in range(1, 13)
        }
    accounts = _accounts(coop, unit)
    by_pk = {i.pk: i for i in items}
    sold = dict.fromkeys(by_pk, 0)
    last = JournalEntry.objects.filter(coop=coop).order_by("-number").first()
    numbers = {"entry": last.number if last else 0, "sale": 0}
    for offset in range(0, SALES, CHUNK):
        with transaction.atomic():
            _bulk_chunk(
                range(offset, min(offset + CHUNK, SALES)),
                (coop, unit, by_pk, members, teacher, accounts, periods, start, numbers, sold),
            )
        print(f"  {offset + CHUNK:>6} sales written", flush=True)
    for pk, qty in sold.items():
        Item.objects.filter(pk=pk).update(stock_qty=by_pk[pk].stock_qty - qty)


def _bulk_chunk(ks: range, ctx: tuple) -> None:
    """One chunk of sales: entries as drafts, their lines, posted, then sales, lines, stock."""
    # long: the five bulk inserts of one chunk read in the order sale_record writes them
    from django.utils import timezone

    from school_coops.models import (
        JournalEntry,
        JournalLine,
        MovementKind,
        PaymentMethod,
        Sale,
        SaleLine,
        StockMovement,
    )
    from school_coops.services.business import _sale_memo

    coop, unit, by_pk, members, teacher, accounts, periods, start, numbers, sold = ctx
    plans, entries, lines = [], [], []
    for k in ks:
        membership, wanted, offset = sale_plan(k, members, list(by_pk.values()))
        day = start + datetime.timedelta(days=offset)
        gross = sum((by_pk[pk].price * q for pk, q in wanted.items()), Decimal(0))
        cost = sum((by_pk[pk].cost * q for pk, q in wanted.items()), Decimal(0))
        number = numbers["sale"] + 1 + k - ks.start
        entry = JournalEntry(
            coop=coop,
            period_id=periods[day.month],
            number=numbers["entry"] + 1 + k - ks.start,
            date=day,
            memo=_sale_memo(unit, number, membership)[:200],
            idempotency_key=f"jual-bench-shu-{k:08d}",
            created_by=teacher,
        )
        plans.append((k, membership, wanted, day, gross, cost, number))
        entries.append(entry)
    entries = JournalEntry.objects.bulk_create(entries)
    for entry, (_k, membership, _w, _d, gross, cost, _n) in zip(entries, plans, strict=True):
        lines += [
            JournalLine(entry=entry, account_id=a, side=s, amount=x, membership_id=m)
            for a, s, x, m in sale_lines(accounts, unit, membership, gross, cost)
        ]
    JournalLine.objects.bulk_create(lines, batch_size=CHUNK)
    JournalEntry.objects.filter(pk__in=[e.pk for e in entries]).update(posted_at=timezone.now())
    sales = Sale.objects.bulk_create(
        Sale(
            coop=coop,
            unit=unit,
            number=n,
            date=d,
            membership=m,
            payment=PaymentMethod.CASH,
            total=g,
            idempotency_key=f"bench-shu-{k:08d}",
            entry=e,
            sold_by=teacher,
        )
        for e, (k, m, _w, d, g, _c, n) in zip(entries, plans, strict=True)
    )
    sale_lines_rows = [
        SaleLine(
            sale=sale,
            item=by_pk[pk],
            qty=q,
            unit_price=by_pk[pk].price,
            unit_cost=by_pk[pk].cost,
            consignor_share=by_pk[pk].consignor_share,
        )
        for sale, plan in zip(sales, plans, strict=True)
        for pk, q in sorted(plan[2].items())
    ]
    sale_lines_rows = SaleLine.objects.bulk_create(sale_lines_rows)
    StockMovement.objects.bulk_create(
        StockMovement(
            item=line.item,
            kind=MovementKind.SALE,
            date=line.sale.date,
            qty=-line.qty,
            unit_cost=line.unit_cost,
            sale_line=line,
            entry=line.sale.entry,
            created_by=teacher,
        )
        for line in sale_lines_rows
    )
    for line in sale_lines_rows:
        sold[line.item_id] += line.qty
    numbers["entry"] += len(entries)
    numbers["sale"] += len(entries)


def fill_seed() -> None:
    from lms.fastpage import bump_person
    from school_coops.models import Item

    started = time.perf_counter()
    coop, members = _people()
    teacher = coop.supervisors.get()
    print(f"  {len(members)} members registered in {time.perf_counter() - started:.1f} s")
    _savings(members, teacher)
    unit, items = _canteen(coop, teacher)
    print(f"  savings and canteen in {time.perf_counter() - started:.1f} s", flush=True)
    _bulk_sales(coop, unit, items, members, teacher)
    # bulk_create sends no signal: the members' cached portal pages (lms.fastpage).
    bump_person(*[m.member_id for m in members])
    assert all(i.stock_qty >= 0 for i in Item.objects.filter(unit=unit))
    print(f"  seed filled in {time.perf_counter() - started:.1f} s")


# --- Measuring ----------------------------------------------------------------------------------


@contextmanager
def counted() -> Iterator[dict[str, Any]]:
    """Wall time and SQL statements (executemany counts once) of the block."""
    from django.db import connection

    out: dict[str, Any] = {"queries": 0, "seconds": 0.0, "slowest": []}
    timings: list[tuple[float, str]] = []

    def count(execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        out["queries"] += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - started, sql))

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        yield out
    out["seconds"] = time.perf_counter() - started
    out["sql_seconds"] = sum(t for t, _sql in timings)
    out["slowest"] = sorted(timings, key=lambda t: -t[0])[:3]


def _rows(sale: Any) -> dict[str, Any]:
    entry = sale.entry
    return {
        "sale": (sale.unit_id, sale.date, sale.membership_id, sale.payment, sale.total),
        "entry": (entry.coop_id, entry.period_id, entry.date, entry.workflow, entry.receipt_number),
        "posted": entry.posted_at is not None and entry.reverses_id is None,
        "memo": entry.memo.replace(sale.receipt_number, "<struk>"),
        "journal": sorted(
            (x.account_id, x.side, x.amount, x.membership_id, x.savings_account_id)
            for x in entry.lines.all()
        ),
        "sale_lines": sorted(
            (x.item_id, x.qty, x.unit_price, x.unit_cost, x.consignor_share, x.returned_qty)
            for x in sale.lines.all()
        ),
        "stock": sorted(
            (m.item_id, m.kind, m.date, m.qty, m.unit_cost, m.paid, m.entry_id == entry.pk)
            for line in sale.lines.all()
            for m in line.movements.all()
        ),
    }


def verify_samples(coop: Any, teacher: Any) -> tuple[list[str], dict[str, Any]]:
    """Record sampled bulk sales again with sale_record (rolled back) and compare every row.

    Returns the differences (empty: identical) and the cost of one sale_record call."""
    from django.db import transaction

    from school_coops.models import Sale
    from school_coops.services.business import SaleLineInput, sale_record

    sales = Sale.objects.filter(coop=coop).select_related("unit", "entry", "membership__member")
    member_sales = sales.filter(membership__isnull=False).order_by("number")
    picks = [
        member_sales.first(),
        sales.filter(membership__isnull=True).order_by("number").first(),
        member_sales.filter(number__gt=SALES // 2).first(),
        sales.order_by("-number").first(),
    ]
    problems: list[str] = []
    costs = []
    for bulk in picks:
        with transaction.atomic():
            with counted() as cost:
                made = sale_record(
                    unit=bulk.unit,
                    lines=[SaleLineInput(x.item_id, x.qty) for x in bulk.lines.all()],
                    payment=bulk.payment,
                    by=teacher,
                    idempotency_key=f"bench-verify-{bulk.pk:012d}",
                    membership=bulk.membership,
                    date=bulk.date,
                )
            made = sales.get(pk=made.pk)
            want, got = _rows(bulk), _rows(made)
            problems += [
                f"sale {bulk.receipt_number} {key}: bulk {want[key]} != sale_record {got[key]}"
                for key in want
                if want[key] != got[key]
            ]
            transaction.set_rollback(True)
        costs.append(cost)
    mean = {key: sum(c[key] for c in costs) / len(costs) for key in ("seconds", "queries")}
    return problems, mean


def hold_rat(coop: Any, teacher: Any) -> None:
    """The RAT through its services: everyone present, the SHU split voted and passed."""
    from school_coops.models import Membership, MotionKind, VoteChoice
    from school_coops.services.rat import (
        rat_attendance_record,
        rat_meeting_close,
        rat_meeting_schedule,
        rat_meeting_start,
        rat_motion_add,
        rat_motion_decide,
        rat_motion_open,
        rat_vote_cast,
    )

    year = fiscal_year()
    held_on = datetime.date(year + 1, 2, 20)
    meeting = rat_meeting_schedule(coop=coop, fiscal_year=year, scheduled_on=held_on, by=teacher)
    rat_meeting_start(meeting=meeting, by=teacher, held_on=held_on)
    members = list(
        Membership.objects.filter(coop=coop, status=Membership.Status.ACTIVE).select_related(
            "member"
        )
    )
    rat_attendance_record(meeting=meeting, memberships=members, by=teacher)
    motion = rat_motion_add(meeting=meeting, kind=MotionKind.SHU, title="Pembagian SHU", by=teacher)
    rat_motion_open(motion=motion, minutes=10, by=teacher)
    for membership in members:
        rat_vote_cast(motion=motion, voter=membership.member, choice=VoteChoice.YES, by=teacher)
    rat_motion_decide(motion=motion, by=teacher)
    rat_meeting_close(meeting=meeting, by=teacher)


def measure() -> dict[str, Any]:
    # long: the four timed steps in order, each with its own figure
    from django.db.models import Count, Q

    from school_coops.models import Cooperative, JournalLine, ShuPayout
    from school_coops.selectors.shu import fiscal_year_bounds, shu_plan
    from school_coops.services.closing import fiscal_year_close
    from school_coops.services.shu import shu_distribution_confirm, shu_payout_all

    coop = Cooperative.objects.get(school__npsn=SCHOOL_NPSN)
    teacher = coop.supervisors.get()
    year = fiscal_year()
    start, end = fiscal_year_bounds(coop=coop, fiscal_year=year)
    out: dict[str, Any] = {
        "load_before": load_average(),
        "sales": coop.sales.aggregate(
            n=Count("pk"), members=Count("pk", filter=Q(membership__isnull=False))
        ),
        "lines": JournalLine.objects.filter(entry__coop=coop).count(),
    }
    out["problems"], out["sale_record"] = verify_samples(coop, teacher)
    with counted() as out["close"]:
        entry = fiscal_year_close(coop=coop, start=start, end=end, by=teacher)
    out["closing_lines"] = entry.lines.count() if entry else 0
    with counted() as out["rat"]:
        hold_rat(coop, teacher)
    with counted() as out["plan"]:
        plan = shu_plan(coop=coop, fiscal_year=year)
    out["plan_problems"], out["shares"], out["total"] = plan.problems, len(plan.shares), plan.total
    with counted() as out["confirm"]:
        distribution = shu_distribution_confirm(coop=coop, fiscal_year=year, by=teacher)
    with counted() as out["payout"]:
        out["paid"] = shu_payout_all(
            distribution=distribution, by=teacher, payout=ShuPayout.SUKARELA
        )
    out["share_rows"] = distribution.shares.count()
    return out


def load_average() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def report(out: dict[str, Any], seed_s: float | None, copy_s: float) -> bool:
    # long: one print per figure
    print(f"machine            {platform.machine()}, {os.cpu_count()} cores")
    print(f"  before           {out['load_before']}")
    print(f"  after            {load_average()}")
    print(
        f"data               {out['sales']['n']} sales ({out['sales']['members']} to members), "
        f"{out['lines']} journal lines, {MEMBERS} members, tahun buku {fiscal_year()}"
    )
    if seed_s is not None:
        print(f"seed built         {seed_s:.1f} s (bulk sales; reused on the next run)")
    print(
        f"seed copied        {copy_s:.1f} s (CREATE DATABASE ... TEMPLATE, migrate"
        f"{', ANALYZE' if out['analyzed'] else '; no ANALYZE: no planner statistics'})"
    )
    same = not out["problems"]
    print(f"bulk vs sale_record {'identical' if same else 'DIFFERENT'} for 4 sampled sales")
    for problem in out["problems"]:
        print(f"  {problem}")
    one = out["sale_record"]
    print(
        f"  one sale_record  {1000 * one['seconds']:.1f} ms, {one['queries']:.0f} queries "
        f"(x {SALES}: about {one['seconds'] * SALES / 60:.0f} min)"
    )
    steps = [
        ("close", "fiscal_year_close"),
        ("rat", "RAT (untimed setup)"),
        ("plan", "shu_plan"),
        ("confirm", "shu_distribution_confirm"),
        ("payout", "shu_payout_all sukarela"),
    ]
    for key, label in steps:
        step = out[key]
        print(
            f"{label:<26} {step['seconds']:>7.2f} s {step['queries']:>7} queries, "
            f"{step['sql_seconds']:.2f} s of it in SQL"
        )
        for seconds, sql in step["slowest"] if key != "rat" else []:
            print(f"    {1000 * seconds:>8.1f} ms  {' '.join(sql.split())[:110]}")
    print(
        f"  closing entry {out['closing_lines']} lines; plan: {out['shares']} members, SHU Rp "
        f"{out['total']:,.0f}, problems {out['plan_problems'] or 'none'}; "
        f"{out['share_rows']} shares, {out['paid']} paid into sukarela "
        f"({1000 * out['payout']['seconds'] / max(out['paid'], 1):.0f} ms and "
        f"{out['payout']['queries'] / max(out['paid'], 1):.0f} queries per share)"
    )
    budget = out["close"]["seconds"] + out["plan"]["seconds"]
    ok = budget < BUDGET_S and same and not out["plan_problems"] and out["paid"] > 0
    print(
        f"{'PASS' if ok else 'FAIL'}  close + shu_plan {budget:.2f} s (budget < {BUDGET_S:.0f} s)"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build the seed database again")
    parser.add_argument(
        "--no-analyze", action="store_true", help="measure without planner statistics"
    )
    parser.add_argument("--fill-seed", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill_seed:  # the child process of build_seed(), on the seed database
        setup_django(SEED_URL)
        fill_seed()
        return 0
    seed_s = build_seed() if args.rebuild or not seed_ready() else None
    copy_s = copy_seed(analyze=not args.no_analyze)
    setup_django(DATABASE_URL)
    out = measure()
    out["analyzed"] = not args.no_analyze
    return 0 if report(out, seed_s, copy_s) else 1


if __name__ == "__main__":
    sys.exit(main())
