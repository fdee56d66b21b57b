"""The materialised per-cooperative facts the dinas' list reads (`CoopFactsRow`).

Written by the district refresh (lms/district.py `refresh()` calls the cooperatives'
contribution's `materialise(scope)`), in the snapshot's transaction: the list, its export and
the overview's numbers then come from the same computation at the same moment.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from school_coops.models import CoopFactsRow
from school_coops.selectors.district import CoopFacts, coop_facts, cooperatives_in_regions


def _row(fact: CoopFacts, now: datetime.datetime) -> CoopFactsRow:
    return CoopFactsRow(
        coop_id=fact.coop.pk,
        region_id=fact.coop.school.region_id,
        status=fact.status,
        rat_year=fact.rat_year,
        rat_due=fact.rat_due,
        rat_held=fact.rat_held,
        rat_on_time=fact.rat_on_time,
        rat_overdue=fact.rat_overdue,
        books_recent=fact.books_recent,
        members=fact.members,
        members_year_ago=fact.members_year_ago,
        health_score=fact.health_score,
        health=fact.health,
        refreshed_at=now,
    )


@transaction.atomic
def coop_facts_store(
    *, region_ids: Iterable[int], today: datetime.date | None = None
) -> list[CoopFacts]:
    """Recompute the facts of every cooperative of the regions and replace their rows
    (idempotent: a second run, or two at once, leave one row per cooperative)."""
    region_ids = list(region_ids)
    facts = list(coop_facts(cooperatives_in_regions(region_ids), today).values())
    now = timezone.now()
    # A coop moved to another school keeps one row: delete by coop as well as by region.
    CoopFactsRow.objects.filter(region_id__in=region_ids).delete()
    CoopFactsRow.objects.filter(coop_id__in=[f.coop.pk for f in facts]).delete()
    CoopFactsRow.objects.bulk_create([_row(f, now) for f in facts])
    return facts
