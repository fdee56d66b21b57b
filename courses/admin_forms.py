"""Wagtail admin form of a bank question: the options must fit the question's kind."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


def question_errors(
    kind: str | None, rows: list[dict[str, Any]], fields: dict[str, Any]
) -> list[tuple[str | None, str]]:
    """Problems that would make a question ungradable, as (field, message) pairs."""
    correct = sum(1 for row in rows if row.get("is_correct"))
    if kind in ("single", "multiple") and len(rows) < 2:
        return [(None, _("Isi paling sedikit dua pilihan."))]
    if kind in ("matching", "ordering") and len(rows) < 3:
        # With two pairs or steps, the shuffled order shown to students gives the answer away.
        return [(None, _("Isi paling sedikit tiga pasangan atau langkah."))]
    if kind == "single" and correct != 1:
        return [(None, _("Pilihan ganda satu jawaban harus punya tepat satu pilihan benar."))]
    if kind == "multiple" and correct < 1:
        return [(None, _("Tandai paling sedikit satu pilihan yang benar."))]
    if kind == "matching":
        partners = [(row.get("match_text") or "").strip() for row in rows]
        if not all(partners) or len(set(partners)) != len(partners):
            return [(None, _("Setiap baris menjodohkan perlu pasangan yang berbeda-beda."))]
    if kind == "true_false" and fields.get("correct_bool") is None:
        return [("correct_bool", _("Pilih jawaban benar atau salah."))]
    if kind == "numeric" and fields.get("numeric_answer") is None:
        return [("numeric_answer", _("Isi jawaban angka."))]
    if kind == "short_text" and not (fields.get("accepted_answers") or "").strip():
        return [("accepted_answers", _("Isi paling sedikit satu jawaban yang diterima."))]
    return []


class QuestionAdminForm(WagtailAdminModelForm):
    # Wagtail override: the choices are an inline panel (a formset on this form), and whether
    # a question can be graded depends on both, so they are checked together here.
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        formset = self.formsets.get("choices")
        rows: list[dict[str, Any]] = []
        if formset is not None and formset.is_valid():
            rows = [
                form.cleaned_data
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
        for field, message in question_errors(cleaned.get("kind"), rows, cleaned):
            self.add_error(field, message)
        return cleaned
