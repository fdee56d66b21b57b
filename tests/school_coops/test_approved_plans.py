"""Issue 14 point 4: the cooperative's officers (pengurus, pengawas) and its guru pembina see
the approved business plans of their school: team, members' first names, product, price,
the teacher's grade date. Members, other teachers and other schools' cooperatives: 404."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.assignments import grade_submission, hand_in, team_create
from courses.models import HandInKind, WorkMode
from courses.selectors.assignments import school_approved_plans
from courses.services import course_assign
from school_coops.models import Membership, PositionRole
from school_coops.services.members import membership_register, position_assign
from tests.courses.factories import make_course
from tests.courses.test_assignments import make_assignment, top_levels
from tests.factories import make_student, make_teacher
from tests.school_coops.conftest import FOUNDED

pytestmark = pytest.mark.django_db


def _officer(coop, classroom, teacher, username, role):
    user = make_student(classroom, username=username, full_name=f"{username.title()} Officer")
    membership = membership_register(
        coop=coop, member=user, category=Membership.Category.STUDENT, by=teacher, date=FOUNDED
    )
    position_assign(membership=membership, role=role, by=teacher, started_on=FOUNDED)
    return user


@pytest.fixture
def plan(coop, classroom, teacher):
    return make_plan(classroom, teacher)


def make_plan(classroom, teacher):
    """Tim Keripik's approved plan (Keripik singkong, Rp 5.000) and a not approved one."""
    course, (lesson, second) = make_course(lessons=2, slug="kewirausahaan-uji")
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    assignment = make_assignment(
        lesson, mode=WorkMode.GROUP, hand_in=HandInKind.WORKSHEET, is_business_plan=True
    )
    a = make_student(classroom, username="anggota1", full_name="Siti Rahmawati")
    b = make_student(classroom, username="anggota2", full_name="Budi Santosa")
    team_create(
        assignment=assignment, classroom=classroom, name="Tim Keripik", students=[a, b], by=teacher
    )
    worksheet = {"product": "Keripik singkong", "price": "5000", "hpp": "3200"}
    version = hand_in(
        assignment=assignment,
        student=a,
        data={"worksheet": worksheet, "summary": "Keripik singkong Rp 5.000"},
    )
    grade = grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="Layak",
        by=teacher,
        approved=True,
    )
    unapproved = make_assignment(second, is_business_plan=True)
    other = hand_in(assignment=unapproved, student=b, data={"text": "Es teh"})
    grade_submission(
        submission_id=other.submission_id, level_ids=top_levels(unapproved), comment="", by=teacher
    )
    return grade


def test_officers_and_the_pembina_see_the_approved_plans_with_first_names_only(
    client, coop, classroom, teacher, plan
):
    url = reverse("school_coops:approved-plans", args=[coop.slug])
    ketua = _officer(coop, classroom, teacher, "ketua", PositionRole.KETUA)
    pengawas = _officer(coop, classroom, teacher, "pengawas", PositionRole.PENGAWAS)
    for user in (ketua, pengawas, teacher):
        client.force_login(user)
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, user
        assert html.count('data-testid="plan"') == 1  # the not approved plan is not listed
        assert "Tim Keripik" in html and "Budi, Siti" in html
        assert "Rahmawati" not in html and "Santosa" not in html
        assert "Keripik singkong" in html and "Rp 5.000" in html
        assert plan.graded_at.strftime("%Y") in html
    dashboard = client.get(reverse("school_coops:dashboard", args=[coop.slug])).content.decode()
    assert url in dashboard


def test_members_other_teachers_and_other_schools_get_404(
    client, coop, other_coop, school, member, student, classroom, teacher, plan
):
    url = reverse("school_coops:approved-plans", args=[coop.slug])
    colleague = make_teacher(school, username="guru-bukan-pembina")
    foreign_pembina = other_coop.supervisors.first()
    for user in (student, colleague, foreign_pembina):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.force_login(foreign_pembina)
    own = client.get(reverse("school_coops:approved-plans", args=[other_coop.slug]))
    assert own.status_code == 200 and "Tim Keripik" not in own.content.decode()


def test_the_plan_row_reads_product_and_whole_rupiah_price_defensively(plan, school):
    (row,) = school_approved_plans(school_id=school.pk)
    assert (row.name, row.product, row.price) == ("Tim Keripik", "Keripik singkong", Decimal(5000))
    version = plan.submission.versions.get()
    for junk in ({"price": 12.5}, {"price": "lima ribu"}, {"price": "NaN"}, "not a dict"):
        version.worksheet = junk
        version.save()
        (row,) = school_approved_plans(school_id=school.pk)
        assert row.price is None
