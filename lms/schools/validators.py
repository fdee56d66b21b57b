"""Identifier and name validators. NISN and NPSN are opaque: validated for shape, never parsed."""

import re
import unicodedata

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


# Unicode categories a person's name never needs: controls (newline, tab, NUL), format
# characters (bidirectional overrides U+202A-202E/U+2066-2069, zero-width U+200B-200D and
# U+2060/U+FEFF, marks U+200E/200F), line/paragraph separators, private use, surrogates,
# unassigned code points. A name with them prints differently from how it compares.
NAME_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})
PERSON_NAME_MAX_LENGTH = 150


def validate_person_name(value: str) -> None:
    """A name as it is printed on a card: letters, marks, spaces and ordinary punctuation."""
    value = value or ""
    if any(unicodedata.category(char) in NAME_FORBIDDEN_CATEGORIES for char in value):
        raise ValidationError(
            _(
                "Nama tidak boleh memuat baris baru, tab, atau karakter tak terlihat "
                "(karakter kontrol, pembalik arah teks, atau karakter lebar nol)."
            ),
            code="invalid_name_character",
        )
    if len(value) > PERSON_NAME_MAX_LENGTH:
        raise ValidationError(
            _("Nama terlalu panjang (maksimal %(n)s karakter).") % {"n": PERSON_NAME_MAX_LENGTH},
            code="name_too_long",
        )
    if value.strip() and not any(char.isalpha() for char in value):
        raise ValidationError(_("Nama harus memuat huruf."), code="name_without_letters")
