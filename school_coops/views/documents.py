"""PDF documents: founding papers for the dinas, member cards (Celery) and cash receipts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from lms.http import HtmxRequest, site_base_url
from lms.jobs import job_file_response, job_status_response
from school_coops import selectors as sel
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import (
    Cooperative,
    FoundingProcess,
    JournalEntry,
    MemberCardBatch,
    ReceiptKind,
)
from school_coops.pdf import DOCUMENTS, render_pdf
from school_coops.selectors import bylaw_in_effect
from school_coops.selectors import founding as founding_reads
from school_coops.services.cards import member_cards_request
from school_coops.views.common import coop_for
from school_coops.views.founding import founding_access


@login_required
@require_POST
def member_cards_request_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    if not request.user.has_perm("school_coops.view_member_list", coop):
        raise Http404
    template = "school_coops/partials/card-progress.html"
    try:
        batch = member_cards_request(coop=coop, by=request.user, base_url=site_base_url(request))
    except CooperativeRuleError as exc:
        return render(request, template, {"error": str(exc), "coop": coop})
    return render(request, template, {"batch": batch, "coop": coop})


def _own_card_batch(request: HtmxRequest, slug: str, pk: int) -> MemberCardBatch:
    batch = get_object_or_404(
        MemberCardBatch.objects.select_related("coop"), pk=pk, coop__slug=slug
    )
    if batch.requested_by_id != request.user.pk:
        raise Http404
    return batch


@login_required
@require_GET
def member_cards_status_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    batch = _own_card_batch(request, slug, pk)
    context = {"batch": batch, "coop": batch.coop}
    return job_status_response(request, "school_coops/partials/card-progress.html", context)


@login_required
@require_GET
def member_cards_download_view(request: HtmxRequest, slug: str, pk: int) -> FileResponse:
    batch = _own_card_batch(request, slug, pk)
    return job_file_response(batch, filename=f"kartu-anggota-{batch.coop.slug}.pdf")


@login_required
@require_GET
def receipt_view(request: HtmxRequest, slug: str, pk: int) -> HttpResponse:
    """Kuitansi of a cash receipt. It shows a member's name next to money, so it follows the
    rule of the books: the guru pembina and the pengurus, or the member it concerns (and their
    guardian); a pengawas or another officer gets 404 as on member pages."""
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    entry = get_object_or_404(
        JournalEntry.objects.select_related("created_by"), pk=pk, coop=coop, receipt_number__gt=""
    )
    allowed = request.user.has_perm("school_coops.view_books", coop) or any(
        request.user.has_perm("school_coops.view_membership", m)
        for m in sel.receipt_members(entry=entry)
    )
    if not allowed:
        raise Http404
    amount = sel.receipt_amount(entry=entry)
    paid_out = entry.receipt_number.startswith(f"{ReceiptKind.OUT}-")
    pdf = render_pdf(
        "school_coops/documents/receipt.html",
        {"coop": coop, "entry": entry, "amount": amount, "paid_out": paid_out},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{entry.receipt_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


MEETING_DOCUMENTS = ("berita-acara", "daftar-hadir")


def _document_access(request: HtmxRequest, slug: str) -> tuple[Cooperative, FoundingProcess | None]:
    """Founding coops: the workflow's people; directly registered coops: the coop's officers."""
    coop = get_object_or_404(Cooperative.objects.select_related("school"), slug=slug)
    if FoundingProcess.objects.filter(coop=coop).exists():
        coop, process, _sup = founding_access(request, slug)
        return coop, process
    return coop_for(request, slug), None


def _document_bylaw(request: HtmxRequest, coop: Cooperative, process: Any) -> Any:
    version = request.GET.get("versi", "")
    if version.isdigit():
        return get_object_or_404(coop.bylaws, version=int(version))
    if process is not None:  # the founding meeting adopted version 1
        return coop.bylaws.order_by("version").first()
    return bylaw_in_effect(coop=coop)


@login_required
@require_GET
def founding_document_view(request: HtmxRequest, slug: str, doc: str) -> HttpResponse:
    coop, process = _document_access(request, slug)
    if doc not in DOCUMENTS:
        raise Http404
    if process is None and doc in MEETING_DOCUMENTS:
        # A kopsis registered directly was founded outside Kopsis: no meeting papers here.
        available = [
            (key, label) for key, (_t, label) in DOCUMENTS.items() if key not in MEETING_DOCUMENTS
        ]
        return render(
            request,
            "school_coops/document_unavailable.html",
            {"coop": coop, "title": DOCUMENTS[doc][1], "available": available},
        )
    return document_pdf(request, coop, process, doc)


def document_pdf(
    request: HtmxRequest, coop: Cooperative, process: FoundingProcess | None, doc: str
) -> HttpResponse:
    """One founding paper, generated from the records Kopsis holds (also read by the dinas)."""
    template, title = DOCUMENTS[doc]
    context = {
        "coop": coop,
        "process": process,
        "bylaw": _document_bylaw(request, coop, process),
        "title": title,
        "attendees": process.attendees.order_by("full_name") if process else [],
        "election": founding_reads.election_result(process=process) if process else {"winners": {}},
        "officers": coop.positions.filter(ended_on__isnull=True)
        .select_related("membership__member")
        .order_by("role"),
    }
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{doc}-{coop.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
