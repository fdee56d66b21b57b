"""Assignment views: the student's hand-in page (phone first, htmx) and the teacher's
submission list, grading, teams and the approved business plans of a class."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.assignments import (
    grade_override,
    grade_submission,
    hand_in,
    return_for_revision,
    student_team,
    team_create,
)
from courses.exceptions import CourseRuleError
from courses.forms import GradeForm, HandInForm, OverrideForm, TeamForm
from courses.models import Assignment, HandInKind, LessonPage
from courses.selectors import (
    approved_plans,
    assignment_of_lesson,
    class_submissions,
    own_submission,
    student_points,
    submission_versions,
)
from courses.selectors.assignments import class_students, downloadable_version
from courses.selectors.worksheets import worksheet_context
from courses.worksheets.services import hand_in_worksheets, open_worksheets
from lms.http import HtmxRequest
from lms.schools.selectors import classroom_list_for_user

PAGE = "courses/assignment.html"
GRADE_PAGE = "courses/assignment_grade.html"


def _lesson_assignment(lesson_pk: int) -> Assignment:
    get_object_or_404(LessonPage.objects.live(), pk=lesson_pk)
    assignment = assignment_of_lesson(lesson_id=lesson_pk)
    if assignment is None:
        raise Http404
    return assignment


def _student_context(request: HtmxRequest, assignment: Assignment, form: Any) -> dict[str, Any]:
    submission = own_submission(assignment=assignment, student=request.user)
    return {
        "assignment": assignment,
        "submission": submission,
        "versions": submission_versions(submission=submission) if submission else [],
        "points": student_points(submission, request.user.pk),
        "team": student_team(assignment, request.user) if assignment.is_group else None,
        "form": form,
        "worksheets": _worksheets(assignment, request),
    }


def _worksheets(assignment: Assignment, request: HtmxRequest) -> list[dict[str, Any]]:
    """The student's (team's) worksheets, opened (created empty) on the first visit."""
    if assignment.hand_in != HandInKind.WORKSHEET or request.htmx:
        return []
    try:
        sheets = open_worksheets(assignment=assignment, student=request.user)
    except CourseRuleError:  # not in a team yet: the page says so
        return []
    return [worksheet_context(sheet) for sheet in sheets]


def _hand_in(assignment: Assignment, request: HtmxRequest, form: HandInForm) -> None:
    if assignment.hand_in == HandInKind.WORKSHEET:
        hand_in_worksheets(assignment=assignment, student=request.user)
    else:
        hand_in(assignment=assignment, student=request.user, data=form.cleaned_data)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_view(request: HtmxRequest, lesson_pk: int) -> HttpResponse:
    """The student's page: instructions, rubric, hand-in form, versions and feedback."""
    assignment = _lesson_assignment(lesson_pk)
    form = HandInForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            _hand_in(assignment, request, form)
        except CourseRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tugas terkumpul."))
            if not request.htmx:
                return redirect("courses:assignment", lesson_pk=lesson_pk)
            form = HandInForm()
    template = f"{PAGE}#hand-in" if request.htmx else PAGE
    return render(request, template, _student_context(request, assignment, form))


def _teacher_assignment(request: HtmxRequest, pk: int, assignment_pk: int) -> tuple[Any, Any]:
    """The classroom (the teacher's school) and an assignment of a course assigned to it."""
    classroom = get_object_or_404(classroom_list_for_user(user=request.user), pk=pk)
    assignment = get_object_or_404(
        Assignment.objects.prefetch_related("criteria__levels"), pk=assignment_pk
    )
    course_ids = set(classroom.course_assignments.values_list("course_id", flat=True))
    if not any(a.pk in course_ids for a in assignment.lesson.get_ancestors()):
        raise Http404
    return classroom, assignment


@login_required
@require_GET
def submission_list_view(request: HtmxRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom, assignment = _teacher_assignment(request, pk, assignment_pk)
    rows = class_submissions(assignment=assignment, classroom=classroom)
    counts = {s: sum(1 for r in rows if r.state == s) for s in ("handed_in", "late", "missing")}
    page = Paginator(rows, 30).get_page(request.GET.get("halaman"))
    return render(
        request,
        "courses/assignment_submissions.html",
        {"classroom": classroom, "assignment": assignment, "page": page, "counts": counts},
    )


def _student_submission(classroom: Any, assignment: Any, student_pk: int) -> tuple[Any, Any]:
    student = get_object_or_404(class_students(classroom), pk=student_pk)
    row = next(
        r
        for r in class_submissions(assignment=assignment, classroom=classroom)
        if r.student.pk == student.pk
    )
    return student, row


def _team_members(row: Any) -> list[Any]:
    if row.team is None:
        return []
    return [m.student for m in row.team.members.select_related("student").order_by("pk")]


def _grade_context(
    classroom: Any, assignment: Any, student: Any, row: Any, **forms: Any
) -> dict[str, Any]:
    members = _team_members(row)
    grade = getattr(row.submission, "grade", None) if row.submission else None
    overrides = {o.student_id: o for o in grade.overrides.all()} if grade else {}
    return {
        "classroom": classroom,
        "assignment": assignment,
        "student": student,
        "row": row,
        "grade": grade,
        "members": [(m, overrides.get(m.pk)) for m in members],
        "versions": submission_versions(submission=row.submission) if row.submission else [],
        "override_form": forms.get("override_form") or OverrideForm(members=members),
        **forms,
    }


@login_required
@require_http_methods(["GET", "POST"])
def grade_view(request: HtmxRequest, pk: int, assignment_pk: int, student_pk: int) -> HttpResponse:
    """Grade a student's (or their team's) work with the rubric, or return it for revision.
    Any teacher of the class's school may grade (the progress grid's rule)."""
    classroom, assignment = _teacher_assignment(request, pk, assignment_pk)
    student, row = _student_submission(classroom, assignment, student_pk)
    form = GradeForm(request.POST or None, criteria=list(assignment.criteria.all()))
    if request.method == "POST" and row.submission is None:
        form.is_valid()
        form.add_error(None, _("Belum ada kiriman untuk dinilai."))
    elif request.method == "POST" and form.is_valid() and _grade_write(request, form, row):
        return redirect("courses:assignment-submissions", pk=pk, assignment_pk=assignment_pk)
    context = _grade_context(classroom, assignment, student, row, form=form)
    return render(request, GRADE_PAGE, context)


@login_required
@require_POST
def grade_override_view(
    request: HtmxRequest, pk: int, assignment_pk: int, student_pk: int
) -> HttpResponse:
    """A team member's own points with a reason (htmx: swaps #override)."""
    classroom, assignment = _teacher_assignment(request, pk, assignment_pk)
    student, row = _student_submission(classroom, assignment, student_pk)
    members = _team_members(row)
    form = OverrideForm(request.POST, members=members)
    grade = getattr(row.submission, "grade", None) if row.submission else None
    if grade is None:
        form.is_valid()
        form.add_error(None, _("Nilai tim belum ada. Nilai dulu kiriman tim ini."))
    elif form.is_valid() and _override_write(request, form, grade, members):
        if not request.htmx:
            return redirect(
                "courses:assignment-grade",
                pk=pk,
                assignment_pk=assignment_pk,
                student_pk=student_pk,
            )
        row = _student_submission(classroom, assignment, student_pk)[1]
        form = OverrideForm(members=members)
    grade_form = GradeForm(criteria=list(assignment.criteria.all()))
    context = _grade_context(
        classroom, assignment, student, row, form=grade_form, override_form=form
    )
    return render(request, f"{GRADE_PAGE}#override" if request.htmx else GRADE_PAGE, context)


def _override_write(request: HtmxRequest, form: OverrideForm, grade: Any, members: list) -> bool:
    data = form.cleaned_data
    member = next(m for m in members if m.pk == data["student"])
    try:
        grade_override(grade=grade, student=member, points=data["points"], comment=data["comment"])
    except CourseRuleError as exc:
        form.add_error(None, str(exc))
        return False
    messages.success(request, _("Nilai sendiri %(name)s tersimpan.") % {"name": member.full_name})
    return True


@login_required
@require_GET
def assignment_file_view(request: HtmxRequest, version_pk: int) -> FileResponse:
    """A handed-in file from private storage, as an attachment: its student or team, the
    teachers who may grade it, the guardian; 404 for everyone else."""
    version = downloadable_version(user=request.user, version_pk=version_pk)
    if version is None or not version.file.storage.exists(version.file.name or ""):
        raise Http404
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.file_label
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _grade_write(request: HtmxRequest, form: GradeForm, row: Any) -> bool:
    data, submission = form.cleaned_data, row.submission
    try:
        if data["action"] == "return":
            return_for_revision(
                submission_id=submission.pk, comment=data["comment"], by=request.user
            )
            messages.success(request, _("Tugas dikembalikan untuk revisi."))
        else:
            grade_submission(
                submission_id=submission.pk,
                level_ids=form.level_ids(),
                comment=data["comment"],
                by=request.user,
                approved=data["approved"],
                expected_version=data.get("version"),
            )
            messages.success(request, _("Nilai tersimpan."))
    except CourseRuleError as exc:
        form.add_error(None, str(exc))
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def team_list_view(request: HtmxRequest, pk: int, assignment_pk: int) -> HttpResponse:
    classroom, assignment = _teacher_assignment(request, pk, assignment_pk)
    form = TeamForm(request.POST or None, students=class_students(classroom))
    if request.method == "POST" and form.is_valid():
        try:
            team_create(
                assignment=assignment,
                classroom=classroom,
                name=form.cleaned_data["name"],
                students=list(form.cleaned_data["students"]),
                by=request.user,
            )
        except CourseRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tim dibuat."))
            return redirect("courses:assignment-teams", pk=pk, assignment_pk=assignment_pk)
    teams = assignment.teams.filter(classroom=classroom).prefetch_related("members__student")
    return render(
        request,
        "courses/assignment_teams.html",
        {"classroom": classroom, "assignment": assignment, "teams": teams, "form": form},
    )


@login_required
@require_GET
def approved_plans_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Read-only: the business plans the teacher approved, for the school cooperative."""
    classroom = get_object_or_404(classroom_list_for_user(user=request.user), pk=pk)
    return render(
        request,
        "courses/approved_plans.html",
        {"classroom": classroom, "plans": approved_plans(classroom_ids=[classroom.pk])},
    )
