"""Small tools for the `privacy.py` modules of every app (no model imports here)."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def rows_of(queryset: QuerySet[Any], *fields: str) -> list[dict[str, Any]]:
    """The given fields of every row, JSON-ready (money as whole-rupiah int, dates ISO)."""
    return [{k: _plain(v) for k, v in row.items()} for row in queryset.values(*fields)]


def mask_name(name: str) -> str:
    """ "Siti Rahmawati" -> "S*** R********": enough for a verifier, not for a stranger."""
    return " ".join(w[0] + "*" * (len(w) - 1) if w else w for w in name.split(" "))


def replace_name(text: str, name: str, pseudonym: str) -> str:
    """`text` with every whole-word, case-insensitive occurrence of `name` replaced."""
    name = name.strip()
    if not name or not text:
        return text
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    return pattern.sub(pseudonym, text)


def delete_private_file_on_commit(path: str) -> None:
    """Files cannot roll back: delete only once the erasure has committed."""
    from lms.storage import private_storage

    if path:
        transaction.on_commit(lambda: private_storage.delete(path))
