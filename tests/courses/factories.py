"""Builders for course trees and quizzes. Pages go under the default site's root page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from courses.models import (
    Choice,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    ModulePage,
    Question,
    QuestionKind,
    Quiz,
    QuizQuestion,
)


def make_question(kind: str, prompt: str = "", **fields: Any) -> Question:
    question = Question.objects.create(kind=kind, prompt=prompt or f"Soal {kind}", **fields)
    return question


def add_choices(question: Question, rows: list[tuple[str, bool, str]]) -> Question:
    for order, (text, correct, match) in enumerate(rows):
        Choice.objects.create(
            question=question, text=text, is_correct=correct, match_text=match, sort_order=order
        )
    return question


def all_kinds_questions() -> list[Question]:
    """One question of every kind, with a known answer key."""
    single = add_choices(
        make_question(QuestionKind.SINGLE, "Organ tertinggi koperasi?"),
        [
            ("Pengurus", False, ""),
            ("Rapat Anggota", True, ""),
            ("Pengawas", False, ""),
        ],
    )
    multiple = add_choices(
        make_question(QuestionKind.MULTIPLE, "Yang termasuk modal sendiri?"),
        [
            ("Simpanan pokok", True, ""),
            ("Simpanan wajib", True, ""),
            ("Pinjaman bank", False, ""),
        ],
    )
    true_false = make_question(
        QuestionKind.TRUE_FALSE, "Simpanan pokok boleh ditarik kapan saja.", correct_bool=False
    )
    numeric = make_question(
        QuestionKind.NUMERIC,
        "Berapa SHU Lukman?",
        unit="Rp",
        numeric_answer=Decimal(1240000),
        numeric_tolerance=Decimal(1),
        explanation="JUA 1.000.000 + JMA 240.000",
    )
    short = make_question(
        QuestionKind.SHORT_TEXT,
        "Singkatan rapat anggota tahunan?",
        accepted_answers="RAT\nRapat Anggota Tahunan",
    )
    matching = add_choices(
        make_question(QuestionKind.MATCHING, "Jodohkan."),
        [
            ("Simpanan pokok", False, "Sekali saat masuk"),
            ("Simpanan wajib", False, "Berkala"),
            ("Simpanan sukarela", False, "Kapan saja"),
        ],
    )
    ordering = add_choices(
        make_question(QuestionKind.ORDERING, "Urutkan siklus."),
        [
            ("Bukti transaksi", False, ""),
            ("Jurnal umum", False, ""),
            ("Buku besar", False, ""),
            ("Neraca saldo", False, ""),
        ],
    )
    return [single, multiple, true_false, numeric, short, matching, ordering]


def make_quiz(questions: list[Question] | None = None, **settings: Any) -> Quiz:
    settings.setdefault("shuffle_questions", False)
    quiz = Quiz.objects.create(title=settings.pop("title", "Kuis uji"), **settings)
    for order, question in enumerate(questions or all_kinds_questions()):
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
    return quiz


def home_page() -> HomePage:
    """A HomePage as the default site's root, as in the demo.

    Works after a transactional test flushed Wagtail's root page and site, too.
    """
    home = HomePage.objects.first()
    if home is None:
        if not Locale.objects.exists():  # flushed with the pages
            Locale.objects.create(
                language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
            )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = HomePage(title="Kopsis", slug="beranda")
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Kopsis",
            )
        else:
            site.root_page = home
            site.save()
    return home


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPage(title="Kursus", slug="kursus")
        home_page().add_child(instance=index)
    return index


def make_course(
    *, lessons: int = 2, quiz: Quiz | None = None, slug: str = "koperasi", **fields: Any
) -> tuple[CoursePage, list[LessonPage]]:
    """A course with `lessons` lessons; the first lesson carries `quiz` if given."""
    course = CoursePage(
        title=fields.pop("title", "Koperasi Sekolah"), slug=slug, summary="Ringkasan", **fields
    )
    course_index().add_child(instance=course)
    pages = []
    for number in range(1, lessons + 1):
        body: list[dict[str, Any]] = [
            {"type": "heading", "value": f"Bagian {number}"},
            {"type": "text", "value": f"<p>Isi pelajaran {number} tentang koperasi.</p>"},
        ]
        if quiz is not None and number == 1:
            body.append({"type": "quiz", "value": {"quiz": quiz.pk, "intro": "Uji pemahaman"}})
        lesson = LessonPage(title=f"Pelajaran {number}", slug=f"pelajaran-{number}", body=body)
        course.add_child(instance=lesson)
        pages.append(lesson)
    return course, pages


def page(model: type[Page], pk: int) -> Page:
    return model.objects.get(pk=pk)


def make_module(
    course: CoursePage, *, slug: str, lessons: list[str], title: str = "", **fields: Any
) -> tuple[ModulePage, list[LessonPage]]:
    """A module of `course` holding one lesson per slug in `lessons` (all published)."""
    module = ModulePage(title=title or f"Modul {slug}", slug=slug, **fields)
    course.add_child(instance=module)
    pages = []
    for lesson_slug in lessons:
        body = [{"type": "text", "value": f"<p>Materi modul tentang {lesson_slug}.</p>"}]
        lesson = LessonPage(title=f"Pelajaran {lesson_slug}", slug=lesson_slug, body=body)
        module.add_child(instance=lesson)
        pages.append(lesson)
    return module, pages
