"""The district office's (dinas) dashboard: a registry that capabilities contribute to.

The core knows no capability (as lms/navigation.py): each app registers a contribution in its
AppConfig.ready() (`register(contribution)`) whose `indicators(scope)` and `charts(scope)`
return the numbers and chart series of one Scope (a kabupaten, or a province rolling up its
kabupaten). The core precomputes them into the snapshot table (`DistrictFigure`, refreshed by
the Celery beat job `lms.schools.tasks.district_refresh_task`) and renders what is registered.
docs/architecture.md, "The district registry".
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, Protocol, TypeVar

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

Number = int | Decimal
FORMATS = ("count", "rupiah", "percent")
CHART_KINDS = ("bar", "line", "stacked")


@dataclass(frozen=True)
class Indicator:
    """One number of the overview; `url` is the list behind it (already scoped by the view)."""

    key: str
    label: str
    value: Number
    fmt: str = "count"  # "count" | "rupiah" | "percent"
    url: str | None = None
    group: str = ""  # section heading
    # For percentages: the counts behind them, so a reader (and a test) can check the share.
    part: int | None = None
    whole: int | None = None

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise ValueError(f"unknown indicator format {self.fmt!r}")


@dataclass(frozen=True)
class Chart:
    """A chart drawn as server-side SVG; `series` is [(name, values per label)]."""

    key: str
    title: str
    kind: str  # "bar" | "line" | "stacked"
    labels: Sequence[str]
    series: Sequence[tuple[str, Sequence[Number]]]
    group: str = ""

    def __post_init__(self) -> None:
        if self.kind not in CHART_KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        for name, values in self.series:
            if len(values) != len(self.labels):
                raise ValueError(f"series {name!r} has {len(values)} values for {self.labels}")


@dataclass(frozen=True)
class Scope:
    """The regions a dinas user may see: one kabupaten, or every kabupaten of a province."""

    key: str  # "region:<pk>" or "province:<name>": the snapshot's key
    label: str
    region_ids: tuple[int, ...] = field(default=())
    province: str = ""

    @property
    def is_province(self) -> bool:
        return bool(self.province)

    def regions(self) -> Any:
        from lms.schools.models import Region

        return Region.objects.filter(pk__in=self.region_ids).order_by("name")

    @classmethod
    def for_region(cls, region: Any) -> Scope:
        return cls(key=f"region:{region.pk}", label=str(region), region_ids=(region.pk,))

    @classmethod
    def for_province(cls, province: str) -> Scope:
        from lms.schools.models import Region

        ids = tuple(Region.objects.filter(province=province).values_list("pk", flat=True))
        return cls(key=f"province:{province}", label=province, region_ids=ids, province=province)


class Contribution(Protocol):
    key: str
    order: int

    def indicators(self, scope: Scope) -> list[Indicator]: ...

    def charts(self, scope: Scope) -> list[Chart]: ...


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def order(self) -> int: ...


T = TypeVar("T", bound=_Keyed)


class _Registry(Generic[T]):
    """What the capability apps register at start-up (contributions, school columns): once
    per key, listed by (order, key)."""

    def __init__(self) -> None:
        self._items: list[T] = []

    def add(self, item: T) -> None:
        if all(other.key != item.key for other in self._items):
            self._items.append(item)

    def sorted(self) -> list[T]:
        return sorted(self._items, key=lambda item: (item.order, item.key))


_contributions: _Registry[Contribution] = _Registry()


def register(contribution: Contribution) -> None:
    _contributions.add(contribution)


def contributions() -> list[Contribution]:
    return _contributions.sorted()


# --- Who sees what -------------------------------------------------------------------------


def scopes_for(user: Any) -> list[Scope]:
    """Every scope a dinas user serves: their kabupaten; province staff their province first,
    then each of its kabupaten (to drill down)."""
    from lms.accounts.models import Role, RoleAssignment
    from lms.schools.models import Region

    if not user.is_authenticated or not user.has_role(Role.DINAS):
        return []
    rows = RoleAssignment.objects.filter(user=user, role=Role.DINAS)
    provinces = sorted(set(rows.exclude(province="").values_list("province", flat=True)))
    scopes = [Scope.for_province(p) for p in provinces]
    regions = Region.objects.filter(
        Q(pk__in=rows.filter(region__isnull=False).values("region_id")) | Q(province__in=provinces)
    )
    return scopes + [Scope.for_region(r) for r in regions.order_by("province", "name")]


def scope_for(user: Any, key: str | None = None) -> Scope | None:
    """The scope named by `key` if the user serves it, else their first scope (None: none)."""
    scopes = scopes_for(user)
    if key:
        return next((s for s in scopes if s.key == key), None)
    return scopes[0] if scopes else None


def region_ids_for(user: Any) -> set[int]:
    """Every region any of the user's dinas scopes covers (for object-level checks in views)."""
    return {pk for scope in scopes_for(user) for pk in scope.region_ids}


# --- Computing and the snapshot ------------------------------------------------------------


def compute(scope: Scope) -> tuple[list[Indicator], list[Chart]]:
    """Live figures of every contribution (the refresh job stores them; tests compare)."""
    indicators: list[Indicator] = []
    charts: list[Chart] = []
    for contribution in contributions():
        indicators += contribution.indicators(scope)
        charts += contribution.charts(scope)
    return indicators, charts


def _number(value: Any) -> str:
    return str(value)


def _parse_number(value: str) -> Number:
    return Decimal(value) if "." in value else int(value)


def _indicator_data(item: Indicator) -> dict[str, Any]:
    return {**item.__dict__, "value": _number(item.value)}


def _chart_data(item: Chart) -> dict[str, Any]:
    series = [[name, [_number(v) for v in values]] for name, values in item.series]
    return {**item.__dict__, "series": series}


def refresh(scope: Scope) -> datetime.datetime:
    """Recompute one scope and replace its snapshot rows (and the contributions' materialised
    rows) in one transaction."""
    with transaction.atomic():
        materialise(scope)
        indicators, charts = compute(scope)
        return _store(scope, indicators, charts)


def materialise(scope: Scope) -> None:
    """Let each contribution store the per-row tables its lists read (an optional
    `materialise(scope)`, e.g. the cooperatives' facts), in the refresh's transaction."""
    for contribution in contributions():
        store = getattr(contribution, "materialise", None)
        if store is not None:
            store(scope)


def _store(scope: Scope, indicators: list[Indicator], charts: list[Chart]) -> datetime.datetime:
    from lms.schools.models import DistrictFigure

    now = timezone.now()
    rows = [
        DistrictFigure(
            scope_key=scope.key,
            kind="indicator",
            key=i.key,
            position=n,
            data=_indicator_data(i),
            refreshed_at=now,
        )
        for n, i in enumerate(indicators)
    ] + [
        DistrictFigure(
            scope_key=scope.key,
            kind="chart",
            key=c.key,
            position=n,
            data=_chart_data(c),
            refreshed_at=now,
        )
        for n, c in enumerate(charts)
    ]
    DistrictFigure.objects.filter(scope_key=scope.key).delete()
    DistrictFigure.objects.bulk_create(rows)
    return now


def all_scopes() -> list[Scope]:
    from lms.schools.models import Region

    regions = list(Region.objects.all())
    provinces = sorted({r.province for r in regions})
    return [Scope.for_region(r) for r in regions] + [Scope.for_province(p) for p in provinces]


@dataclass(frozen=True)
class Snapshot:
    indicators: list[Indicator]
    charts: list[Chart]
    refreshed_at: datetime.datetime | None

    def groups(self) -> list[tuple[str, list[Indicator]]]:
        grouped: dict[str, list[Indicator]] = {}
        for item in self.indicators:
            grouped.setdefault(item.group, []).append(item)
        return list(grouped.items())


def _snapshot_of(rows: Any) -> Snapshot:
    indicators: list[Indicator] = []
    charts: list[Chart] = []
    refreshed_at = None
    for row in rows:
        refreshed_at = row.refreshed_at
        data = dict(row.data)
        if row.kind == "indicator":
            data["value"] = _parse_number(data["value"])
            indicators.append(Indicator(**data))
        else:
            series = [(name, [_parse_number(v) for v in vals]) for name, vals in data["series"]]
            charts.append(Chart(**{**data, "series": series}))
    return Snapshot(indicators=indicators, charts=charts, refreshed_at=refreshed_at)


def snapshot(scope: Scope) -> Snapshot:
    """What the pages show: the stored figures of one scope (empty before the first refresh)."""
    return snapshots([scope])[scope.key]


def snapshots(scopes: list[Scope], kind: str | None = None) -> dict[str, Snapshot]:
    """The snapshots of many scopes in one query (a province's roll-up of its kabupaten)."""
    from lms.schools.models import DistrictFigure

    rows = DistrictFigure.objects.filter(scope_key__in=[s.key for s in scopes])
    if kind is not None:
        rows = rows.filter(kind=kind)
    grouped: dict[str, list[Any]] = {s.key: [] for s in scopes}
    for row in rows.order_by("scope_key", "kind", "position"):
        grouped[row.scope_key].append(row)
    return {key: _snapshot_of(items) for key, items in grouped.items()}


# --- Panels of the per-cooperative profile -------------------------------------------------


@dataclass(frozen=True)
class ProfilePanel:
    """A block another capability adds to the dinas' cooperative profile (e.g. certified
    bookkeepers); `context(coop)` returns None to hide it."""

    template: str
    context: Callable[[Any], dict[str, Any] | None]
    order: int = 100


_profile_panels: list[ProfilePanel] = []


def register_profile_panel(panel: ProfilePanel) -> None:
    if panel not in _profile_panels:
        _profile_panels.append(panel)


def profile_panels_for(coop: Any) -> list[dict[str, Any]]:
    rendered = []
    for panel in sorted(_profile_panels, key=lambda p: p.order):
        context = panel.context(coop)
        if context is not None:
            rendered.append({"template": panel.template, "context": context})
    return rendered


# --- Tables of the PDF report to the head of the district ----------------------------------


@dataclass(frozen=True)
class ReportTable:
    """A table of the PDF report a contribution adds with an optional `report_tables(scope)`
    (e.g. cooperatives at risk of dissolution, certification results)."""

    key: str
    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]
    empty: str = ""


def report_tables(scope: Scope) -> list[ReportTable]:
    tables: list[ReportTable] = []
    for contribution in contributions():
        extra = getattr(contribution, "report_tables", None)
        if extra is not None:
            tables += extra(scope)
    return tables


# --- Columns of the dinas' school list -----------------------------------------------------


@dataclass(frozen=True)
class SchoolColumn:
    """A column another capability adds to the dinas' school list (e.g. the cooperative's
    status): `values(school_ids)` returns the cell of each school of one page (one query)."""

    key: str
    label: Any  # a (lazily) translated string
    values: Callable[[list[int]], dict[int, str]]
    order: int = 100


_school_columns: _Registry[SchoolColumn] = _Registry()


def register_school_column(column: SchoolColumn) -> None:
    _school_columns.add(column)


def school_columns() -> list[SchoolColumn]:
    return _school_columns.sorted()
