"""Portfolio evidence from a cooperative's books: the candidate attaches, staff read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from certificates.exceptions import CertificationError
from certificates.forms import BooksEvidenceForm
from certificates.models import CompetencyUnit, Evidence
from certificates.portfolio import books_coops_for, books_for_evidence, may_view_books
from certificates.services.portfolio import books_evidence_attach
from certificates.views.candidate import application_context
from certificates.views.common import own_candidate
from lms.http import HtmxRequest


# same shape as candidate.evidence_upload_view on purpose: both attach one piece of evidence
# and re-render the application page with their own form; the services differ.
@login_required
@require_POST
def evidence_books_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Attach "the books I kept" of a cooperative for a period; errors re-show the page."""
    candidate = own_candidate(request, pk)
    units = CompetencyUnit.objects.filter(scheme_id=candidate.batch.scheme_id)
    form = BooksEvidenceForm(request.POST, units=units, coops=books_coops_for(user=request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            books_evidence_attach(
                candidate=candidate,
                coop_id=data["coop"].pk,
                since=data["books_from"],
                until=data["books_to"],
                by=request.user,
                unit_id=data["unit"].pk if data["unit"] else None,
            )
        except CertificationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Pembukuan koperasi dilampirkan sebagai bukti."))
            return redirect("certificates:application", candidate.pk)
    context = application_context(candidate, request.user, books_form=form)
    return render(request, "certificates/application.html", context)


@login_required
@require_GET
def evidence_books_read_view(request: HtmxRequest, pk: int) -> HttpResponse:
    """Read-only books of the period for the batch's assessors and trainers; others 404."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("candidate__batch", "books_coop", "unit"), pk=pk
    )
    if not may_view_books(user=request.user, evidence=evidence):
        raise Http404
    books = books_for_evidence(evidence=evidence, account_code=request.GET.get("akun", "")[:10])
    context = {"evidence": evidence, "candidate": evidence.candidate, "books": books}
    return render(request, "certificates/evidence_books.html", context)
