"""Every number of the overview equals a recount from the raw rows, after a refresh."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from certificates.models import Decision
from lms import district
from lms.schools.models import Enrolment, School
from school_coops.models import Cooperative, JournalEntry, JournalLine, Membership, RatRecord
from school_coops.models.cooperative import CoopStatus
from school_coops.models.savings import SavingsAccount


def values(scope: district.Scope) -> dict[str, object]:
    return {i.key: i.value for i in district.snapshot(scope).indicators}


def raw_counts(region_ids: list[int]) -> dict[str, object]:
    today = timezone.localdate()
    coops = list(Cooperative.objects.filter(school__region_id__in=region_ids))
    statuses = Counter(c.status for c in coops)
    founded = [c for c in coops if c.founded_on]
    due = [c for c in founded if c.founded_on <= datetime.date(today.year - 1, 12, 31)]
    on_time = RatRecord.objects.filter(
        coop__in=due, fiscal_year=today.year - 1, is_late=False
    ).count()
    recent = set(
        JournalEntry.objects.filter(
            coop__in=founded, posted_at__isnull=False, date__gte=today - datetime.timedelta(days=90)
        ).values_list("coop_id", flat=True)
    )
    income = JournalLine.objects.filter(
        entry__coop__in=coops,
        entry__posted_at__isnull=False,
        account__account_class="pendapatan",
        entry__date__gt=today - datetime.timedelta(days=365),
    )
    volume = (income.filter(side="K").aggregate(s=Sum("amount"))["s"] or 0) - (
        income.filter(side="D").aggregate(s=Sum("amount"))["s"] or 0
    )
    decisions = Decision.objects.filter(candidate__batch__region_id__in=region_ids, status="signed")
    return {
        "schools": School.objects.filter(region_id__in=region_ids).count(),
        "coops": len(coops),
        **{f"coops_{s}": statuses.get(s, 0) for s in CoopStatus.values},
        "rat_on_time_part": on_time,
        "rat_on_time_whole": len(due),
        "no_books": len([c for c in founded if c.pk not in recent]),
        "members": Membership.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=today),
            coop__in=coops, status__in=["aktif", "berakhir"], joined_on__lte=today,
        ).count(),
        "savings": SavingsAccount.objects.filter(membership__coop__in=coops).aggregate(
            s=Sum("balance")
        )["s"] or Decimal(0),
        "volume": volume,
        "students": Enrolment.objects.filter(classroom__school__region_id__in=region_ids)
        .values("student").distinct().count(),
        "competent": decisions.filter(overall="K").count(),
        "not_yet": decisions.filter(overall="BK").count(),
    }  # fmt: skip


def check(scope: district.Scope, region_ids: list[int]) -> None:
    shown = values(scope)
    raw = raw_counts(region_ids)
    rat = next(i for i in district.snapshot(scope).indicators if i.key == "rat_on_time")
    assert (rat.part, rat.whole) == (raw.pop("rat_on_time_part"), raw.pop("rat_on_time_whole"))
    for key, expected in raw.items():
        assert shown[key] == expected, key


def test_kabupaten_numbers_match_the_raw_rows(province):
    check(district.Scope.for_region(province.a), [province.a.pk])
    check(district.Scope.for_region(province.b), [province.b.pk])


def test_province_numbers_roll_up_its_kabupaten_only(province):
    scope = district.Scope.for_province(province.a.province)
    check(scope, [province.a.pk, province.b.pk])
    a, b = (values(district.Scope.for_region(r)) for r in (province.a, province.b))
    assert values(scope)["coops"] == a["coops"] + b["coops"] == 10  # not the other province's


def test_the_generated_mix_is_what_the_dashboard_says(province):
    """Ten schools, one cooperative each: 1 rintisan, 2 inactive, 1 late, 1 missing, 5 on time."""
    shown = values(district.Scope.for_province(province.a.province))
    assert shown["coops_rintisan"] == 1
    assert shown["coops_tidak_aktif"] == 2
    assert shown["rat_overdue"] == 2 + 1 + 1  # inactive ones, the late one, the missing one
    assert shown["no_books"] == 2  # the inactive stopped booking 120 days ago


def test_charts_count_every_cooperative_of_the_scope(province):
    scope = district.Scope.for_region(province.a)
    charts = {c.key: c for c in district.snapshot(scope).charts}
    rat = charts["rat_by_place"]
    assert sum(sum(v) for _n, v in rat.series) == values(scope)["coops"]
    by_year = charts["coops_by_year"]
    assert sum(v[-1] for _n, v in by_year.series) == values(scope)["coops"]


def test_a_refresh_picks_up_a_new_cooperative(province):
    scope = district.Scope.for_region(province.a)
    before = values(scope)["coops"]
    school = School.objects.filter(region=province.a).first()
    from school_coops.services.cooperative import cooperative_create

    cooperative_create(school=school, name="Kopsis Baru", by=province.dinas_a)
    assert values(scope)["coops"] == before  # the page reads the snapshot
    district.refresh(scope)
    assert values(scope)["coops"] == before + 1
