"""Teacher views: classrooms, roster import, login cards, password resets, consent."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.accounts.exceptions import AccountRuleError
from lms.accounts.models import Role, User
from lms.accounts.selectors import consent_status
from lms.accounts.services import consent_record, student_password_reset
from lms.http import HtmxRequest, site_base_url
from lms.jobs import job_file_response, job_status_response
from lms.schools.exceptions import SchoolRuleError
from lms.schools.forms import ClassroomForm, ConsentForm, RosterConfirmForm, RosterUploadForm
from lms.schools.models import Classroom, LoginCardBatch, School
from lms.schools.roster import RosterFileError, check_upload_size
from lms.schools.selectors import (
    classroom_list_for_user,
    classroom_students,
    school_list_for_teacher,
)
from lms.schools.services import (
    Duplicates,
    classroom_create,
    login_cards_request,
    roster_import,
)
from lms.storage import KeptUpload


def _teacher_classroom(request: HtmxRequest, pk: int) -> Classroom:
    # 404, not 403, for classrooms of other schools: do not confirm they exist.
    return get_object_or_404(classroom_list_for_user(user=request.user), pk=pk)


def _managed_student(request: HtmxRequest, pk: int) -> User:
    student = get_object_or_404(User, pk=pk)
    if not request.user.has_perm("accounts.manage_student", student):
        raise Http404
    return student


@login_required
@require_GET
def classroom_list_view(request: HtmxRequest) -> HttpResponse:
    if not request.user.has_role(Role.TEACHER):
        raise PermissionDenied
    page = Paginator(classroom_list_for_user(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "schools/classroom_list.html",
        {"page": page, "schools": school_list_for_teacher(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def classroom_create_view(request: HtmxRequest) -> HttpResponse:
    schools = list(school_list_for_teacher(user=request.user))
    if not schools:
        raise PermissionDenied
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = classroom_create(school=schools[0], by=request.user, **form.cleaned_data)
        except SchoolRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Kelas %(name)s dibuat.") % {"name": classroom.name})
            return redirect("schools:classroom-detail", pk=classroom.pk)
    return render(request, "schools/classroom_form.html", {"form": form, "school": schools[0]})


@login_required
@require_GET
def classroom_detail_view(request: HtmxRequest, pk: int) -> HttpResponse:
    classroom = _teacher_classroom(request, pk)
    search = request.GET.get("q", "").strip()[:100]
    students = classroom_students(classroom=classroom, search=search)
    page = Paginator(students, 25).get_page(request.GET.get("page"))
    context = {"classroom": classroom, "page": page, "search": search}
    template = "schools/classroom_detail.html"
    return render(request, f"{template}#student-table" if request.htmx else template, context)


ROSTER_UPLOAD = KeptUpload(session_key="roster_upload", folder="roster-uploads", owner="school")


@login_required
@require_http_methods(["GET", "POST"])
def roster_import_view(request: HtmxRequest) -> HttpResponse:
    schools = list(school_list_for_teacher(user=request.user))
    if not schools:
        raise PermissionDenied
    school = schools[0]
    confirming = request.method == "POST" and "upload" in request.POST
    form = RosterUploadForm(None if confirming else request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "school": school, "result": None, "file_error": None}
    duplicates, upload_data = Duplicates.ASK, None
    if confirming:
        confirm = RosterConfirmForm(request.POST)
        kept = confirm.is_valid() and ROSTER_UPLOAD.read(
            request, confirm.cleaned_data["upload"], school.pk
        )
        if not kept:
            context["file_error"] = _("Unggahan sudah kedaluwarsa. Unggah berkasnya lagi.")
            return render(request, "schools/roster_import.html", context)
        upload_data, filename = kept
        duplicates = confirm.cleaned_data["duplicates"]
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        filename = upload.name
        try:
            check_upload_size(upload.size)  # before reading a huge upload into memory
        except RosterFileError as exc:
            context["file_error"] = str(exc)
        else:
            upload_data = upload.read()
    if upload_data is not None:
        _roster_run(request, school, upload_data, filename, duplicates, context)
    return render(request, "schools/roster_import.html", context)


def _roster_run(
    request: HtmxRequest,
    school: School,
    upload_data: bytes,
    filename: str,
    duplicates: str,
    context: dict[str, Any],
) -> None:
    """Import (or preview) the file; a result that needs confirming keeps the upload."""
    try:
        result = roster_import(
            school=school,
            data=upload_data,
            filename=filename,
            by=request.user,
            duplicates=duplicates,
        )
    except (RosterFileError, SchoolRuleError) as exc:
        context["file_error"] = str(exc)
        return
    context["result"] = result
    if result.needs_confirmation:
        token = ROSTER_UPLOAD.keep(request, upload_data, filename, school.pk)
        context["confirm_form"] = RosterConfirmForm(initial={"upload": token})
    else:
        ROSTER_UPLOAD.discard(request)


@login_required
@require_POST
def login_cards_request_view(request: HtmxRequest, pk: int) -> HttpResponse:
    classroom = _teacher_classroom(request, pk)
    ids = [i for i in request.POST.getlist("student") if i.isdigit()]
    students = list(classroom_students(classroom=classroom))
    if ids:
        students = [s for s in students if str(s.pk) in ids]
    try:
        batch = login_cards_request(
            classroom=classroom,
            by=request.user,
            students=students,
            base_url=site_base_url(request),
        )
    except SchoolRuleError as exc:
        return render(request, "schools/partials/card-progress.html", {"error": str(exc)})
    return render(request, "schools/partials/card-progress.html", {"batch": batch})


def _own_batch(request: HtmxRequest, pk: int) -> LoginCardBatch:
    batch = get_object_or_404(LoginCardBatch.objects.select_related("classroom"), pk=pk)
    if batch.requested_by_id != request.user.pk:
        raise Http404
    return batch


@login_required
@require_GET
def login_cards_status_view(request: HtmxRequest, pk: int) -> HttpResponse:
    batch = _own_batch(request, pk)
    return job_status_response(request, "schools/partials/card-progress.html", {"batch": batch})


@login_required
@require_GET
def login_cards_download_view(request: HtmxRequest, pk: int) -> FileResponse:
    batch = _own_batch(request, pk)
    return job_file_response(batch, filename=f"kartu-login-{batch.classroom.name}.pdf")


@login_required
@require_POST
def student_password_reset_view(request: HtmxRequest, pk: int) -> HttpResponse:
    student = _managed_student(request, pk)
    try:
        password = student_password_reset(student=student)
    except AccountRuleError as exc:
        return render(request, "schools/partials/password-reset.html", {"error": str(exc)})
    return render(
        request, "schools/partials/password-reset.html", {"student": student, "password": password}
    )


@login_required
@require_http_methods(["GET", "POST"])
def student_consent_view(request: HtmxRequest, pk: int) -> HttpResponse:
    student = _managed_student(request, pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_record(student=student, by=request.user, **form.cleaned_data)
        except AccountRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Persetujuan wali untuk %(name)s dicatat.") % {"name": student.full_name}
            )
            return redirect("schools:student-consent", pk=student.pk)
    records = student.consent_records.select_related("recorded_by")[:50]
    return render(
        request,
        "schools/student_consent.html",
        {
            "student": student,
            "form": form,
            "records": records,
            "status": consent_status(student=student),
        },
    )
