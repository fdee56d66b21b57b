"""Health assessments (docs/domain.md §6.2): score a tahun buku with the newest rubric; the
guru pembina fills the checklist, the supervising dinas fills or confirms it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Cooperative, HealthAssessment, HealthAssessor, HealthRubric
from school_coops.selectors.health import (
    ANSWERS,
    checklist_keys,
    current_rubric,
    health_measures,
    score,
)


def _checked_answers(rubric: HealthRubric, answers: dict[str, str]) -> dict[str, str]:
    keys = checklist_keys(rubric)
    if set(answers) - set(keys):
        raise CooperativeRuleError(_("Butir daftar periksa tidak dikenal."))
    if any(answers.get(k) not in ANSWERS for k in keys):
        raise CooperativeRuleError(
            _("Jawab setiap butir daftar periksa dengan ya, sebagian atau tidak.")
        )
    return {k: answers[k] for k in keys}


def _assessment_fields(*, by: User, as_role: HealthAssessor, same: bool) -> dict[str, Any]:
    """Who filled it and who confirmed it. The dinas confirms what it saves; unchanged answers
    and score keep the filler and only add its confirmation. The guru pembina changing them
    drops an earlier confirmation; saving them unchanged changes nothing."""
    now = timezone.now()
    if as_role == HealthAssessor.DINAS:
        confirmed = {"confirmed_by": by, "confirmed_at": now}
        return confirmed if same else {"assessed_by": by, "assessed_as": as_role, **confirmed}
    if same:
        return {}
    return {"assessed_by": by, "assessed_as": as_role, "confirmed_by": None, "confirmed_at": None}


def health_assess(
    *,
    coop: Cooperative,
    fiscal_year: int,
    answers: dict[str, str],
    by: User,
    as_role: HealthAssessor = HealthAssessor.PEMBINA,
) -> HealthAssessment:
    """Score with the newest rubric version; again with the same version replaces that
    assessment, a newer version adds one and never touches the old (its own snapshot).
    `as_role` is the capacity of `by` (the view decides it from the permissions)."""
    rubric = current_rubric()
    if rubric is None:
        raise CooperativeRuleError(_("Belum ada rubrik kesehatan."))
    clean = _checked_answers(rubric, answers)
    with transaction.atomic():
        # The coop row serialises assessments of one cooperative: two at once make one.
        Cooperative.objects.select_for_update().get(pk=coop.pk)
        measures = health_measures(coop=coop, fiscal_year=fiscal_year)
        rows, total, status = score(rubric=rubric, measures=measures, answers=clean)
        return _store(
            coop=coop,
            fiscal_year=fiscal_year,
            rubric=rubric,
            scored={"answers": clean, "scores": rows, "total": total, "status": status},
            by=by,
            as_role=as_role,
        )


def _store(
    *,
    coop: Cooperative,
    fiscal_year: int,
    rubric: HealthRubric,
    scored: dict[str, Any],
    by: User,
    as_role: HealthAssessor,
) -> HealthAssessment:
    """Create or update the one assessment of (coop, year, rubric); the caller holds the lock."""
    key = {"coop": coop, "fiscal_year": fiscal_year, "rubric": rubric}
    existing = HealthAssessment.objects.filter(**key).first()
    same = existing is not None and (existing.answers, existing.total) == (
        scored["answers"],
        scored["total"],
    )
    fields = _assessment_fields(by=by, as_role=as_role, same=same)
    if existing is None:
        return HealthAssessment.objects.create(**key, **scored, **fields)
    if not same:
        fields |= scored
    for name, value in fields.items():
        setattr(existing, name, value)
    if fields:
        existing.save()
    return existing
