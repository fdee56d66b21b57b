"""Signed decisions are immutable in the database: raw UPDATEs of results are refused by a
trigger (SQLite here; PostgreSQL in the postgres tier), the pleno link may still be set."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from certificates.models import Decision, Result, UnitDecision
from certificates.services.decisions import decision_sign, pleno_confirm
from tests.certificates.test_decisions import decide_all

REFUSED = (IntegrityError, DatabaseError)


def _signed(accepted, assessor):
    decide_all(accepted, assessor, bk=())
    return decision_sign(candidate=accepted, by=assessor)


def _check_guards(decision, trainer) -> None:
    with pytest.raises(REFUSED), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(overall=Result.NOT_YET)
    with pytest.raises(REFUSED), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(status="draft")
    with pytest.raises(REFUSED), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(snapshot={})
    with pytest.raises(REFUSED), transaction.atomic():
        UnitDecision.objects.filter(decision=decision).update(result=Result.NOT_YET)
    with pytest.raises(REFUSED), transaction.atomic():
        UnitDecision.objects.filter(decision=decision).delete()
    decision.refresh_from_db()
    assert decision.overall == Result.COMPETENT and decision.status == "signed"
    assert set(decision.units.values_list("result", flat=True)) == {Result.COMPETENT}
    # What the workflow still does to a signed decision: the pleno confirms it.
    pleno = pleno_confirm(batch=decision.candidate.batch, by=trainer, held_on=timezone.localdate())
    decision.refresh_from_db()
    assert decision.pleno == pleno


@pytest.mark.django_db
def test_sqlite_refuses_updates_of_a_signed_decision(accepted, assessor, trainer) -> None:
    _check_guards(_signed(accepted, assessor), trainer)


@pytest.mark.django_db
def test_a_draft_decision_may_still_change(accepted, assessor) -> None:
    decide_all(accepted, assessor, bk=())
    decision = Decision.objects.get(candidate=accepted)
    assert UnitDecision.objects.filter(decision=decision).update(result=Result.NOT_YET) > 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_refuses_updates_of_a_signed_decision(accepted, assessor, trainer) -> None:
    _check_guards(_signed(accepted, assessor), trainer)
