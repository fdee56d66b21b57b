"""Who opened a minor's savings or grades: written by one decorator, append-only, viewable."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from courses.services import course_assign
from lms.privacy.models import AccessLog
from lms.privacy.services import access_record
from tests.factories import make_teacher

pytestmark = pytest.mark.django_db


def test_a_treasurer_opening_a_members_savings_card_is_logged(
    client, treasurer, member, coop
) -> None:
    client.force_login(treasurer)

    client.get(reverse("school_coops:membership-detail", args=[coop.slug, member.pk]))

    entry = AccessLog.objects.get()
    assert (entry.accessor, entry.subject, entry.kind) == (treasurer, member.member, "savings")
    assert entry.school == coop.school and entry.url_name == "school_coops:membership-detail"
    assert abs(timezone.now() - entry.accessed_at) < datetime.timedelta(minutes=1)


def test_opening_ones_own_card_and_a_refused_page_are_not_logged(
    client, member, coop, other_student
) -> None:
    client.force_login(member.member)
    client.get(reverse("school_coops:membership-detail", args=[coop.slug, member.pk]))
    client.force_login(other_student)
    response = client.get(reverse("school_coops:membership-detail", args=[coop.slug, member.pk]))

    assert response.status_code in (403, 404)
    assert not AccessLog.objects.exists()


def test_a_guardian_opening_the_portal_and_consent_page_is_logged(
    client, guardian, member, student
) -> None:
    client.force_login(guardian)
    client.get(reverse("school_coops:portal"))
    client.get(reverse("accounts:guardian-consent", args=[student.pk]))

    kinds = set(AccessLog.objects.filter(accessor=guardian).values_list("kind", flat=True))
    assert kinds == {"savings", "guardian"}
    # the guardian sees that trail on the child's privacy page (UU PDP Pasal 32)
    page = client.get(reverse("privacy:person", args=[student.pk])).content.decode()
    trail = page.split('data-testid="person-access-log"')[1].split("</ul>")[0]
    assert trail.count("<li>") == 2 and guardian.get_full_name() in trail


def test_a_teacher_opening_the_grade_grid_logs_every_student_of_the_class(
    client, teacher, classroom, student, other_student, course
) -> None:
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    client.force_login(teacher)

    client.get(reverse("courses:progress-grid", args=[classroom.pk, course.pk]))
    client.get(reverse("courses:student-detail", args=[classroom.pk, course.pk, student.pk]))

    grades = AccessLog.objects.filter(kind="grades")
    assert set(grades.values_list("subject", flat=True)) == {student.pk, other_student.pk}
    assert grades.filter(subject=student).count() == 2


def test_the_log_is_append_only_in_the_database(teacher, student) -> None:
    access_record(accessor=teacher, subject_ids=[student.pk], kind="grades", url_name="x", path="/")
    for sql in ("UPDATE privacy_accesslog SET kind = 'savings'", "DELETE FROM privacy_accesslog"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AccessLog.objects.get().kind == "grades"


def test_the_school_admin_pages_through_the_log_and_others_get_404(
    client, teacher, school, student, outsider
) -> None:
    for _ in range(60):
        access_record(
            accessor=outsider, subject_ids=[student.pk], kind="savings", url_name="x", path="/p"
        )
    url = reverse("privacy:access-log", args=[school.pk])

    client.force_login(teacher)
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert first.count("<tr><td>") == 50 and second.count("<tr><td>") == 10
    assert "Halaman 1 dari 2" in first
    assert client.get(url, {"jenis": "grades"}).content.decode().count("<tr><td>") == 0

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(student)
    assert client.get(url).status_code == 404


def test_another_schools_log_is_not_shown_to_this_schools_admin(client, teacher, school) -> None:
    from tests.factories import ClassroomFactory, SchoolFactory, make_student

    foreign = make_student(ClassroomFactory(school=SchoolFactory()), username="asing")
    access_record(
        accessor=teacher, subject_ids=[foreign.pk], kind="savings", url_name="x", path="/"
    )
    client.force_login(teacher)

    html = client.get(reverse("privacy:access-log", args=[school.pk])).content.decode()
    assert foreign.get_full_name() not in html


def test_the_breach_report_lists_the_people_an_accessor_opened_in_a_window(
    teacher, student, other_student, guardian, school
) -> None:
    intruder = make_teacher(school, username="penyusup")
    access_record(
        accessor=intruder, subject_ids=[student.pk], kind="savings", url_name="x", path="/"
    )
    access_record(
        accessor=teacher, subject_ids=[other_student.pk], kind="grades", url_name="", path="/"
    )
    out = io.StringIO()
    today = timezone.localdate()

    call_command(
        "privacy_breach_report",
        "--accessor",
        "penyusup",
        "--since",
        (today - datetime.timedelta(days=1)).isoformat(),
        "--until",
        (today + datetime.timedelta(days=1)).isoformat(),
        stdout=out,
    )

    lines = out.getvalue().lstrip("\ufeff").strip().splitlines()
    assert lines[0].startswith("id,nama,username,sekolah,orang_tua_wali")
    assert len(lines) == 2 and student.username in lines[1] and "penyusup" in lines[1]
    assert guardian.get_full_name() in lines[1]  # who must be told (UU PDP Pasal 46)


def test_the_breach_report_refuses_a_bad_date_and_an_unknown_accessor() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Tanggal"):
        call_command("privacy_breach_report", "--since", "kemarin", stdout=io.StringIO())
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("privacy_breach_report", "--accessor", "tidak-ada", stdout=io.StringIO())
