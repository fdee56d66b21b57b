"""The general journal form (jurnal umum): officers post multi-line entries."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lms.http import HtmxRequest
from school_coops.exceptions import CooperativeRuleError
from school_coops.journal_forms import (
    MAX_LINES,
    JournalEntryForm,
    journal_entry_form,
    journal_line_forms,
    too_many_lines,
)
from school_coops.models import Cooperative, JournalEntry
from school_coops.services.ledger import journal_entry_post
from school_coops.views.common import coop_for


@login_required
@require_http_methods(["GET", "POST"])
def journal_entry_view(request: HtmxRequest, slug: str) -> HttpResponse:
    """GET an empty form; POST "add_line" for one more row, otherwise post the entry."""
    coop = coop_for(request, slug, "school_coops.record")
    data = request.POST if request.method == "POST" else None
    add_line = data is not None and "add_line" in data
    form = journal_entry_form(coop=coop, data=data, add_line=add_line)
    lines = journal_line_forms(coop=coop, data=data, add_line=add_line)
    entry = None
    if data is not None and not add_line:
        entry = _post(request, coop, form, lines)
        if entry is not None:  # a fresh form (and key) for the next entry
            form, lines = journal_entry_form(coop=coop), journal_line_forms(coop=coop)
    context = {"coop": coop, "form": form, "lines": lines, "entry": entry}
    template = "school_coops/journal_entry.html"
    return render(request, f"{template}#journal-entry-form" if request.htmx else template, context)


def _post(
    request: HtmxRequest, coop: Cooperative, form: JournalEntryForm, lines: list
) -> JournalEntry | None:
    # Validate every row, not only up to the first invalid one, so all errors show at once.
    valid = [line.is_valid() for line in lines]
    if not form.is_valid() or not all(valid):
        return None
    if too_many_lines(request.POST):
        form.add_error(None, _("Satu jurnal paling banyak %(n)s baris.") % {"n": MAX_LINES})
        return None
    filled = [line.line_input() for line in lines if not line.is_blank()]
    try:
        return journal_entry_post(
            coop=coop,
            date=form.cleaned_data["date"],
            memo=form.cleaned_data["memo"],
            by=request.user,
            idempotency_key=form.cleaned_data["idempotency_key"],
            lines=filled,
        )
    except CooperativeRuleError as exc:
        form.add_error(None, str(exc))
        return None
