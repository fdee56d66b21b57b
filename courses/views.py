"""Learning views: the quiz over htmx, "Belajar saya", teacher reports and search.

Lesson and course pages are Wagtail pages (courses/models/pages.py); these views serve what
happens inside them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from courses.exceptions import ConsentMissingError, CourseRuleError
from courses.export import grid_download
from courses.forms import AssignmentForm, SearchForm
from courses.grid import grid_html
from courses.models import (
    AttemptStatus,
    CourseAssignment,
    CoursePage,
    LessonPage,
    LessonProgress,
    QuizAttempt,
)
from courses.selectors import (
    assigned_courses,
    attempt_questions,
    course_lessons,
    key_revealed,
    my_learning,
    progress_grid,
    question_stats,
    quiz_state,
    student_report,
)
from courses.services import (
    attempt_close_if_overdue,
    course_assign,
    lesson_mark_done,
    quiz_answer_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.accounts.models import Role, User
from lms.accounts.rules import teacher_school_ids
from lms.fastpage import allow_for_student
from lms.http import HtmxRequest
from lms.privacy.audit import audited
from lms.privacy.models import AccessKind
from lms.schools.selectors import classroom_list_for_user

QUIZ = "courses/partials/quiz.html"


def _lesson(pk: int) -> LessonPage:
    return get_object_or_404(LessonPage.objects.live(), pk=pk)


def _own_attempt(request: HtmxRequest, pk: int) -> QuizAttempt:
    # 404 for other people's attempts: do not confirm that they exist.
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("quiz"), pk=pk, student=request.user
    )
    return attempt_close_if_overdue(attempt)


def _panel(request: HtmxRequest, lesson: LessonPage, **extra: Any) -> HttpResponse:
    state = quiz_state(user=request.user, quiz_id=lesson.quiz_id) if lesson.quiz_id else None
    context = {"page": lesson, "quiz_state": state, "consent": True, **extra}
    return render(request, f"{QUIZ}#quiz-panel", context)


def _attempt_response(request: HtmxRequest, attempt: QuizAttempt, **extra: Any) -> HttpResponse:
    if attempt.is_open:
        questions = attempt_questions(attempt=attempt)
        context = {
            "attempt": attempt,
            "questions": questions,
            "answered": sum(1 for q in questions if q.answer),
            **extra,
        }
        return render(request, f"{QUIZ}#quiz-attempt", context)
    # lesson_id is None once the lesson page was deleted (SET_NULL): no lesson to show.
    lesson = LessonPage.objects.filter(pk=attempt.lesson_id).first() if attempt.lesson_id else None
    state = quiz_state(user=request.user, quiz_id=attempt.quiz_id)
    reveal = key_revealed(state)
    progress = LessonProgress.objects.filter(student=request.user, lesson=lesson).first()
    context = {
        "attempt": attempt,
        "questions": attempt_questions(attempt=attempt, reveal_key=reveal),
        "key_hidden": attempt.quiz.show_feedback and not reveal,
        # The passed quiz also completes the lesson: refresh that box out of band.
        "page": lesson,
        "quiz_state": state,
        "progress": progress,
        "done_oob": True,
        "consent": True,
        **extra,
    }
    return render(request, f"{QUIZ}#quiz-result", context)


def _back_to_lesson(attempt_or_lesson: Any) -> HttpResponse:
    lesson = attempt_or_lesson
    if isinstance(attempt_or_lesson, QuizAttempt):
        lesson_id = attempt_or_lesson.lesson_id
        lesson = LessonPage.objects.filter(pk=lesson_id).first() if lesson_id else None
    if lesson is None:
        return redirect("courses:my-learning")
    return redirect(f"{lesson.url}#kuis")


@login_required
@require_POST
def attempt_start_view(request: HtmxRequest, lesson_pk: int) -> HttpResponse:
    lesson = _lesson(lesson_pk)
    try:
        attempt = quiz_attempt_start(student=request.user, lesson=lesson)
    except CourseRuleError as exc:
        return _panel(
            request, lesson, error=str(exc), consent=not isinstance(exc, ConsentMissingError)
        )
    if not request.htmx:
        return _back_to_lesson(lesson)
    return _attempt_response(request, attempt)


@login_required
@require_GET
def attempt_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """The open attempt (resume after a lost connection) or the finished one with feedback."""
    attempt = _own_attempt(request, pk)
    if not request.htmx:
        return _back_to_lesson(attempt)
    return _attempt_response(request, attempt)


@login_required
@require_POST
def answer_view(request: HtmxRequest, pk: int, question_pk: int) -> HttpResponse:
    try:
        attempt = QuizAttempt.objects.select_related("quiz").get(pk=pk, student=request.user)
    except QuizAttempt.DoesNotExist:
        raise Http404(_("Percobaan kuis tidak ditemukan.")) from None
    error = ""
    try:
        quiz_answer_save(
            attempt_id=attempt.pk,
            student=request.user,
            question_id=question_pk,
            data=dict(request.POST.lists()),
        )
    except QuizAttempt.DoesNotExist:  # pragma: no cover - checked above
        raise Http404 from None
    except CourseRuleError as exc:
        error = str(exc)
    if not request.htmx:
        return _back_to_lesson(attempt)
    attempt.refresh_from_db()
    if not attempt.is_open:  # time ran out: show the result with the reason
        return _attempt_response(request, attempt, error=error)
    questions = attempt_questions(attempt=attempt)
    item = next((q for q in questions if q.question.pk == question_pk), None)
    if item is None:
        return render(request, f"{QUIZ}#quiz-error", {"error": error}, status=200)
    return render(
        request,
        f"{QUIZ}#answer-saved",
        {
            "attempt": attempt,
            "item": item,
            "question_error": error,
            "questions": questions,
            "submit_oob": True,
            "answered": sum(1 for q in questions if q.answer),
        },
    )


@login_required
@require_POST
def submit_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Grade the attempt. With questions still unanswered, list them first and submit only
    once the student confirms (`confirm=1`)."""
    attempt = _own_attempt(request, pk)
    if attempt.is_open and request.POST.get("confirm") != "1":
        questions = attempt_questions(attempt=attempt)
        unanswered = [q for q in questions if not q.answer]
        if unanswered:
            if not request.htmx:
                messages.warning(request, _("Masih ada soal yang belum dijawab."))
                return _back_to_lesson(attempt)
            context = {
                "attempt": attempt,
                "questions": questions,
                "unanswered": unanswered,
                "answered": len(questions) - len(unanswered),
            }
            response = render(request, f"{QUIZ}#quiz-confirm", context)
            return reswap(retarget(response, "#quiz-confirm"), "outerHTML")
    error = ""
    try:
        attempt = quiz_attempt_submit(attempt_id=attempt.pk, student=request.user)
    except CourseRuleError as exc:
        error = str(exc)
        attempt.refresh_from_db()
    if not request.htmx:
        return _back_to_lesson(attempt)
    return _attempt_response(request, attempt, error=error)


@login_required
@require_POST
def lesson_done_view(request: HtmxRequest, lesson_pk: int) -> HttpResponse:
    lesson = _lesson(lesson_pk)
    error = ""
    progress = None
    try:
        progress = lesson_mark_done(student=request.user, lesson=lesson)
    except CourseRuleError as exc:
        error = str(exc)
    if not request.htmx:
        return redirect(lesson.url)
    return render(
        request,
        f"{QUIZ}#lesson-done",
        {"page": lesson, "progress": progress, "consent": not error, "done_error": error},
    )


@login_required
@require_GET
def my_learning_view(request: HtmxRequest) -> HttpResponse:
    allow_for_student(request)  # kept per student by lms.fastpage until their state changes
    return render(request, "courses/my_learning.html", {"cards": my_learning(student=request.user)})


@login_required
@require_GET
def search_view(request: HtmxRequest) -> HttpResponse:
    from courses.search import search_learning

    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = search_learning(query=query) if query else []
    template = "courses/search.html"
    return render(
        request,
        f"{template}#search-results" if request.htmx else template,
        {"form": form, "query": query, "results": results},
    )


# --- Teacher side -------------------------------------------------------------------------


def _teacher_classroom(request: HtmxRequest, pk: int) -> Any:
    return get_object_or_404(classroom_list_for_user(user=request.user), pk=pk)


def _assigned_course(classroom: Any, course_pk: int) -> CoursePage:
    return get_object_or_404(
        CoursePage.objects.filter(assignments__classroom=classroom), pk=course_pk
    )


@login_required
@require_GET
def teacher_classroom_list_view(request: HtmxRequest) -> HttpResponse:
    if not request.user.has_role(Role.TEACHER):
        raise PermissionDenied
    classrooms = classroom_list_for_user(user=request.user).prefetch_related(
        "course_assignments__course"
    )
    return render(request, "courses/teacher_classrooms.html", {"classrooms": classrooms})


@login_required
@require_http_methods(["GET", "POST"])
def classroom_courses_view(request: HtmxRequest, pk: int) -> HttpResponse:
    classroom = _teacher_classroom(request, pk)
    form = AssignmentForm(request.POST or None)
    assigned = None
    if request.method == "POST" and form.is_valid():
        try:
            assigned = course_assign(classroom=classroom, by=request.user, **form.cleaned_data)
        except CourseRuleError as exc:
            form.add_error("due_date", str(exc))
        else:
            form = AssignmentForm()
    context = {
        "classroom": classroom,
        "form": form,
        "assigned": assigned,
        "assignments": assigned_courses(classroom=classroom),
    }
    template = "courses/classroom_courses.html"
    return render(request, f"{template}#assignments" if request.htmx else template, context)


def _class_students(request: HtmxRequest, pk: int, **kwargs: Any) -> Any:
    """Whose grades a class page showed, for the access log (UU PDP: a minor's grades)."""
    from lms.schools.models import Enrolment

    return Enrolment.objects.filter(classroom_id=pk).values_list("student_id", flat=True)


def _one_student(request: HtmxRequest, student_pk: int, **kwargs: Any) -> list[int]:
    return [student_pk]


@login_required
@require_GET
@audited(AccessKind.GRADES, subjects=_class_students)
def progress_grid_view(request: HtmxRequest, pk: int, course_pk: int) -> HttpResponse:
    # The class among the teacher's schools' (as _teacher_classroom) and the course assigned
    # to it (as _assigned_course) in one query, with only the columns the grid reads.
    assignment = get_object_or_404(
        CourseAssignment.objects.select_related("classroom", "course").only(
            *("classroom", "classroom__name", "classroom__school_id", "course"),
            *("course__title", "course__title_en", "course__path", "course__depth"),
        ),
        classroom_id=pk,
        course_id=course_pk,
        classroom__school_id__in=teacher_school_ids(request.user),
    )
    classroom, course = assignment.classroom, assignment.course
    # The page around the rows cached per teacher, rows per student version (courses.grid).
    return HttpResponse(grid_html(request, classroom=classroom, course=course))


@login_required
@require_GET
@audited(AccessKind.GRADES, subjects=_class_students)
def progress_export_view(request: HtmxRequest, pk: int, course_pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    classroom = _teacher_classroom(request, pk)
    course = _assigned_course(classroom, course_pk)
    grid = progress_grid(classroom=classroom, course=course)
    return grid_download(classroom=classroom, course=course, grid=grid, kind=fmt)


@login_required
@require_GET
def question_stats_view(
    request: HtmxRequest, pk: int, course_pk: int, lesson_pk: int
) -> HttpResponse:
    classroom = _teacher_classroom(request, pk)
    course = _assigned_course(classroom, course_pk)
    lesson = get_object_or_404(course_lessons(course=course), pk=lesson_pk)
    return render(
        request,
        "courses/question_stats.html",
        {
            "classroom": classroom,
            "course": course,
            "lesson": lesson,
            "stats": question_stats(classroom=classroom, lesson=lesson),
        },
    )


@login_required
@require_GET
@audited(AccessKind.GRADES, subjects=_one_student)
def student_detail_view(
    request: HtmxRequest, pk: int, course_pk: int, student_pk: int
) -> HttpResponse:
    classroom = _teacher_classroom(request, pk)
    course = _assigned_course(classroom, course_pk)
    student = get_object_or_404(User.objects.filter(enrolments__classroom=classroom), pk=student_pk)
    return render(
        request,
        "courses/student_detail.html",
        {
            "classroom": classroom,
            "course": course,
            "student": student,
            **student_report(student=student, course=course),
        },
    )


@login_required
@require_GET
@audited(AccessKind.GRADES, subjects=_one_student)
def teacher_attempt_view(
    request: HtmxRequest, pk: int, course_pk: int, student_pk: int, attempt_pk: int
) -> HttpResponse:
    """A finished attempt of one student, answer by answer, for the class's teacher."""
    classroom = _teacher_classroom(request, pk)
    course = _assigned_course(classroom, course_pk)
    student = get_object_or_404(User.objects.filter(enrolments__classroom=classroom), pk=student_pk)
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("quiz").exclude(status=AttemptStatus.IN_PROGRESS),
        pk=attempt_pk,
        student=student,
        lesson__in=course_lessons(course=course),
    )
    return render(
        request,
        "courses/teacher_attempt.html",
        {
            "classroom": classroom,
            "course": course,
            "student": student,
            "attempt": attempt,
            "questions": attempt_questions(attempt=attempt, for_teacher=True),
        },
    )
