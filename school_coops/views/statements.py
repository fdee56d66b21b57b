"""Financial statements (page, PDF and XLSX) and the year-end decisions of the guru pembina."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lms.exports import workbook_download
from lms.http import HtmxRequest
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Cooperative
from school_coops.pdf import render_pdf
from school_coops.selectors.statement_pack import comparative_statements, statement_workbook
from school_coops.services.year_end import (
    fiscal_year_reopen,
    shu_loss_charge,
    shu_loss_charge_reverse,
)
from school_coops.statement_forms import StatementYearForm
from school_coops.views.common import coop_for


def _statements_context(request: HtmxRequest, coop: Cooperative) -> dict[str, Any]:
    form = StatementYearForm(request.GET or None, coop=coop)
    year = form.year()
    first = coop.entries.order_by("date").values_list("date__year", flat=True).first()
    oldest = min(first or year, coop.founded_on.year if coop.founded_on else year, year)
    return {
        "coop": coop,
        "form": form,
        "years": range(form.current, oldest - 1, -1),
        **comparative_statements(coop=coop, fiscal_year=year),
    }


@login_required
@require_GET
def financial_statements_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """Laporan keuangan of a tahun buku: aggregates only, so every officer may read it."""
    coop = coop_for(request, slug)
    return render(request, "school_coops/statements.html", _statements_context(request, coop))


@login_required
@require_GET
def financial_statements_pdf_view(request: HtmxRequest, slug: str) -> HttpResponse:
    coop = coop_for(request, slug)
    context = _statements_context(request, coop)
    pdf = render_pdf("school_coops/documents/statements.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"laporan-keuangan-{coop.slug}-{context['fiscal_year']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def financial_statements_xlsx_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """The same pack as a workbook: one sheet per statement plus the notes; no formulas."""
    coop = coop_for(request, slug)
    context = _statements_context(request, coop)
    return workbook_download(
        statement_workbook(statements=context),
        filename=f"laporan-keuangan-{coop.slug}-{context['fiscal_year']}",
    )


def _posted_year(request: HtmxRequest) -> int:
    raw = request.POST.get("fiscal_year", "")
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise Http404
    return int(raw)


@login_required
@require_POST
def fiscal_year_reopen_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """Only the guru pembina re-opens a tahun buku (docs/domain.md §9 case 19)."""
    coop = coop_for(request, slug, "school_coops.supervise")
    year = _posted_year(request)
    try:
        reversal = fiscal_year_reopen(coop=coop, fiscal_year=year, by=request.user)
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        text = _("Tahun buku %(y)s dibuka kembali.") % {"y": year}
        if reversal is not None:
            text += " " + _("Jurnal penutup dibalik dengan JU-%(n)05d.") % {"n": reversal.number}
        messages.success(request, text)
    return redirect("school_coops:periods", slug=coop.slug)


@login_required
@require_POST
def shu_loss_charge_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """The guru pembina confirms covering a year's loss from cadangan (docs/domain.md §9 case 9),
    or (action=batal) undoes that charge: the only route that reverses its entry."""
    coop = coop_for(request, slug, "school_coops.supervise")
    year = _posted_year(request)
    undo = request.POST.get("action") == "batal"
    try:
        if undo:
            entry = shu_loss_charge_reverse(coop=coop, fiscal_year=year, by=request.user)
        else:
            entry = shu_loss_charge(coop=coop, fiscal_year=year, by=request.user)
    except CooperativeRuleError as exc:
        messages.error(request, str(exc))
    else:
        text = (
            _("Penutupan rugi tahun buku %(y)s dibatalkan: jurnal pembalik JU-%(n)05d.")
            if undo
            else _("Rugi tahun buku %(y)s ditutup dari cadangan: jurnal JU-%(n)05d.")
        )
        messages.success(request, text % {"y": year, "n": entry.number})
    return redirect(f"{reverse('school_coops:shu', args=[coop.slug])}?tahun={year}")
