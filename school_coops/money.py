"""The one money parser, used by forms (RupiahField) and services (money_clean).

Whole rupiah as Indonesians write them: "5000", "5.000", "Rp 5.000", "1.500.000,00" and
"5.000,-" are all five thousand (or 1,5 million) rupiah. Anything that could be read two ways
is refused rather than guessed: "50 00" (a space inside the number), "5.00" or "12500,50"
(cents), a float. Services pass Decimal or int; forms pass the text as typed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from school_coops.exceptions import LedgerError

MAX_AMOUNT = Decimal(1_000_000_000_000)  # Rp 1 triliun: far above any single school posting

# Digits, optionally grouped by dots in threes, optionally ",0", ",00" or ",-" (no cents).
WHOLE_RUPIAH = re.compile(r"^(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)(?:,00?|,-)?$")
RUPIAH_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)


def _too_big() -> LedgerError:
    return LedgerError(_("Jumlah terlalu besar."))


def _parse_text(text: str, *, allow_zero: bool) -> Decimal:
    text = RUPIAH_PREFIX.sub("", text.strip())
    if text.startswith("-"):
        raise _negative(allow_zero)
    if re.fullmatch(r"[0-9.,\s]+", text) and re.search(r"\s", text):
        raise LedgerError(
            _("Jumlah tidak boleh berisi spasi di antara angka; tulis 5000 atau 5.000.")
        )
    if WHOLE_RUPIAH.match(text):
        return Decimal(text.split(",")[0].replace(".", ""))
    if text and re.fullmatch(r"[0-9.,]+", text):
        raise LedgerError(_("Jumlah harus rupiah utuh, tanpa sen atau koma."))
    # Letters or other signs. "1e20" is refused for its size first: both are true of it.
    try:
        value = Decimal(text) if text.isascii() else None
    except InvalidOperation:
        value = None
    if value is not None and value.is_finite() and value > MAX_AMOUNT:
        raise _too_big()
    raise LedgerError(_("Jumlah hanya boleh berisi angka, tanpa huruf."))


def _negative(allow_zero: bool) -> LedgerError:
    if allow_zero:
        return LedgerError(_("Jumlah tidak boleh negatif."))
    return LedgerError(_("Jumlah tidak boleh negatif; harus lebih dari nol."))


def parse_rupiah(value: object, *, allow_zero: bool = False, cap: bool = True) -> Decimal:
    """Whole rupiah (> 0, or ≥ 0 with allow_zero), else LedgerError with an Indonesian message.

    `cap` is the Rp 1 triliun limit of one posting; totals a workflow computes (closing,
    SHU, exit) are not capped."""
    if isinstance(value, float | bool):
        raise LedgerError(_("Jumlah uang tidak boleh berupa bilangan pecahan (float)."))
    if isinstance(value, Decimal | int):
        amount = Decimal(value)
    else:
        amount = _parse_text(str(value), allow_zero=allow_zero)
    if not amount.is_finite():
        raise LedgerError(_("Jumlah hanya boleh berisi angka, tanpa huruf."))
    if amount < 0:
        raise _negative(allow_zero)
    if amount == 0 and not allow_zero:
        raise LedgerError(_("Jumlah harus lebih dari nol."))
    if amount != amount.to_integral_value():
        raise LedgerError(_("Jumlah harus rupiah utuh, tanpa sen atau koma."))
    if cap and amount > MAX_AMOUNT:
        raise _too_big()
    return amount.quantize(Decimal(1))
