"""The personal-data registry (UU PDP): every model holding a person's data says how to export
and erase it. Capabilities register from their own `privacy.py` (found by autodiscovery in
PrivacyConfig.ready), so the core never imports a capability.

Three kinds of entry:
- `register(model, export=..., erase=...)`: the model holds the person's data;
- `register_actor(model, fields=...)`: the row only records *who did something* (recorded_by,
  owner). The identity lives on the user row, which erasure pseudonymises, so the row stays;
- `not_personal(model, reason=...)`: flagged by the field heuristics but holds no one's data.

`register_blocker` adds a check that can refuse an erasure (money still owed to the person);
`register_retention_source` names people whose retention period has run out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.functional import Promise

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Erasure:
    """What an eraser gets: the person (still un-erased), the pseudonym and the record."""

    person: Any
    pseudonym: str
    original_name: str
    record: Any = None


@dataclass(frozen=True)
class Handler:
    label: str  # "app_label.ModelName"
    export: Callable[[Any], Rows]
    erase: Callable[[Erasure], int]
    order: int = 100  # erasers run in this order; the user row itself goes last
    kind: str = "data"  # "data" or "actor"
    title: str | Promise | None = None  # the export's section title; else verbose_name_plural


@dataclass
class _Registry:
    handlers: dict[str, Handler] = field(default_factory=dict)
    allowed: dict[str, str] = field(default_factory=dict)
    person_models: set[str] = field(default_factory=set)
    blockers: list[Callable[[Any], list[str]]] = field(default_factory=list)
    retention_sources: dict[str, Callable[[Any], Iterable[int]]] = field(default_factory=dict)


_registry = _Registry()


def model_label(model: type[models.Model] | str) -> str:
    if isinstance(model, str):
        return apps.get_model(model)._meta.label
    return model._meta.label


def register(
    model: type[models.Model] | str,
    *,
    export: Callable[[Any], Rows],
    erase: Callable[[Erasure], int],
    order: int = 100,
    identifies_person: bool = False,
    title: str | Promise | None = None,
) -> None:
    """`identifies_person`: a row stands for one person (a membership), so a foreign key to
    this model is personal data too and the completeness test checks those models."""
    label = model_label(model)
    _registry.handlers[label] = Handler(label, export, erase, order, title=title)
    if identifies_person:
        _registry.person_models.add(label)


def register_actor(
    model: type[models.Model] | str,
    *,
    fields: Iterable[str],
    title: str | Promise | None = None,
) -> None:
    """Rows that name the person only as the one who acted; kept as they are on erasure."""
    label = model_label(model)
    names = tuple(fields)

    def export(person: Any) -> Rows:
        model_cls = apps.get_model(label)
        query = models.Q()
        for name in names:
            query |= models.Q(**{name: person})
        return [
            {"id": obj.pk, "catatan": str(obj)[:200], "sebagai": list(names)}
            for obj in model_cls._default_manager.filter(query).distinct()[:5000]
        ]

    _registry.handlers[label] = Handler(label, export, lambda erasure: 0, 500, "actor", title)


def not_personal(model: type[models.Model] | str, *, reason: str | Promise) -> None:
    _registry.allowed[model_label(model)] = str(reason)


def register_blocker(check: Callable[[Any], list[str]]) -> None:
    """`check(person)` returns Indonesian reasons why the person cannot be erased now."""
    if check not in _registry.blockers:
        _registry.blockers.append(check)


def register_retention_source(name: str, source: Callable[[Any], Iterable[int]]) -> None:
    """`source(cutoff_date)` yields ids of users whose data may be erased after `cutoff_date`."""
    _registry.retention_sources[name] = source


def handlers() -> list[Handler]:
    return sorted(_registry.handlers.values(), key=lambda h: (h.order, h.label))


def handler_for(model: type[models.Model] | str) -> Handler | None:
    return _registry.handlers.get(model_label(model))


def allow_reason(model: type[models.Model] | str) -> str | None:
    return _registry.allowed.get(model_label(model))


def blockers() -> list[Callable[[Any], list[str]]]:
    return list(_registry.blockers)


def retention_sources() -> dict[str, Callable[[Any], Iterable[int]]]:
    return dict(_registry.retention_sources)


# Names of fields that usually hold a person's data. Deliberately broad: a false alarm costs
# one `not_personal(..., reason=...)` line, a miss costs a person's data left behind.
PERSONAL_NAME = re.compile(
    r"(^|_)(name|nama|nisn|nik|birth|lahir|phone|telepon|email|address|alamat|username"
    r"|ip_address|user_agent|guardian|voter|candidate|attendees|committee|guests|chair"
    r"|secretary|note|notes|comment|bio|avatar)($|_)"
)


def personal_fields(model: type[models.Model]) -> list[str]:
    """Own fields of `model` that look personal: a relation to the user model or to a model
    that stands for one person (`identifies_person`), or a personal-sounding name."""
    person_labels = {apps.get_model(settings.AUTH_USER_MODEL)._meta.label}
    person_labels |= _registry.person_models
    found = []
    for f in [*model._meta.local_fields, *model._meta.local_many_to_many]:
        related = getattr(f, "related_model", None)
        # An unresolved lazy relation is still the "app.Model" string.
        related_label = related if isinstance(related, str) else getattr(related, "_meta", None)
        if related_label is not None and not isinstance(related_label, str):
            related_label = related_label.label
        if (f.is_relation and related_label in person_labels) or PERSONAL_NAME.search(f.name):
            found.append(f.name)
    return found


def unregistered_personal_models() -> dict[str, list[str]]:
    """Installed models with personal-looking fields and neither a handler nor a reason."""
    missing = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in _registry.handlers or label in _registry.allowed:
            continue
        fields = personal_fields(model)
        if fields:
            missing[label] = fields
    return missing
