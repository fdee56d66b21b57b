"""Demo: an active "Kopsis Tunas Bangsa" with a month of transactions, and a second school
("SMP Negeri Harapan Jaya (demo)") whose teacher and 22 students can found a coop from nothing.

Idempotent: everything is looked up first; the transactions are posted only when the coop is new.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from lms.accounts.models import ConsentPurpose, ConsentRecord, Role, RoleAssignment, User
from lms.demo import DEMO_PASSWORD, ensure_password
from lms.schools.models import Classroom, Enrolment, Region, School

COOP_NAME = "Kopsis Tunas Bangsa"
COOP_SLUG = "kopsis-tunas-bangsa"
# Classmates in 8B who joined the demo coop (8A's classmates are left to the core demo).
MEMBERS_8B = ["Joko Susilo", "Kartika Sari", "Lukman Hakim", "Maya Anjani"]
SECOND_SCHOOL_NPSN = "69900002"


def _student(username: str, name: str, classroom: Classroom, teacher: User) -> User:
    user, _created = User.objects.get_or_create(username=username, defaults={"full_name": name})
    ensure_password(user)
    RoleAssignment.objects.get_or_create(user=user, role=Role.STUDENT, school=classroom.school)
    Enrolment.objects.get_or_create(classroom=classroom, student=user)
    for purpose in ConsentPurpose.values:
        if not ConsentRecord.objects.filter(student=user, purpose=purpose).exists():
            ConsentRecord.objects.create(
                student=user,
                purpose=purpose,
                action=ConsentRecord.Action.GRANT,
                guardian_name=f"Orang tua {name}",
                guardian_relation="ibu",
                method=ConsentRecord.Method.PAPER,
                evidence="Formulir demo",
                notice_version="2026-11",
                recorded_by=teacher,
            )
    return user


def _seed_active_coop() -> list[str]:
    from django.utils import timezone

    from school_coops.models import Cooperative, Membership, PositionRole, Side
    from school_coops.services.cooperative import cooperative_create
    from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
    from school_coops.services.members import membership_register, position_assign
    from school_coops.services.participation import member_purchase_record
    from school_coops.services.savings import savings_deposit, savings_wajib_pay, savings_withdraw

    school = School.objects.filter(npsn="69900001").first()
    guru = User.objects.filter(username="guru").first()
    siswa = User.objects.filter(username="siswa").first()
    if school is None or guru is None or siswa is None:
        return ["school_coops: core demo missing; run the lms.accounts demo first"]
    if Cooperative.objects.filter(slug=COOP_SLUG).exists():
        return [f"Koperasi: {COOP_NAME} (/koperasi/{COOP_SLUG}/) already seeded"]
    classroom_b, _c = Classroom.objects.get_or_create(
        school=school, name="8B", academic_year="2026/2027", defaults={"grade": 8}
    )
    classmates = [
        _student(f"anggota{i:02d}", name, classroom_b, guru) for i, name in enumerate(MEMBERS_8B, 1)
    ]
    today = timezone.localdate()
    start = today - datetime.timedelta(days=30)
    # Founded in July of last year, so a closed tahun buku with an SHU distribution exists.
    founded = datetime.date(today.year - 1, 7, 15)
    coop = cooperative_create(
        school=school,
        name=COOP_NAME,
        by=guru,
        founded_on=founded,
        nomor_pengukuhan=f"03/KOPSIS/DKUKM-ME/VII/{founded.year}",
    )
    members = {}
    for user in [siswa, *classmates]:
        members[user.username] = membership_register(
            coop=coop,
            member=user,
            category=Membership.Category.STUDENT,
            by=guru,
            date=founded,
            is_founder=True,
        )
    position_assign(
        membership=members["anggota01"], role=PositionRole.KETUA, by=guru, started_on=founded
    )
    position_assign(
        membership=members["anggota02"], role=PositionRole.SEKRETARIS, by=guru, started_on=founded
    )
    position_assign(
        membership=members["siswa"], role=PositionRole.BENDAHARA, by=guru, started_on=founded
    )
    position_assign(
        membership=members["anggota03"], role=PositionRole.PENGAWAS, by=guru, started_on=founded
    )
    treasurer = siswa

    def cash(day: int, memo: str, code: str, amount: int, incoming: bool) -> None:
        kas = account_by_code(coop=coop, code="1-1101")
        other = account_by_code(coop=coop, code=code)
        cash_side, other_side = (Side.DEBIT, Side.CREDIT) if incoming else (Side.CREDIT, Side.DEBIT)
        journal_entry_post(
            coop=coop,
            date=start + datetime.timedelta(days=day),
            memo=memo,
            by=treasurer,
            lines=[
                LineInput(kas.pk, cash_side, Decimal(amount)),
                LineInput(other.pk, other_side, Decimal(amount)),
            ],
            receipt=incoming,
            idempotency_key=f"demo-{day}-{code}",
        )

    cash(0, "Hibah komite sekolah untuk modal awal", "3-1401", 500_000, True)
    cash(1, "Beli alat tulis untuk dijual (persediaan toko)", "1-1501", 300_000, False)

    def pay_wajib(until: datetime.date) -> None:
        month = founded.replace(day=1)
        while month <= until:
            paid_on = max(min(month.replace(day=10), today), founded)
            for user, membership in members.items():
                if user == "anggota04" and month == today.replace(day=1):
                    continue  # one member stays in arrears
                if not membership.wajib_payments.filter(period=month).exists():
                    savings_wajib_pay(
                        membership=membership, period=month, by=treasurer, date=paid_on
                    )
            month = (month + datetime.timedelta(days=32)).replace(day=1)

    pay_wajib(datetime.date(founded.year, 12, 1))  # last tahun buku, before it is closed
    _seed_last_year(coop, members, treasurer, guru, founded)
    pay_wajib(today)
    deposits = [
        (2, "siswa", 20_000),
        (5, "anggota01", 15_000),
        (9, "siswa", 10_000),
        (12, "anggota04", 25_000),
        (20, "anggota03", 5_000),
    ]
    for day, username, amount in deposits:
        savings_deposit(
            membership=members[username],
            amount=amount,
            by=treasurer,
            date=start + datetime.timedelta(days=day),
            idempotency_key=f"demo-dep-{day}",
        )
    savings_withdraw(
        membership=members["siswa"],
        amount=5_000,
        by=treasurer,
        date=start + datetime.timedelta(days=15),
        idempotency_key="demo-wd-15",
    )
    buyers = list(members.values())
    for i, day in enumerate((3, 10, 17, 24)):
        # A sale to a member names the member (4-1101 is tagged): it counts in their jasa usaha.
        member_purchase_record(
            membership=buyers[i % len(buyers)],
            amount=45_000 + day * 1_000,
            by=treasurer,
            date=start + datetime.timedelta(days=day),
            idempotency_key=f"demo-{day}-4-1101",
        )
    cash(8, "Jasa fotokopi", "4-1301", 18_000, True)
    cash(14, "Beli kertas dan tinta (ATK)", "6-1201", 35_000, False)
    _seed_canteen(coop, list(members.values()), treasurer, start)
    _seed_canteen_stock_purchase(coop, treasurer, start + datetime.timedelta(days=22))
    _seed_plan_consignment(coop, treasurer)
    _seed_counter_closes(coop, treasurer)
    return [
        f"Koperasi: {COOP_NAME} (/koperasi/{COOP_SLUG}/): guru = pembina, siswa = bendahara",
        f"Kasir Kantin Sehat: /koperasi/{COOP_SLUG}/usaha/kantin/kasir/ (login siswa)",
    ]


def _seed_last_year(
    coop: Any, members: dict[str, Any], treasurer: User, guru: User, founded: Any
) -> None:
    """Last tahun buku: member purchases, costs, the year closed, its RAT, SHU shared out,
    and the AD/ART version that RAT adopted (wajib Rp 3.000 from March)."""
    from school_coops.models import ShuPayout, Side
    from school_coops.services.closing import fiscal_year_close
    from school_coops.services.cooperative import bylaw_version_create
    from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
    from school_coops.services.participation import member_purchase_record
    from school_coops.services.shu import shu_distribution_confirm, shu_payout

    year = founded.year
    purchases = [("siswa", 9, 180_000), ("anggota01", 10, 95_000), ("anggota04", 11, 40_000)]
    for user, month, amount in purchases:
        member_purchase_record(
            membership=members[user],
            amount=amount,
            by=treasurer,
            date=datetime.date(year, month, 5),
            idempotency_key=f"demo-buy-{year}-{month}",
        )
    kas = account_by_code(coop=coop, code="1-1101")
    cost = account_by_code(coop=coop, code="5-1101")
    journal_entry_post(
        coop=coop,
        date=datetime.date(year, 12, 1),
        memo="Harga pokok barang yang dijual kepada anggota",
        by=treasurer,
        lines=[
            LineInput(cost.pk, Side.DEBIT, Decimal(165_000)),
            LineInput(kas.pk, Side.CREDIT, Decimal(165_000)),
        ],
        idempotency_key=f"demo-cogs-{year}",
    )
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    fiscal_year_close(coop=coop, start=start, end=end, by=guru)
    from django.utils import timezone

    today = timezone.localdate()
    rat_on = min(datetime.date(year + 1, 2, 20), today)
    _demo_rat(coop, year, rat_on, guru)
    distribution = shu_distribution_confirm(coop=coop, fiscal_year=year, by=guru, date=rat_on)
    for share in distribution.shares.filter(membership=members["siswa"]):
        shu_payout(share=share, by=treasurer, date=rat_on)
    # Kartika and Lukman chose to keep their SHU as savings: their savings card and portal
    # show the credit; the others' shares wait for "Bayar semua SHU" (tunai or sukarela).
    for user in ("anggota02", "anggota03"):
        for share in distribution.shares.filter(membership=members[user]):
            shu_payout(share=share, by=treasurer, date=rat_on, payout=ShuPayout.SUKARELA)
    bylaw_version_create(
        coop=coop,
        effective_from=datetime.date(year + 1, 3, 1),
        simpanan_pokok_amount=10_000,
        simpanan_wajib_amount=3_000,
        shu_allocation={
            "cadangan": 30,
            "jasa_modal": 20,
            "jasa_usaha": 25,
            "pengurus": 5,
            "pendidikan": 10,
            "sosial": 5,
            "pembangunan": 5,
        },
        ad_art_text=f"AD/ART {coop.name}, perubahan RAT {rat_on:%d-%m-%Y}: wajib Rp 3.000.",
    )
    from school_coops.services.health import health_assess

    # The year's health by rubric v1: books and RAT scored automatically, the checklist by guru.
    checklist = {"rapat_pengurus": "ya", "pengawas_memeriksa": "sebagian"}
    checklist |= {"kas_dihitung": "ya", "stok_opname": "tidak"}
    health_assess(coop=coop, fiscal_year=year, answers=checklist, by=guru)


def _seed_second_school() -> list[str]:
    region = Region.objects.filter(code="1603").first()
    if region is None:
        return []
    school, _c = School.objects.get_or_create(
        npsn=SECOND_SCHOOL_NPSN,
        defaults={
            "name": "SMP Negeri Harapan Jaya (demo)",
            "level": School.Level.SMP,
            "region": region,
        },
    )
    teacher, _c = User.objects.get_or_create(
        username="guru-harapan", defaults={"full_name": "Wahyu Pratama, S.Pd."}
    )
    ensure_password(teacher)
    RoleAssignment.objects.get_or_create(user=teacher, role=Role.TEACHER, school=school)
    number = 0
    for class_name in ("7A", "7B"):
        classroom, _c = Classroom.objects.get_or_create(
            school=school, name=class_name, academic_year="2026/2027", defaults={"grade": 7}
        )
        classroom.teachers.add(teacher)
        for _i in range(11):
            number += 1
            _student(f"harapan{number:02d}", f"Siswa Harapan {number:02d}", classroom, teacher)
    return [
        f"  guru-harapan  teacher at {school.name}: 22 students (harapan01..harapan22, "
        f"password {DEMO_PASSWORD}) ready to found a coop"
    ]


def _seed_canteen(coop: Any, buyers: list[Any], treasurer: User, start: datetime.date) -> None:
    """The counter (kasir): a canteen with items, a consigned product, three days of sales and
    closes. Keys are fixed, so a second run replays instead of selling again."""
    from django.utils import timezone

    from school_coops.models import BusinessUnit, Item, PaymentMethod
    from school_coops.services import business as biz

    unit = BusinessUnit.objects.filter(coop=coop, code="kantin").first() or (
        biz.business_unit_create(coop=coop, kind="kantin", name="Kantin Sehat")
    )
    maker = buyers[-1].member
    specs = [("Nasi kuning", "porsi", 7000, 5000), ("Es teh", "gelas", 3000, 1200)]
    for name, measure, price, cost in specs:
        item = Item.objects.filter(unit=unit, name=name).first() or biz.item_create(
            unit=unit, name=name, measure=measure, price=price, cost=0
        )
        biz.stock_purchase_record(
            item=item,
            qty=30,
            paid=30 * cost,
            by=treasurer,
            idempotency_key=f"demo-beli-{item.pk}-0001",
            on_credit=True,
            date=start,
        )
    cake = Item.objects.filter(unit=unit, name="Bolu pandan").first() or biz.item_create(
        unit=unit, name="Bolu pandan", price=3000, consignor=maker, consignor_share=2500
    )
    biz.consignment_receive(
        item=cake, qty=12, by=treasurer, idempotency_key=f"demo-titip-{cake.pk}-001", date=start
    )
    rice, tea = (
        Item.objects.get(unit=unit, name="Nasi kuning"),
        Item.objects.get(unit=unit, name="Es teh"),
    )
    today = timezone.localdate()
    for n in range(3):
        day = max(start, today - datetime.timedelta(days=3 - n))
        for i, buyer in enumerate([buyers[n % len(buyers)], None]):
            biz.sale_record(
                unit=unit,
                lines=[
                    biz.SaleLineInput(rice.pk, 1 + i),
                    biz.SaleLineInput(tea.pk, 2),
                    biz.SaleLineInput(cake.pk, 1),
                ],
                payment=PaymentMethod.CASH,
                membership=buyer,
                by=treasurer,
                idempotency_key=f"demo-kasir-{n}-{i}-000000",
                date=day,
            )


def _seed_counter_closes(coop: Any, treasurer: User) -> None:
    """Every earlier counter day with sales closed, in date order (a till closes its days in
    order, services/business.py counter_day_problem); the day before yesterday is Rp 500 short.
    Today stays open for the browser."""
    from django.utils import timezone

    from school_coops.models import BusinessUnit
    from school_coops.selectors.business import open_sale_days
    from school_coops.services import business as biz

    unit = BusinessUnit.objects.get(coop=coop, code="kantin")
    today = timezone.localdate()
    for day in open_sale_days(unit=unit, before=today, limit=31):
        short = 500 if day == today - datetime.timedelta(days=2) else 0
        expected = biz.expected_cash(unit=unit, day=day)
        biz.day_close(unit=unit, counted=expected - short, by=treasurer, date=day)


def _seed_canteen_stock_purchase(coop: Any, treasurer: User, day: datetime.date) -> None:
    """The canteen's stock bought for cash (Rp 60.000 of bread rolls) through the business
    service, so the inventory account stays equal to counts × cost (services/business.py)."""
    from school_coops.models import BusinessUnit, Item
    from school_coops.services import business as biz

    unit = BusinessUnit.objects.get(coop=coop, code="kantin")
    roll = Item.objects.filter(unit=unit, name="Roti isi").first() or biz.item_create(
        unit=unit, name="Roti isi", price=4000
    )
    biz.stock_purchase_record(
        item=roll,
        qty=20,
        paid=60_000,
        by=treasurer,
        idempotency_key="demo-beli-kantin-22",
        date=day,
    )


def _seed_plan_consignment(coop: Any, treasurer: User) -> None:
    """Issue 14 points 4-5: Tim Es Buah's approved plan (courses/demo.py) sold in the canteen as
    the team's consigned goods: 20 received, two sales, one payout to the team (a BKK)."""
    from django.utils import timezone

    from courses.selectors.assignments import school_approved_plans
    from school_coops.models import BusinessUnit, DayClose, PaymentMethod
    from school_coops.services import business as biz
    from school_coops.services.consignment import consignor_payout, plan_consignment_register

    plan = next(
        (p for p in school_approved_plans(school_id=coop.school_id) if p.name == "Tim Es Buah"),
        None,
    )
    if plan is None:
        return  # the courses demo did not run
    unit = BusinessUnit.objects.get(coop=coop, code="kantin")
    item = plan_consignment_register(unit=unit, submission_id=plan.submission_id, by=treasurer)
    biz.consignment_receive(
        item=item, qty=20, by=treasurer, idempotency_key="demo-titip-es-buah-01"
    )
    today = timezone.localdate()
    # Sold on an earlier day that is still open, so that today's counter (and its daily close)
    # starts empty in the demo; the three demo counter days before today are closed.
    closed = set(DayClose.objects.filter(unit=unit).values_list("date", flat=True))
    earlier = (today - datetime.timedelta(days=n) for n in range(4, 10))
    sold_on = next((d for d in earlier if d not in closed and d.year == today.year), today)
    for n, qty in enumerate((3, 2)):
        biz.sale_record(
            unit=unit,
            lines=[biz.SaleLineInput(item.pk, qty)],
            payment=PaymentMethod.CASH,
            by=treasurer,
            idempotency_key=f"demo-kasir-es-buah-{n}",
            date=sold_on,
        )
    if item.consigned_by is None:
        return
    consignor_payout(
        consignor=item.consigned_by,
        amount=3 * item.consignor_share,
        by=treasurer,
        idempotency_key="demo-bayar-es-buah-01",
        date=today,
    )


def seed() -> list[str]:
    from school_coops import district_demo, rat_demo

    return (
        _seed_active_coop()
        + _seed_second_school()
        + district_demo.seed()
        + _seed_district()
        + rat_demo.seed()
    )


# --- The district office: a recognition queue and this year's pendataan ----------------------

DISTRICT_SCHOOLS = [
    # npsn, school, teacher username, teacher name, coop, what happens
    (
        "69900003",
        "SMP Negeri Sukamaju (demo)",
        "guru-sukamaju",
        "Rina Marlina, S.Pd.",
        "Kopsis Sukamaju",
        "submitted",
    ),
    (
        "69900004",
        "SMP Negeri Cempaka (demo)",
        "guru-cempaka",
        "Dedi Kurniawan, S.Pd.",
        "Kopsis Cempaka",
        "returned",
    ),
    (
        "69900005",
        "SMP Negeri Melati (demo)",
        "guru-melati",
        "Sri Wahyuni, S.Pd.",
        "Kopsis Melati",
        "awaiting",
    ),
]
DISTRICT_ROLES = ["ketua", "sekretaris", "bendahara", "pengawas"]


def _district_coop(row: tuple[str, ...], region: Region, dinas: User | None) -> str:
    from school_coops.models import Cooperative, Membership
    from school_coops.services.cooperative import cooperative_create
    from school_coops.services.members import membership_register, position_assign
    from school_coops.services.recognition import (
        recognition_return,
        recognition_submit,
    )

    npsn, school_name, username, teacher_name, coop_name, what = row
    if Cooperative.objects.filter(name=coop_name).exists():
        return ""
    school, _c = School.objects.get_or_create(
        npsn=npsn, defaults={"name": school_name, "level": School.Level.SMP, "region": region}
    )
    teacher, _c = User.objects.get_or_create(
        username=username, defaults={"full_name": teacher_name}
    )
    ensure_password(teacher)
    RoleAssignment.objects.get_or_create(user=teacher, role=Role.TEACHER, school=school)
    classroom, _c = Classroom.objects.get_or_create(
        school=school, name="8A", academic_year="2026/2027", defaults={"grade": 8}
    )
    founded = datetime.date(2026, 8, 17)
    coop = cooperative_create(
        school=school, name=coop_name, by=teacher, founded_on=founded, awaiting_recognition=True
    )
    prefix = username.removeprefix("guru-")
    for i, role in enumerate(DISTRICT_ROLES, 1):
        student = _student(f"{prefix}{i:02d}", f"Siswa {coop_name[7:]} {i:02d}", classroom, teacher)
        student.sex = "P" if i % 2 else "L"
        student.save(update_fields=["sex"])
        m = membership_register(
            coop=coop,
            member=student,
            category=Membership.Category.STUDENT,
            by=teacher,
            date=founded,
            is_founder=True,
        )
        position_assign(membership=m, role=role, by=teacher, started_on=founded)
    if what in ("submitted", "returned"):
        submission = recognition_submit(coop=coop, by=teacher, note="Mohon dikukuhkan.")
        if what == "returned" and dinas is not None:
            recognition_return(
                submission=submission,
                by=dinas,
                reason="Berita acara rapat pembentukan belum ditandatangani ketua dan sekretaris.",
            )
    return f"  {username}  {coop_name}: {what} (pengukuhan)"


def _seed_district() -> list[str]:
    from django.utils import timezone

    from school_coops.models import Cooperative
    from school_coops.selectors.dinas import pendataan_prefill
    from school_coops.services.pendataan import annual_report_submit

    region = Region.objects.filter(code="1603").first()
    if region is None:
        return []
    dinas = User.objects.filter(username="dinas").first()
    lines = [line for row in DISTRICT_SCHOOLS if (line := _district_coop(row, region, dinas))]
    year = timezone.localdate().year
    for slug_or_name in (COOP_SLUG, "Kopsis Sukamaju"):
        coop = (
            Cooperative.objects.filter(slug=slug_or_name).first()
            or Cooperative.objects.filter(name=slug_or_name).first()
        )
        if coop is None or coop.annual_reports.filter(year=year).exists():
            continue
        teacher = coop.supervisors.first()
        if teacher is None:
            continue
        values = pendataan_prefill(coop=coop, year=year)
        rat = values.get("rat_date")
        values["rat_date"] = datetime.date.fromisoformat(rat) if rat else None
        annual_report_submit(coop=coop, year=year, by=teacher, values=values)
    if lines:
        lines.append(
            f"  dinas  recognition queue /koperasi/wilayah/pengukuhan/, pendataan "
            f"/koperasi/wilayah/pendataan/{year}/ (Tunas Bangsa, Sukamaju submitted)"
        )
    return lines


def _demo_rat(coop: Any, year: int, held_on: datetime.date, guru: Any) -> None:
    """The RAT of the last tahun buku, held: everyone present but one, the SHU split and the
    accountability report voted on (one member against), closed; next year's RAT scheduled."""
    from school_coops.models import Membership, MotionKind, VoteChoice
    from school_coops.services.rat import (
        rat_attendance_record,
        rat_meeting_close,
        rat_meeting_schedule,
        rat_meeting_start,
        rat_minutes_save,
        rat_motion_add,
        rat_motion_decide,
        rat_motion_open,
        rat_vote_cast,
    )

    meeting = rat_meeting_schedule(
        coop=coop, fiscal_year=year, scheduled_on=held_on, by=guru, place="Aula sekolah"
    )
    rat_meeting_start(
        meeting=meeting, by=guru, held_on=held_on, chair_name="Ketua", secretary_name="Sekretaris"
    )
    members = list(Membership.objects.filter(coop=coop, status=Membership.Status.ACTIVE))
    present = members[:-1] if len(members) > 2 else members
    rat_attendance_record(meeting=meeting, memberships=present, by=guru)
    motions = [
        (MotionKind.ACCOUNTABILITY, f"Pengesahan laporan pertanggungjawaban pengurus {year}"),
        (MotionKind.SHU, f"Pembagian SHU tahun buku {year}"),
    ]
    for kind, title in motions:
        motion = rat_motion_add(meeting=meeting, kind=kind, title=title, by=guru)
        rat_motion_open(motion=motion, minutes=15, by=guru)
        for i, membership in enumerate(present):
            choice = VoteChoice.NO if i == len(present) - 1 else VoteChoice.YES
            rat_vote_cast(motion=motion, voter=membership.member, choice=choice, by=guru)
        rat_motion_decide(motion=motion, by=guru)
    rat_minutes_save(
        meeting=meeting,
        minutes="RAT dibuka pukul 09.00, kuorum tercapai; semua usulan disetujui.",
        chair_name="Ketua",
        secretary_name="Sekretaris",
        by=guru,
    )
    rat_meeting_close(meeting=meeting, by=guru)
    # Next tahun buku's RAT, planned for February after it ends: members see the invitation.
    rat_meeting_schedule(
        coop=coop,
        fiscal_year=year + 1,
        scheduled_on=datetime.date(year + 2, 2, 20),
        by=guru,
        place="Aula sekolah",
    )
