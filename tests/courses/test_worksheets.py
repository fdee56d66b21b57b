"""Team worksheets: the canvas and the price calculator saved as the team types, per-field
merge of teammates' saves, junk refused in Indonesian, hand-in snapshots for the plans."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from courses.assignments import grade_submission, return_for_revision, team_create
from courses.exceptions import CourseRuleError
from courses.export import grid_table
from courses.models import HandInKind, SubmissionVersion, WorkMode, Worksheet
from courses.selectors.assignments import _plan_row
from courses.selectors.reports import progress_grid
from courses.worksheets.canvas import BLOCK_KEYS
from courses.worksheets.services import (
    WorksheetConflictError,
    hand_in_worksheets,
    open_worksheets,
    save_worksheet,
)
from tests.courses.test_assignments import assigned, make_assignment, top_levels  # noqa: F401
from tests.factories import make_student
from tests.programs import require_program

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


def _filled_and_handed_in(assignment, a, b):
    canvas, pricing = _sheets(assignment, a)
    for n, key in enumerate(BLOCK_KEYS):
        save_worksheet(
            worksheet_id=canvas.pk, student=a, changes={key: f"isi {key}"}, base_version=n
        )
    save_worksheet(worksheet_id=pricing.pk, student=b, changes=PRICE, base_version=0)
    return canvas, pricing, hand_in_worksheets(assignment=assignment, student=b)


def test_a_graded_worksheet_plan_shows_in_the_grid_cells_and_the_export(
    client, plan, teacher, classroom, course
):
    assignment, _team, a, b = plan
    _canvas, _pricing, version = _filled_and_handed_in(assignment, a, b)
    grid = progress_grid(classroom=classroom, course=course)
    column = next(i for i, ln in enumerate(grid["lessons"]) if ln.pk == assignment.lesson_id)
    cells = {row.student.username: row.cells[column].grade for row in grid["rows"]}
    assert cells["ani"] == cells["banu"] == (None, None, "handed_in")
    grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="",
        by=teacher,
        approved=True,
    )
    grid = progress_grid(classroom=classroom, course=course)
    cells = {row.student.username: row.cells[column].grade for row in grid["rows"]}
    assert cells["ani"] == cells["banu"] == (10, 10, "graded")
    table = grid_table(grid=grid)
    header = table[0].index(f"{grid['lessons'][column].display_title} – nilai tugas")
    exported = {line[1]: line[header] for line in table[1:]}
    assert exported["ani"] == exported["banu"] == "10/10"
    client.force_login(teacher)
    csv_text = client.get(
        reverse("courses:progress-export", args=[classroom.pk, course.pk, "csv"])
    ).content.decode("utf-8-sig")
    assert csv_text.count("10/10") == 2  # both members, nobody else
    html = client.get(reverse("courses:progress-grid", args=[classroom.pk, course.pk]))
    assert html.content.decode().count("Tugas 10/10") == 2


def _pdf_text(body: bytes) -> str:
    done = subprocess.run([require_program("pdftotext"), "-", "-"], input=body, capture_output=True)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.decode().split())


def test_a_handed_in_version_prints_its_snapshot_not_the_current_worksheet(
    client, plan, teacher, classroom
):
    assignment, _team, a, b = plan
    canvas, _pricing, first = _filled_and_handed_in(assignment, a, b)
    return_for_revision(submission_id=first.submission_id, comment="Perbaiki", by=teacher)
    save_worksheet(
        worksheet_id=canvas.pk,
        student=a,
        changes={"channels": "Titip jual di koperasi"},
        base_version=canvas.revisions.count(),
    )
    grading = reverse("courses:assignment-grade", args=[classroom.pk, assignment.pk, a.pk])
    url = reverse("courses:submission-pdf", kwargs={"version_pk": first.pk})
    client.force_login(teacher)
    assert url in client.get(grading).content.decode()  # the grading page links to it
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "isi channels" in text and "Titip jual" not in text  # as handed in
    assert "Rp 3.300" in text and "versi 1" in text
    current = client.get(reverse("courses:worksheet-pdf", kwargs={"worksheet_pk": canvas.pk}))
    assert "Titip jual di koperasi" in _pdf_text(current.content)
    client.force_login(b)  # the teammate may print it too
    assert client.get(url).status_code == 200
    client.force_login(make_student(classroom, username="citra"))  # another student may not
    assert client.get(url).status_code == 404
    assert client.get(url.replace(str(first.pk), "999999")).status_code == 404
