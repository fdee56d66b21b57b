"""Grading helpers: parse what a student sent and decide whether it is correct (no writes).

The HTML never carries choice ids: options are numbered by their position in the attempt's
stored order, so neither values nor ids reveal the answer (ordering items are created in the
correct order, so their ids would).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from courses.exceptions import CourseRuleError
from courses.models import Question, QuestionKind, QuizAttempt

_ID_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.240.000 or 105.582,08
_DECIMAL_COMMA = re.compile(r"^-?\d+(,\d+)?$")  # 2,5
_DECIMAL_DOT = re.compile(r"^-?\d+(\.\d+)?$")  # 2.5 (a lone dot group of 3 is grouping above)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class QuestionView:
    """What grading needs about a question and its items, in the attempt's order."""

    question: Question
    items: Sequence[Any]  # Choice rows in the order shown to the student
    matches: Sequence[Any]  # right-hand sides (matching), in the order shown


def question_view(attempt: QuizAttempt, question: Question) -> QuestionView:
    """The question's choices in the order this attempt showed them (shuffled once, at start).

    A choice deleted since the attempt started is left out instead of failing the page.
    """
    by_id = {c.pk: c for c in question.choices.all()}
    items = [by_id[i] for i in attempt.item_orders.get(str(question.pk), []) if i in by_id]
    matches = [by_id[i] for i in attempt.match_orders.get(str(question.pk), []) if i in by_id]
    return QuestionView(question=question, items=items, matches=matches)


def parse_rupiah(raw: str) -> Decimal:
    """Read a number as Indonesians write it: "Rp 1.240.000", "105.582,08", "2,5", "2.5"."""
    text = raw.strip().lower().replace("rp", "").replace(" ", "").replace("\u00a0", "")
    if _ID_GROUPED.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    elif not _DECIMAL_DOT.match(text):
        raise CourseRuleError(_("Tulis jawaban berupa angka, misalnya 25000."))
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude this
        raise CourseRuleError(_("Tulis jawaban berupa angka, misalnya 25000.")) from exc


def normalise_text(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).casefold().strip()
    text = _SPACES.sub(" ", text)
    return text.strip(" .,;:!?\"'")


def _index(raw: Any, size: int) -> int:
    if not isinstance(raw, str) or not raw.isdigit() or int(raw) >= size:
        raise CourseRuleError(_("Pilihan tidak dikenal untuk soal ini."))
    return int(raw)


def parse_response(view: QuestionView, data: Mapping[str, Any]) -> dict[str, Any]:
    """Turn posted form data into a stored response; unknown options raise CourseRuleError.

    `data` maps field names to lists of strings (QueryDict.lists()).
    """
    kind = view.question.kind
    values = list(data.get("answer", []))
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if not values or (kind == QuestionKind.SINGLE and len(values) != 1):
            raise CourseRuleError(_("Pilih jawaban terlebih dahulu."))
        positions = {_index(v, len(view.items)) for v in values}
        return {"choices": sorted(view.items[p].pk for p in positions)}
    if kind == QuestionKind.TRUE_FALSE:
        if values not in (["true"], ["false"]):
            raise CourseRuleError(_("Pilih Benar atau Salah."))
        return {"value": values[0] == "true"}
    if kind == QuestionKind.NUMERIC:
        if len(values) != 1 or not values[0].strip():
            raise CourseRuleError(_("Isi jawaban angka terlebih dahulu."))
        return {"raw": values[0][:40], "value": str(parse_rupiah(values[0][:40]))}
    if kind == QuestionKind.SHORT_TEXT:
        if len(values) != 1 or not normalise_text(values[0]):
            raise CourseRuleError(_("Isi jawaban terlebih dahulu."))
        return {"value": values[0][:200]}
    if kind == QuestionKind.MATCHING:
        return _parse_matching(view, data)
    if kind == QuestionKind.ORDERING:
        return _parse_ordering(view, data)
    raise CourseRuleError(_("Jenis soal tidak dikenal."))  # pragma: no cover


def _parse_matching(view: QuestionView, data: Mapping[str, Any]) -> dict[str, Any]:
    """`match-<position>` holds the shown position of the partner chosen for each left item."""
    pairs = {}
    for position, item in enumerate(view.items):
        chosen = data.get(f"match-{position}", [])
        if len(chosen) != 1 or not chosen[0]:
            raise CourseRuleError(_("Jodohkan semua pasangan terlebih dahulu."))
        pairs[str(item.pk)] = view.matches[_index(chosen[0], len(view.matches))].pk
    return {"pairs": pairs}


def _parse_ordering(view: QuestionView, data: Mapping[str, Any]) -> dict[str, Any]:
    """`rank-<position>` holds each shown step's rank; every rank exactly once."""
    ranks = []
    for position in range(len(view.items)):
        chosen = data.get(f"rank-{position}", [])
        if len(chosen) != 1:
            raise CourseRuleError(_("Beri nomor urut untuk setiap langkah."))
        ranks.append(_index(chosen[0], len(view.items)))
    if sorted(ranks) != list(range(len(view.items))):
        raise CourseRuleError(_("Setiap nomor urut harus dipakai tepat satu kali."))
    ordered = sorted(zip(ranks, view.items, strict=True), key=lambda pair: pair[0])
    return {"order": [item.pk for _rank, item in ordered]}


def is_correct(question: Question, choices: Sequence[Any], response: Mapping[str, Any]) -> bool:
    """Grade a stored response against the question; `choices` in the editor's order."""
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return set(response["choices"]) == {c.pk for c in choices if c.is_correct}
    if kind == QuestionKind.TRUE_FALSE:
        return response["value"] is bool(question.correct_bool)
    if kind == QuestionKind.NUMERIC:
        if question.numeric_answer is None:
            return False
        difference = abs(Decimal(response["value"]) - question.numeric_answer)
        return difference <= question.numeric_tolerance
    if kind == QuestionKind.SHORT_TEXT:
        accepted = {normalise_text(line) for line in question.accepted_answers.splitlines()}
        accepted.discard("")
        return normalise_text(response["value"]) in accepted
    if kind == QuestionKind.MATCHING:
        return all(response["pairs"].get(str(c.pk)) == c.pk for c in choices)
    if kind == QuestionKind.ORDERING:
        return response["order"] == [c.pk for c in choices]
    return False  # pragma: no cover


def response_text(question: Question, choices: Sequence[Any], response: Mapping[str, Any]) -> str:
    """The student's answer in words, for the saved-answer line and the reports."""
    by_id = {c.pk: c for c in choices}
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return "; ".join(by_id[i].text for i in response.get("choices", []) if i in by_id)
    if kind == QuestionKind.TRUE_FALSE:
        return _("Benar") if response.get("value") else _("Salah")
    if kind == QuestionKind.NUMERIC:
        return str(response.get("raw", response.get("value", "")))
    if kind == QuestionKind.SHORT_TEXT:
        return str(response.get("value", ""))
    if kind == QuestionKind.MATCHING:
        pairs = response.get("pairs", {})
        return "; ".join(
            f"{c.text} → {by_id[pairs[str(c.pk)]].match_text}"
            for c in choices
            if pairs.get(str(c.pk)) in by_id
        )
    if kind == QuestionKind.ORDERING:
        return " → ".join(by_id[i].text for i in response.get("order", []) if i in by_id)
    return ""  # pragma: no cover


def correct_text(question: Question, choices: Sequence[Any]) -> str:
    """The correct answer in words, shown only after the attempt is finished."""
    kind = question.kind
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return "; ".join(c.text for c in choices if c.is_correct)
    if kind == QuestionKind.TRUE_FALSE:
        return _("Benar") if question.correct_bool else _("Salah")
    if kind == QuestionKind.NUMERIC:
        value = question.numeric_answer
        text = f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
        text = text.removesuffix(",00")
        return f"{question.unit} {text}".strip() if question.unit else text
    if kind == QuestionKind.SHORT_TEXT:
        return next(
            (line.strip() for line in question.accepted_answers.splitlines() if line.strip()), ""
        )
    if kind == QuestionKind.MATCHING:
        return "; ".join(f"{c.text} → {c.match_text}" for c in choices)
    if kind == QuestionKind.ORDERING:
        return " → ".join(c.text for c in choices)
    return ""  # pragma: no cover
