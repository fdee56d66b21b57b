"""Model fields shared by every app."""

from __future__ import annotations

from typing import Any

from django.db import models

MONEY_DIGITS = 15  # up to Rp 999 triliun: far above any school cooperative's books


class MoneyField(models.DecimalField):
    """Whole rupiah as `Decimal` (never float): `DecimalField(max_digits=15, decimal_places=0)`.

    One typed field instead of `DecimalField(**MONEY)`, whose dict splat hid every keyword from
    the type checker. `deconstruct()` reports a plain DecimalField, so existing migrations stay
    as they are and no migration ever has to import this module.
    """

    def __init__(self, verbose_name: Any = None, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MONEY_DIGITS)
        kwargs.setdefault("decimal_places", 0)
        super().__init__(verbose_name, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
