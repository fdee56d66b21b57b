"""Pendataan: prefill equals the books, corrections keep the prefilled value, export, region."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from school_coops.models import AnnualReport, Membership, PendataanReminder, PositionRole
from school_coops.selectors.dinas import pendataan_prefill
from school_coops.selectors.statements import financial_position, profit_and_loss
from school_coops.services.cooperative import cooperative_create
from school_coops.services.members import membership_register, position_assign
from school_coops.services.pendataan import annual_report_submit, pendataan_remind
from school_coops.services.savings import savings_deposit
from tests.factories import (
    ClassroomFactory,
    RegionFactory,
    SchoolFactory,
    UserFactory,
    make_student,
    make_teacher,
    with_role,
)

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
FOUNDED = datetime.date(YEAR, 1, 10)


@pytest.fixture
def coop(school, teacher, classroom):
    coop = cooperative_create(school=school, name="Kopsis Data", by=teacher, founded_on=FOUNDED)
    for i, sex in enumerate(["L", "P", "P", ""]):
        student = make_student(classroom, username=f"data{i}", sex=sex)
        m = membership_register(
            coop=coop,
            member=student,
            category=Membership.Category.STUDENT,
            by=teacher,
            date=FOUNDED,
        )
        if i == 0:
            position_assign(membership=m, role=PositionRole.KETUA, by=teacher, started_on=FOUNDED)
        if i == 1:
            position_assign(
                membership=m, role=PositionRole.PENGAWAS, by=teacher, started_on=FOUNDED
            )
        savings_deposit(membership=m, amount=Decimal(5000), by=teacher)
    return coop


@pytest.fixture
def dinas(school):
    return with_role(UserFactory(username="dinas1", email=""), Role.DINAS, region=school.region)


def test_prefill_equals_the_books(coop):
    values = pendataan_prefill(coop=coop, year=YEAR)
    position = financial_position(coop=coop, until=timezone.localdate())
    phu = profit_and_loss(coop=coop, fiscal_year=YEAR)
    assert values["members_male"] == 1 and values["members_female"] == 2
    assert values["members_unknown"] == 1
    assert values["officers"] == 1 and values["supervisors"] == 1
    assert values["assets"] == int(position.assets.total) > 0
    assert values["own_capital"] == int(position.equity.total)
    assert values["outside_capital"] == int(position.liabilities.total)
    assert values["shu"] == int(phu.surplus)
    assert values["rat_held"] is False and values["is_active"] is True


def test_a_correction_keeps_the_prefilled_value_beside_it(coop, teacher):
    values = pendataan_prefill(coop=coop, year=YEAR)
    values.update(employees=2, members_male=3, rat_date=None)
    report = annual_report_submit(coop=coop, year=YEAR, by=teacher, values=values)
    assert report.members_male == 3 and report.prefilled["members_male"] == 1
    assert report.employees == 2 and report.prefilled["employees"] == 0
    again = annual_report_submit(coop=coop, year=YEAR, by=teacher, values=values)
    assert again.pk == report.pk and AnnualReport.objects.count() == 1


def test_bad_input_changes_nothing(client, coop, teacher, outsider):
    url = reverse("school_coops:pendataan", args=[coop.slug, YEAR])
    client.force_login(teacher)
    form = client.get(url)
    assert form.status_code == 200 and "Dari pembukuan" in form.content.decode()
    response = client.post(url, {"members_male": "-1"})
    assert response.status_code == 200 and not AnnualReport.objects.exists()
    assert (
        client.get(reverse("school_coops:pendataan", args=[coop.slug, YEAR + 1])).status_code == 404
    )
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_dinas_sees_who_is_missing_reminds_once_and_exports_only_its_region(
    client, coop, teacher, dinas
):
    teacher.email = "guru@example.test"
    teacher.save()
    foreign_school = SchoolFactory(name="SMP Seberang", region=RegionFactory())
    foreign_teacher = make_teacher(foreign_school, username="guru-seberang")
    ClassroomFactory(school=foreign_school)
    cooperative_create(
        school=foreign_school, name="Kopsis Seberang", by=foreign_teacher, founded_on=FOUNDED
    )
    client.force_login(dinas)
    page = client.get(reverse("school_coops:pendataan-district", args=[YEAR]))
    assert "1 dari 1 koperasi belum" in page.content.decode()
    assert b"Seberang" not in page.content
    sent = pendataan_remind(year=YEAR, by=dinas)
    assert len(sent) == 1 and pendataan_remind(year=YEAR, by=dinas) == []
    assert PendataanReminder.objects.count() == 1
    assert len(mail.outbox) == 0  # sent after commit (the test transaction never commits)
    values = pendataan_prefill(coop=coop, year=YEAR)
    annual_report_submit(coop=coop, year=YEAR, by=teacher, values={**values, "rat_date": None})
    response = client.get(reverse("school_coops:pendataan-export", args=[YEAR, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    for column in (
        "Nama Koperasi",
        "Nomor Induk Koperasi (NIK)",
        "Nomor Badan Hukum",
        "Jumlah Anggota Pria",
        "Jumlah Anggota Wanita",
        "Modal Sendiri",
        "Modal Luar",
        "Aset",
        "Volume Usaha",
        "SHU",
        "Tanggal RAT",
    ):
        assert column in header
    assert len(rows) == 2 and rows[1][0] == "Kopsis Data"
    assert rows[1][header.index("Jumlah Anggota Pria")] == "1"
    assert "Seberang" not in response.content.decode("utf-8-sig")
    xlsx = client.get(reverse("school_coops:pendataan-export", args=[YEAR, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_the_teacher_dashboard_card_shows_the_reminder(client, coop, teacher, dinas):
    pendataan_remind(year=YEAR, by=dinas)
    client.force_login(teacher)
    page = client.get(reverse("accounts:dashboard"))
    assert "Dinas mengingatkan pendataan" in page.content.decode()
