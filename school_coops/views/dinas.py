"""Recognition (pengukuhan) and pendataan: the guru pembina's pages and the dinas's pages.

Dinas pages list only the regions the user serves; another region's submission answers 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms import district
from lms.exports import table_download
from lms.http import HtmxRequest, site_base_url
from school_coops.dinas_forms import (
    PendataanForm,
    RecognitionDecisionForm,
    RecognitionSubmitForm,
    pendataan_initial,
)
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import AnnualReport, FoundingProcess, RecognitionSubmission
from school_coops.pdf import DOCUMENTS
from school_coops.selectors import dinas as reads
from school_coops.services.pendataan import annual_report_submit, pendataan_remind
from school_coops.services.recognition import (
    Upload,
    recognition_recognise,
    recognition_return,
    recognition_submit,
)
from school_coops.views.common import coop_for, paginate
from school_coops.views.documents import document_pdf

# --- The guru pembina ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def recognition_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.supervise")
    form = RecognitionSubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment = form.cleaned_data["attachment"]
        uploads = [Upload(_("Lampiran"), attachment[0], attachment[1])] if attachment else []
        try:
            recognition_submit(
                coop=coop, by=request.user, note=form.cleaned_data["note"], uploads=uploads
            )
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pengajuan pengukuhan terkirim ke dinas."))
            return redirect("school_coops:recognition", slug=coop.slug)
    submissions = list(reads.recognition_submissions(coop=coop)[:20])
    open_submission = any(s.status != "dikembalikan" for s in submissions)
    context = {
        "coop": coop,
        "form": form,
        "submissions": submissions,
        "can_submit": coop.founded_on is not None
        and coop.recognised_on is None
        and not open_submission,
        "history": reads.status_history(coop=coop),
        "documents": [(k, t) for k, (_tpl, t) in DOCUMENTS.items()],
    }
    return render(request, "school_coops/recognition.html", context)


def _year(coop_years: list[int], year: int) -> int:
    if year not in coop_years:
        raise Http404
    return year


@login_required
@require_http_methods(["GET", "POST"])
def pendataan_view(request: HtmxRequest, slug: str, year: int) -> HttpResponse:
    coop = coop_for(request, slug, "school_coops.supervise")
    _year(reads.pendataan_years(coop=coop), year)
    report = AnnualReport.objects.filter(coop=coop, year=year).first()
    prefill = reads.pendataan_prefill(coop=coop, year=year)
    current = reads.report_values(report) if report else prefill
    form = PendataanForm(request.POST or None, initial=pendataan_initial(current))
    if request.method == "POST" and form.is_valid():
        try:
            annual_report_submit(coop=coop, year=year, by=request.user, values=form.cleaned_data)
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pendataan tahun %(y)s terkirim ke dinas.") % {"y": year})
            return redirect("school_coops:pendataan", slug=coop.slug, year=year)
    shown = report.prefilled if report else prefill
    rows = [(form[name], shown.get(name)) for name in reads.FIELDS]
    context = {
        "coop": coop,
        "year": year,
        "form": form,
        "rows": rows,
        "report": report,
        "corrections": [
            (form.fields[name].label, value)
            for name, value in (reads.report_corrections(report) if report else {}).items()
        ],
        "years": reads.pendataan_years(coop=coop),
    }
    return render(request, "school_coops/pendataan.html", context)


# --- The dinas -----------------------------------------------------------------------------


def _dinas_regions(request: HtmxRequest) -> set[int]:
    """The regions whose submissions and reminders the user decides (kabupaten staff)."""
    regions = reads.dinas_region_ids(user=request.user)
    if not regions:
        raise Http404
    return regions


def _read_regions(request: HtmxRequest) -> tuple[set[int], str]:
    """The regions the lists show: one district scope of the user (`?scope=`, as the overview
    links them), else every region the user serves; province staff read, and do not decide."""
    key = request.GET.get("scope") or ""
    if key:
        scope = district.scope_for(request.user, key)
        regions = set(scope.region_ids) if scope else set()
    else:
        regions = district.region_ids_for(request.user)
    if not regions:
        raise Http404
    return regions, key


@login_required
@require_GET
def recognition_queue_view(request: HtmxRequest) -> HttpResponse:
    regions, key = _read_regions(request)
    queue = reads.recognition_queue(user=request.user, region_ids=regions)
    context = {
        "queue": paginate(request, queue),
        "decided": reads.recognition_decided(user=request.user, region_ids=regions)[:10],
        "now_year": timezone.localdate().year,
        "decides": reads.dinas_region_ids(user=request.user),
        "scope_key": key,
    }
    return render(request, "school_coops/recognition_queue.html", context)


def _submission(request: HtmxRequest, pk: int) -> RecognitionSubmission:
    submission = reads.submission_for_dinas(user=request.user, pk=pk)
    if submission is None:
        raise Http404
    return submission


@login_required
@require_http_methods(["GET", "POST"])
def recognition_review_view(request: HtmxRequest, pk: int) -> HttpResponse:
    # long: one page with two forms (recognise, return) and the documents the dinas reads
    submission = _submission(request, pk)
    coop = submission.coop
    form = RecognitionDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "kukuhkan":
                recognition_recognise(
                    submission=submission,
                    by=request.user,
                    nomor_pengukuhan=data["nomor_pengukuhan"],
                    recognised_on=data["recognised_on"],
                )
                messages.success(request, _("%(c)s dikukuhkan.") % {"c": coop.name})
            else:
                recognition_return(submission=submission, by=request.user, reason=data["reason"])
                messages.success(request, _("Pengajuan dikembalikan kepada guru pembina."))
        except CooperativeRuleError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("school_coops:recognition-review", pk=submission.pk)
    today = timezone.localdate()
    context = {
        "submission": submission,
        "coop": coop,
        "form": form,
        "suggested_number": reads.recognition_number_suggestion(
            region=coop.school.region, day=today
        ),
        "today": today,
        "documents": [(k, t) for k, (_tpl, t) in DOCUMENTS.items()],
        "members": paginate(
            request,
            coop.memberships.filter(status="aktif")
            .select_related("member")
            .order_by("number", "pk"),
        ),
        "officers": coop.positions.filter(ended_on__isnull=True)
        .select_related("membership__member")
        .order_by("role"),
        "history": reads.status_history(coop=coop),
    }
    return render(request, "school_coops/recognition_review.html", context)


@login_required
@require_GET
def recognition_document_view(request: HtmxRequest, pk: int, doc: str) -> HttpResponse:
    submission = _submission(request, pk)
    if doc not in DOCUMENTS:
        raise Http404
    process = FoundingProcess.objects.filter(coop=submission.coop).first()
    if process is None and doc in ("berita-acara", "daftar-hadir"):
        raise Http404  # registered directly: no founding meeting papers in Kopsis
    return document_pdf(request, submission.coop, process, doc)


@login_required
@require_GET
def recognition_attachment_view(request: HtmxRequest, pk: int, file_pk: int) -> HttpResponse:
    from lms.storage import private_storage

    submission = _submission(request, pk)
    attachment = submission.attachments.filter(pk=file_pk).first()
    if attachment is None or not private_storage.exists(attachment.file_path):
        raise Http404
    with private_storage.open(attachment.file_path, "rb") as stream:
        response = HttpResponse(stream.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lampiran-{attachment.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def _district_year(year: int) -> int:
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    return year


@login_required
@require_GET
def pendataan_district_view(request: HtmxRequest, year: int) -> HttpResponse:
    regions, key = _read_regions(request)
    _district_year(year)
    missing_only = request.GET.get("belum") == "1"
    coops = reads.pendataan_status(region_ids=regions, year=year, missing_only=missing_only)
    context = {
        "year": year,
        "coops": paginate(request, coops),
        "missing": reads.pendataan_missing(region_ids=regions, year=year).count(),
        "total": reads.district_coops(region_ids=regions).count(),
        "missing_only": missing_only,
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 4, -1)),
        "can_remind": bool(reads.dinas_region_ids(user=request.user)),
        "scope_key": key,
    }
    return render(request, "school_coops/pendataan_district.html", context)


@login_required
@require_POST
def pendataan_remind_view(request: HtmxRequest, year: int) -> HttpResponse:
    _dinas_regions(request)
    _district_year(year)
    try:
        sent = pendataan_remind(year=year, by=request.user, base_url=site_base_url(request))
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pengingat dikirim ke %(n)s koperasi.") % {"n": len(sent)})
    return redirect("school_coops:pendataan-district", year=year)


@login_required
@require_GET
def pendataan_export_view(request: HtmxRequest, year: int, fmt: str) -> HttpResponse:
    regions, _key = _read_regions(request)
    _district_year(year)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    rows = reads.pendataan_export_rows(region_ids=regions, year=year)
    return table_download(rows, kind=fmt, filename=f"pendataan-koperasi-{year}", title=str(year))
