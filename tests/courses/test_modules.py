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


def test_lessons_inside_a_module_are_served_with_the_course_around_them(
    client, student, course_with_modules
):
    course, (first, second), (_basics, (nilai, prinsip)), (_advanced, (shu,)) = course_with_modules
    client.force_login(student)
    # the lesson's URL runs through the module
    assert nilai.url == f"{course.url}dasar/nilai/"
    html = client.get(nilai.url).content.decode()
    assert "Materi modul tentang nilai" in html
    # position and previous/next run across the module's edges
    assert "Pelajaran 3 dari 5" in html
    assert f'href="{second.url}"' in html and f'href="{prinsip.url}"' in html
    assert f'href="{course.url}">{course.title}</a>' in html
    last = client.get(prinsip.url).content.decode()
    assert "Pelajaran 4 dari 5" in last and f'href="{shu.url}"' in last
    assert client.get(f"{course.url}dasar/tidak-ada/").status_code == 404
    assert first.url not in client.get(shu.url).content.decode()


def test_a_module_is_a_heading_so_its_url_goes_to_the_course(client, course_with_modules):
    course, _top, (basics, _lessons), _advanced = course_with_modules
    response = client.get(basics.url)
    assert response.status_code == 302 and response["Location"] == course.url


def test_the_course_outline_puts_each_module_heading_before_its_lessons(
    client, student, course_with_modules
):
    course, (first, second), (_basics, (nilai, prinsip)), (_advanced, (shu,)) = course_with_modules
    client.force_login(student)
    html = client.get(course.url).content.decode()
    order = [
        html.index(f'href="{first.url}"'),
        html.index(f'href="{second.url}"'),
        html.index("<strong>Dasar koperasi</strong>"),
        html.index(f'href="{nilai.url}"'),
        html.index(f'href="{prinsip.url}"'),
        html.index("<strong>Koperasi lanjut</strong>"),
        html.index(f'href="{shu.url}"'),
    ]
    assert order == sorted(order)
    assert "5 pelajaran" in html


def test_an_unpublished_module_hides_its_heading_and_lessons(
    client, student, teacher, classroom, course_with_modules
):
    course, _top, (basics, (nilai, _prinsip)), _advanced = course_with_modules
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    nilai_url = nilai.url
    basics.unpublish()
    nilai.refresh_from_db()
    assert nilai.live  # only the module is unpublished
    client.force_login(student)
    assert client.get(nilai_url).status_code == 404
    html = client.get(course.url).content.decode()
    assert "Dasar koperasi" not in html and nilai_url not in html and "3 pelajaran" in html
    # publishing it again brings heading and lessons back
    basics.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "Dasar koperasi" in html and nilai_url in html
    assert client.get(nilai_url).status_code == 200
