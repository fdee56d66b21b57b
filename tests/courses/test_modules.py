"""Modules inside a course, and what an unpublished course or module hides."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from courses.services import course_assign
from tests.courses.factories import make_course, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_with_modules(db):
    """Koperasi: lesson 1 and 2 at the top, then module "Dasar" (2 lessons), "Lanjut" (1)."""
    course, top = make_course(lessons=2, slug="bermodul")
    basics, basic_lessons = make_module(
        course, slug="dasar", title="Dasar koperasi", lessons=["nilai", "prinsip"]
    )
    advanced, advanced_lessons = make_module(
        course, slug="lanjut", title="Koperasi lanjut", lessons=["shu"]
    )
    return course, top, (basics, basic_lessons), (advanced, advanced_lessons)


def _search(client, query):
    return client.get(reverse("courses:search"), {"q": query}).content.decode()


def test_search_leaves_out_lessons_of_an_unpublished_module_or_course(
    client, student, course_with_modules
):
    # given: live lessons, one module unpublished, and a second course unpublished
    _course, _top, (basics, basic_lessons), (_advanced, (shu,)) = course_with_modules
    other, (hidden_in_course,) = make_course(lessons=1, slug="draf", title="Kursus draf")
    hidden_in_course.title = "Pelajaran tersembunyi modul"
    hidden_in_course.save_revision().publish()
    basics.unpublish()
    other.unpublish()
    call_command("update_index", verbosity=0)
    client.force_login(student)
    # when: the student searches for words all of them contain
    html = _search(client, "modul")
    # then: only lessons Wagtail would actually serve are listed
    assert shu.url in html
    assert all(lesson.url not in html for lesson in basic_lessons)
    assert hidden_in_course.url not in html
    assert client.get(basic_lessons[0].url).status_code == 404
    assert client.get(hidden_in_course.url).status_code == 404


def test_my_learning_and_the_outline_leave_out_an_unpublished_module(
    client, student, teacher, classroom, course_with_modules
):
    course, (first, second), (basics, basic_lessons), (_advanced, (shu,)) = course_with_modules
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    client.force_login(student)
    for lesson in (first, second):
        client.post(reverse("courses:lesson-done", args=[lesson.pk]))
    assert "2 dari 5 pelajaran" in client.get(reverse("courses:my-learning")).content.decode()
    # when: the module "Dasar" is unpublished while its lessons stay live
    basics.unpublish()
    # then: "Belajar saya" counts and continues with what can be opened
    html = client.get(reverse("courses:my-learning")).content.decode()
    assert "2 dari 3 pelajaran selesai (67%)" in html
    assert f'href="{shu.url}">Lanjutkan belajar' in html
    assert all(lesson.url not in html for lesson in basic_lessons)
    outline = client.get(course.url).content.decode()
    assert "Dasar koperasi" not in outline and "Koperasi lanjut" in outline
    assert all(lesson.url not in outline for lesson in basic_lessons)
    # the next lesson after the last top-level one skips the hidden module
    assert f'href="{shu.url}"' in client.get(second.url).content.decode()
