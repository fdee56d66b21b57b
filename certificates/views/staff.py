"""Dashboards, schemes, batches and the batch board (trainers, assessors, dinas staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from certificates import selectors as sel
from certificates.exceptions import CertificationError
from certificates.forms import BatchForm, PlenoForm, SchemeForm, UnitImportForm
from certificates.models import GradingRun, Scheme
from certificates.practical.services import grading_run_start
from certificates.register import register_rows
from certificates.services.batches import batch_create, candidate_progress_sync
from certificates.services.decisions import pleno_confirm
from certificates.services.schemes import (
    scheme_create,
    scheme_new_version,
    scheme_publish,
    scheme_units_import,
)
from certificates.unit_import import MAX_UNIT_FILE_BYTES
from certificates.views.common import (
    managed_batch,
    paginate,
    read_upload,
    require_organiser,
    require_staff,
    staff_batch,
)
from lms.exports import table_download
from lms.http import HtmxRequest


@login_required
@require_GET
def home_view(request: HtmxRequest) -> HttpResponse:
    """Each role's work: trainer and assessor queues, a candidate's applications."""
    user = request.user
    context = {
        "is_staff": bool(sel.staff_region_ids(user=user)),
        "trainer_batches": list(sel.trainer_queue(user=user)),
        "assessor_batches": list(sel.assessor_queue(user=user)),
        "region_batches": paginate(request, sel.batch_list_for_staff(user=user)),
        "candidacies": list(sel.candidacy_list_for_user(user=user)),
        "open_batches": list(sel.open_batch_list(user=user)[:20]),
        "can_organise": bool(sel.staff_region_ids(user=user, roles=("trainer", "dinas"))),
    }
    return render(request, "certificates/home.html", context)


@login_required
@require_GET
def scheme_list_view(request: HtmxRequest) -> HttpResponse:
    require_staff(request)
    schemes = sel.scheme_list_for(user=request.user)
    return render(request, "certificates/scheme_list.html", {"page": paginate(request, schemes)})


@login_required
@require_http_methods(["GET", "POST"])
def scheme_create_view(request: HtmxRequest) -> HttpResponse:
    form = SchemeForm(request.POST or None, region_ids=require_organiser(request))
    if request.method == "POST" and form.is_valid():
        try:
            scheme = scheme_create(by=request.user, **form.cleaned_data)
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("certificates:scheme-detail", scheme.pk)
    return render(request, "certificates/form_page.html", {"form": form, "title": _("Skema baru")})


@login_required
@require_http_methods(["GET", "POST"])
def scheme_detail_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Units, elements and KUK; for a draft, the import form and its bad-row report."""
    require_staff(request)
    scheme = get_object_or_404(sel.scheme_list_for(user=request.user), pk=pk)
    can_edit = sel.can_edit_scheme(user=request.user, scheme=scheme)
    form = UnitImportForm(request.POST or None, request.FILES or None)
    rows, imported = None, None
    if request.method == "POST":
        if not can_edit:
            raise Http404
        if form.is_valid():
            data = read_upload(form.cleaned_data["file"], MAX_UNIT_FILE_BYTES)
            try:
                if data is None:
                    raise CertificationError(_("Berkas terlalu besar (maksimal 1 MB)."))
                rows, imported = scheme_units_import(
                    scheme=scheme,
                    data=data,
                    filename=form.cleaned_data["file"].name,
                    replace=form.cleaned_data["replace"],
                    by=request.user,
                )
            except CertificationError as exc:
                form.add_error("file", str(exc))
    context = {
        "scheme": scheme,
        "units": sel.scheme_units(scheme_id=scheme.pk),
        "form": form,
        "rows": [r for r in rows or [] if r.errors],
        "imported": imported,
        "can_edit": can_edit,
        "versions": sel.scheme_list_for(user=request.user)
        .filter(code=scheme.code)
        .order_by("-version"),
    }
    return render(request, "certificates/scheme_detail.html", context)


def _editable_scheme(request: HtmxRequest, pk: int) -> Scheme:
    """A scheme the organiser may change; another dinas's scheme answers 404."""
    require_organiser(request)
    scheme = get_object_or_404(sel.scheme_list_for(user=request.user), pk=pk)
    if not sel.can_edit_scheme(user=request.user, scheme=scheme):
        raise Http404
    return scheme


@login_required
@require_POST
def scheme_publish_view(request: HtmxRequest, pk: int) -> HttpResponse:
    scheme = _editable_scheme(request, pk)
    try:
        scheme_publish(scheme=scheme, by=request.user)
        messages.success(request, _("Skema diterbitkan. Versi ini tidak dapat diubah lagi."))
    except CertificationError as exc:
        messages.error(request, str(exc))
    return redirect("certificates:scheme-detail", scheme.pk)


# same shape as batch_grade_view on purpose: try the one service call, answer its error; here
# a redirect to the old version, there the grading partial.
@login_required
@require_POST
def scheme_new_version_view(request: HtmxRequest, pk: int) -> HttpResponse:
    scheme = _editable_scheme(request, pk)
    try:
        copy = scheme_new_version(scheme=scheme, by=request.user)
    except CertificationError as exc:
        messages.error(request, str(exc))
        return redirect("certificates:scheme-detail", scheme.pk)
    messages.success(request, _("Versi %(v)s dibuat sebagai draf.") % {"v": copy.version})
    return redirect("certificates:scheme-detail", copy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def batch_create_view(request: HtmxRequest) -> HttpResponse:
    regions = require_organiser(request)
    form = BatchForm(request.POST or None, region_ids=regions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            batch = batch_create(
                by=request.user,
                trainers=list(data.pop("trainers")),
                assessors=list(data.pop("assessors")),
                **data,
            )
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Angkatan dibuat."))
            return redirect("certificates:batch-board", batch.pk)
    return render(
        request, "certificates/form_page.html", {"form": form, "title": _("Angkatan baru")}
    )


@login_required
@require_GET
def batch_board_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Every candidate's state with counts and what is missing; filters; htmx table."""
    batch = staff_batch(request, pk)
    state = request.GET.get("state", "")
    search = request.GET.get("q", "").strip()
    board = sel.batch_board(batch=batch, state=state, search=search)
    context = {
        "batch": batch,
        "board": board,
        "page": paginate(request, board["rows"]),
        "state": state,
        "search": search,
        "states": sel.BOARD_STATES,
        "can_manage": sel.can_manage_batch(user=request.user, batch=batch),
        "is_assessor": sel.is_batch_assessor(user=request.user, batch=batch),
        "grading": GradingRun.objects.filter(batch=batch).order_by("-pk").first(),
        "pleno_list": batch.plenos.select_related("confirmed_by"),
        "people": sel.batch_with_people(type(batch).objects.filter(pk=batch.pk)).get(),
    }
    page = "certificates/batch_board.html"
    return render(request, f"{page}#board-table" if request.htmx else page, context)


@login_required
@require_GET
def batch_export_view(request: HtmxRequest, pk: int, fmt: str) -> HttpResponse:
    batch = staff_batch(request, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    board = sel.batch_board(batch=batch)
    return table_download(
        register_rows(board["rows"]),
        kind=fmt,
        filename=f"register-angkatan-{batch.pk}",
        title=_("Register peserta"),
    )


@login_required
@require_POST
def batch_sync_view(request: HtmxRequest, pk: int) -> HttpResponse:
    batch = managed_batch(request, pk)
    updated = candidate_progress_sync(batch=batch)
    messages.success(
        request, _("Kemajuan pelatihan dan tes tulis diperbarui (%(n)s peserta).") % {"n": updated}
    )
    return redirect("certificates:batch-board", batch.pk)


# same shape as lms.schools.views.student_password_reset_view on purpose: an htmx POST whose
# partial shows the service's error or its result; the partials and services differ.
@login_required
@require_POST
def batch_grade_view(request: HtmxRequest, pk: int) -> HttpResponse:
    batch = staff_batch(request, pk)
    try:
        run = grading_run_start(batch=batch, by=request.user)
    except CertificationError as exc:
        return render(request, "certificates/partials/grading-progress.html", {"error": str(exc)})
    return render(
        request, "certificates/partials/grading-progress.html", {"run": run, "batch": batch}
    )


@login_required
@require_GET
def grading_status_view(request: HtmxRequest, pk: int, run_pk: int) -> HttpResponse:
    batch = staff_batch(request, pk)
    run = get_object_or_404(GradingRun, pk=run_pk, batch=batch)
    return render(
        request, "certificates/partials/grading-progress.html", {"run": run, "batch": batch}
    )


@login_required
@require_http_methods(["GET", "POST"])
def pleno_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """The decision meeting confirms the signed decisions of the batch."""
    batch = managed_batch(request, pk)
    form = PlenoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pleno = pleno_confirm(batch=batch, by=request.user, **form.cleaned_data)
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Pleno mengukuhkan %(n)s keputusan.") % {"n": pleno.decisions.count()},
            )
            return redirect("certificates:batch-board", batch.pk)
    pending = sel.pleno_pending(batch=batch)
    return render(
        request, "certificates/pleno.html", {"batch": batch, "form": form, "pending": pending}
    )
