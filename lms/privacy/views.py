"""Privacy pages: export of one person's data, erasure, and the school's access log."""

from __future__ import annotations

from typing import Any

import rules
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling

from lms.http import HtmxRequest
from lms.privacy import selectors as sel
from lms.privacy.audit import audited
from lms.privacy.exceptions import PrivacyRuleError
from lms.privacy.forms import EraseForm
from lms.privacy.models import AccessKind, PersonalDataExport
from lms.privacy.rules import is_adult
from lms.privacy.services import erasure_problems, export_request, person_erase

User = get_user_model()
PROGRESS = "privacy/partials/export-progress.html"
LOG_PAGE_SIZE = 50


def _person_for(request: HtmxRequest, pk: int, *perms: str) -> Any:
    person = get_object_or_404(User, pk=pk)
    if not any(_may(request.user, p, person) for p in perms):
        raise Http404  # do not reveal that the person exists
    return person


def _may(user: Any, perm: str, obj: Any) -> bool:
    # rules' own test, not user.has_perm: Django lets a superuser pass every permission, but a
    # minor's data is opened only by the people the rule names (as on the cooperative pages).
    return bool(rules.has_perm(perm, user, obj))


@login_required
@require_GET
def home_view(request: HtmxRequest) -> HttpResponse:
    user = request.user
    search = request.GET.get("q", "").strip()[:100]
    schools = sel.schools_of_teacher(user=user)
    students = None
    if schools:
        students = Paginator(sel.students_of_teacher(user=user, search=search), 25).get_page(
            request.GET.get("page")
        )
    context = {
        "is_adult": is_adult(user),
        "wards": sel.wards_of(user=user),
        "schools": schools,
        "page": students,
        "search": search,
        "my_log": sel.access_log_of_subject(subject=user)[:20],
    }
    return render(request, "privacy/home.html", context)


@login_required
@require_GET
def person_view(request: HtmxRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk, "privacy.export_person", "privacy.erase_person")
    can_erase = _may(request.user, "privacy.erase_person", person)
    can_export = _may(request.user, "privacy.export_person", person)
    context = {
        "person": person,
        "can_export": can_export,
        # UU PDP Pasal 32: the processing trail is part of what the subject may see.
        "log": sel.access_log_of_subject(subject=person)[:20] if can_export else [],
        "can_erase": can_erase,
        "erasure": sel.erasure_of(person=person),
        "problems": erasure_problems(person=person, by=request.user) if can_erase else [],
        "exports": sel.exports_requested(by=request.user, subject=person),
    }
    return render(request, "privacy/person.html", context)


@login_required
@require_POST
def export_request_view(request: HtmxRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk, "privacy.export_person")
    try:
        export = export_request(subject=person, by=request.user)
    except PrivacyRuleError as exc:
        if not request.htmx:
            messages.error(request, str(exc))
            return redirect("privacy:person", pk=person.pk)
        return render(request, PROGRESS, {"error": str(exc)})
    if not request.htmx:
        return redirect("privacy:person", pk=person.pk)
    return render(request, PROGRESS, {"export": export})


def _own_export(request: HtmxRequest, pk: int) -> PersonalDataExport:
    export = get_object_or_404(PersonalDataExport.objects.select_related("subject"), pk=pk)
    # Only the requester, and only while they may still export this person.
    if export.requested_by_id != request.user.pk or not _may(
        request.user, "privacy.export_person", export.subject
    ):
        raise Http404
    return export


@login_required
@require_GET
def export_status_view(request: HtmxRequest, pk: int) -> HttpResponse:
    export = _own_export(request, pk)
    response = render(request, PROGRESS, {"export": export})
    if export.status in (PersonalDataExport.Status.DONE, PersonalDataExport.Status.FAILED):
        return HttpResponseStopPolling(response.content)  # 286: htmx stops polling
    return response


def _export_subject(request: HtmxRequest, pk: int) -> list[int]:
    return list(PersonalDataExport.objects.filter(pk=pk).values_list("subject_id", flat=True))


@login_required
@require_GET
@audited(AccessKind.EXPORT, subjects=_export_subject)
def export_download_view(request: HtmxRequest, pk: int) -> FileResponse:
    from lms.storage import private_storage

    export = _own_export(request, pk)
    if export.status != PersonalDataExport.Status.DONE or not export.file_path:
        raise Http404
    if not private_storage.exists(export.file_path):
        raise Http404  # erased since: the file went with the person's data
    response = FileResponse(
        private_storage.open(export.file_path, "rb"),
        as_attachment=True,
        filename=f"data-pribadi-{export.subject.username}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase_view(request: HtmxRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk, "privacy.erase_person")
    form = EraseForm(request.POST or None)
    problems = erasure_problems(person=person, by=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = person_erase(
                person=person, by=request.user, reason=form.cleaned_data["reason"]
            )
        except PrivacyRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Data pribadi dihapus. Orang ini sekarang tercatat sebagai %(name)s.")
                % {"name": record.person.get_full_name()},
            )
            return redirect("privacy:person", pk=person.pk)
    return render(
        request, "privacy/erase.html", {"person": person, "form": form, "problems": problems}
    )


@login_required
@require_GET
def access_log_view(request: HtmxRequest, school_pk: int) -> HttpResponse:
    from lms.schools.models import School

    school = get_object_or_404(School, pk=school_pk)
    if not _may(request.user, "privacy.view_access_log", school):
        raise Http404
    kind = request.GET.get("jenis", "")
    kind = kind if kind in AccessKind.values else ""
    log = sel.access_log_for_school(school=school, kind=kind)
    context = {
        "school": school,
        "kind": kind,
        "kinds": AccessKind.choices,
        "page": Paginator(log, LOG_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "privacy/access_log.html", context)
