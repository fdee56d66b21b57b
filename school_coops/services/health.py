"""Health assessments (docs/domain.md §6.2): score a tahun buku with the newest rubric."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User
from school_coops.exceptions import CooperativeRuleError
from school_coops.models import Cooperative, HealthAssessment
from school_coops.selectors.health import (
    ANSWERS,
    checklist_keys,
    current_rubric,
    health_measures,
    score,
)


def health_assess(
    *, coop: Cooperative, fiscal_year: int, answers: dict[str, str], by: User
) -> HealthAssessment:
    """Score with the newest rubric version; again with the same version replaces that
    assessment, a newer version adds one and never touches the old (its own snapshot)."""
    rubric = current_rubric()
    if rubric is None:
        raise CooperativeRuleError(_("Belum ada rubrik kesehatan."))
    keys = checklist_keys(rubric)
    if set(answers) - set(keys):
        raise CooperativeRuleError(_("Butir daftar periksa tidak dikenal."))
    if any(answers.get(k) not in ANSWERS for k in keys):
        raise CooperativeRuleError(
            _("Jawab setiap butir daftar periksa dengan ya, sebagian atau tidak.")
        )
    with transaction.atomic():
        Cooperative.objects.select_for_update().get(pk=coop.pk)
        measures = health_measures(coop=coop, fiscal_year=fiscal_year)
        rows, total, status = score(rubric=rubric, measures=measures, answers=answers)
        assessment, _created = HealthAssessment.objects.update_or_create(
            coop=coop,
            fiscal_year=fiscal_year,
            rubric=rubric,
            defaults={
                "answers": {k: answers[k] for k in keys},
                "scores": rows,
                "total": total,
                "status": status,
                "assessed_by": by,
            },
        )
    return assessment
