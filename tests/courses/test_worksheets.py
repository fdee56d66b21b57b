"""Team worksheets: the canvas and the price calculator saved as the team types, per-field
merge of teammates' saves, junk refused in Indonesian, hand-in snapshots for the plans."""

from __future__ import annotations

import pytest
from django.urls import reverse

from courses.assignments import grade_submission, team_create
from courses.exceptions import CourseRuleError
from courses.models import HandInKind, SubmissionVersion, WorkMode, Worksheet
from courses.selectors.assignments import _plan_row
from courses.worksheets.canvas import BLOCK_KEYS
from courses.worksheets.services import (
    WorksheetConflictError,
    hand_in_worksheets,
    open_worksheets,
    save_worksheet,
)
from tests.courses.test_assignments import assigned, make_assignment, top_levels  # noqa: F401
from tests.factories import make_student

PRICE = {
    "product": "Roti bakar",
    "fixed_costs": "Rp 50.000",
    "variable_cost": "2000",
    "volume": "100",
    "margin_percent": "30",
    "target_price": "",
}


@pytest.fixture
def plan(lesson, assigned, classroom, teacher):  # noqa: F811
    assignment = make_assignment(
        lesson, hand_in=HandInKind.WORKSHEET, mode=WorkMode.GROUP, is_business_plan=True
    )
    a, b = make_student(classroom, username="ani"), make_student(classroom, username="banu")
    team = team_create(
        assignment=assignment, classroom=classroom, name="Tim Roti", students=[a, b], by=teacher
    )
    return assignment, team, a, b


def _sheets(assignment, student):
    canvas, pricing = open_worksheets(assignment=assignment, student=student)
    return canvas, pricing


def test_teammates_editing_different_boxes_at_once_both_keep_their_text(plan):
    assignment, _team, a, b = plan
    canvas, _pricing = _sheets(assignment, a)
    save_worksheet(
        worksheet_id=canvas.pk, student=a, changes={"channels": "Kantin"}, base_version=0
    )
    # b's page still shows version 0: a different box merges, nothing is lost
    save_worksheet(
        worksheet_id=canvas.pk, student=b, changes={"key_resources": "Oven"}, base_version=0
    )
    canvas.refresh_from_db()
    assert canvas.data["channels"] == "Kantin" and canvas.data["key_resources"] == "Oven"
    assert canvas.version == 2
    assert list(canvas.revisions.values_list("saved_by", flat=True)) == [a.pk, b.pk]


def test_same_box_changed_by_both_is_a_conflict_and_nothing_is_saved(plan):
    assignment, _team, a, b = plan
    canvas, _pricing = _sheets(assignment, a)
    save_worksheet(
        worksheet_id=canvas.pk, student=a, changes={"channels": "Kantin"}, base_version=0
    )
    with pytest.raises(WorksheetConflictError, match="Saluran"):
        save_worksheet(
            worksheet_id=canvas.pk, student=b, changes={"channels": "WA grup"}, base_version=0
        )
    canvas.refresh_from_db()
    assert canvas.data["channels"] == "Kantin" and canvas.version == 1


def test_junk_numbers_are_refused_in_indonesian_and_nothing_saved(plan):
    assignment, _team, a, _b = plan
    _canvas, pricing = _sheets(assignment, a)
    with pytest.raises(CourseRuleError, match="Biaya tetap harus berupa angka"):
        save_worksheet(
            worksheet_id=pricing.pk,
            student=a,
            changes={**PRICE, "fixed_costs": "lima puluh"},
            base_version=0,
        )
    with pytest.raises(CourseRuleError, match="persentase keuntungan atau harga jual"):
        save_worksheet(
            worksheet_id=pricing.pk,
            student=a,
            changes={**PRICE, "target_price": "3000"},
            base_version=0,
        )
    pricing.refresh_from_db()
    assert pricing.version == 0 and pricing.data == {} and not pricing.revisions.exists()


def test_student_of_another_team_gets_404(client, plan, classroom, teacher):
    assignment, _team, a, _b = plan
    canvas, _pricing = _sheets(assignment, a)
    outsider = make_student(classroom, username="cici")
    team_create(
        assignment=assignment, classroom=classroom, name="Tim Lain", students=[outsider], by=teacher
    )
    client.force_login(outsider)
    url = reverse("courses:worksheet-save", kwargs={"worksheet_pk": canvas.pk})
    response = client.post(url, {"field": "channels", "value": "diambil", "version": 0})
    assert response.status_code == 404
    pdf = client.get(reverse("courses:worksheet-pdf", kwargs={"worksheet_pk": canvas.pk}))
    assert pdf.status_code == 404
    canvas.refresh_from_db()
    assert canvas.version == 0


def test_views_save_a_box_and_recalculate_the_price(client, plan):
    assignment, _team, a, _b = plan
    client.force_login(a)
    page = client.get(reverse("courses:assignment", kwargs={"lesson_pk": assignment.lesson_id}))
    assert "Segmen pelanggan" in page.content.decode()
    canvas = Worksheet.objects.get(kind="canvas")
    pricing = Worksheet.objects.get(kind="pricing")
    url = reverse("courses:worksheet-save", kwargs={"worksheet_pk": canvas.pk})
    html = client.post(
        url, {"field": "channels", "value": "Kantin", "version": 0}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Tersimpan" in html
    url = reverse("courses:worksheet-save", kwargs={"worksheet_pk": pricing.pk})
    html = client.post(url, {**PRICE, "version": 0}, headers={"HX-Request": "true"}).content
    assert "Rp 3.300" in html.decode() and "39 unit" in html.decode()  # HPP 2.500, +30%
    junk = client.post(url, {**PRICE, "volume": "-3", "version": 1}).content.decode()
    assert "Rencana jumlah produksi harus bilangan bulat" in junk
    pricing.refresh_from_db()
    assert pricing.version == 1 and pricing.data["fixed_costs"] == "50000"
    pdf = client.get(reverse("courses:worksheet-pdf", kwargs={"worksheet_pk": pricing.pk}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_hand_in_snapshots_the_worksheets_for_the_approved_plans(plan, teacher):
    assignment, _team, a, b = plan
    canvas, pricing = _sheets(assignment, a)
    with pytest.raises(CourseRuleError, match="kesembilan blok"):
        hand_in_worksheets(assignment=assignment, student=a)
    for n, key in enumerate(BLOCK_KEYS):
        save_worksheet(
            worksheet_id=canvas.pk, student=a, changes={key: f"isi {key}"}, base_version=n
        )
    save_worksheet(worksheet_id=pricing.pk, student=b, changes=PRICE, base_version=0)
    version = hand_in_worksheets(assignment=assignment, student=b)
    assert version.worksheet["product"] == "Roti bakar" and version.worksheet["price"] == "3300"
    assert version.worksheet["canvas"]["channels"] == "isi channels"
    assert "Harga jual: Rp 3.300" in version.summary
    grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="",
        by=teacher,
        approved=True,
    )
    row = _plan_row(version.submission)
    assert row.product == "Roti bakar" and row.price == 3300
    with pytest.raises(CourseRuleError, match="sudah dinilai"):
        save_worksheet(worksheet_id=canvas.pk, student=a, changes={"channels": "x"}, base_version=9)
    assert SubmissionVersion.objects.count() == 1
