import pytest
from django.core.exceptions import ValidationError

from lms.accounts.models import User
from lms.schools.models import School
from lms.schools.validators import validate_nisn, validate_npsn, validate_person_name


@pytest.mark.parametrize("value", ["0012345678", "9999999999"])
def test_nisn_accepts_ten_digits(value):
    assert validate_nisn(value) is None  # a Django validator accepts by returning
    # ...and the model field keeps the value as typed (leading zeros are part of a NISN).
    assert User._meta.get_field("nisn").clean(value, None) == value


@pytest.mark.parametrize("value", ["", "123456789", "12345678901", "00123456a8", " 0012345678"])
def test_nisn_rejects_anything_else(value):
    with pytest.raises(ValidationError):
        validate_nisn(value)


@pytest.mark.parametrize("value", ["10600001", "P9990001"])
def test_npsn_accepts_eight_alphanumerics(value):
    assert validate_npsn(value) is None
    assert School._meta.get_field("npsn").clean(value, None) == value


@pytest.mark.parametrize("value", ["1060000", "10600001234567", "p9990001", "1060-001"])
def test_npsn_rejects_anything_else(value):
    with pytest.raises(ValidationError):
        validate_npsn(value)


@pytest.mark.parametrize(
    "value",
    ["I Made Wirawan", "Ni Luh Putu Ayu", "M. Rizki", "Siti Nur'aini", "Ananda Ré", "Ahmad-Dahlan"],
)
def test_person_names_accept_what_people_are_called(value):
    assert validate_person_name(value) is None  # a refused name raises ValidationError


@pytest.mark.parametrize(
    "value",
    [
        "Budi\nUtomo",  # newline
        "Budi\rUtomo",
        "Budi\tUtomo",  # tab
        "Budi\x00",  # NUL
        "Budi\u202eomotU",  # right-to-left override
        "Budi\u2066Utomo\u2069",  # isolate
        "Bu\u200bdi",  # zero-width space
        "Bu\u200ddi",  # zero-width joiner
        "\ufeffBudi",  # byte order mark
        "Budi\u2028Utomo",  # line separator
        "Budi\ue000",  # private use
        "12345",  # no letter
        "A" * 151,
    ],
)
def test_person_names_reject_invisible_and_control_characters(value):
    with pytest.raises(ValidationError):
        validate_person_name(value)
