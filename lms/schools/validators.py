"""Identifier validators. NISN and NPSN are opaque: validated for shape, never parsed."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NISN_RE = re.compile(r"^[0-9]{10}$")
NPSN_RE = re.compile(r"^[0-9A-Z]{8}$")


def validate_nisn(value: str) -> None:
    if not NISN_RE.fullmatch(value or ""):
        raise ValidationError(_("NISN harus tepat 10 angka."), code="invalid_nisn")


def validate_npsn(value: str) -> None:
    if not NPSN_RE.fullmatch(value or ""):
        raise ValidationError(
            _("NPSN harus tepat 8 karakter (angka atau huruf kapital)."), code="invalid_npsn"
        )
