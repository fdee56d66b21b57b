"""lms.fields.MoneyField: whole rupiah, and invisible to migrations."""

from decimal import Decimal

from django.db import models

from lms.fields import MoneyField
from school_coops.models import JournalLine, ShuDistribution


def test_money_field_is_a_whole_rupiah_decimal_field():
    field = MoneyField("jumlah", default=0)
    assert isinstance(field, models.DecimalField)
    assert (field.max_digits, field.decimal_places) == (15, 0)
    assert field.verbose_name == "jumlah"
    assert field.to_python("1500") == Decimal(1500)


def test_money_field_deconstructs_as_the_decimal_field_the_migrations_already_have():
    _, path, _, kwargs = JournalLine._meta.get_field("amount").deconstruct()
    assert path == "django.db.models.DecimalField"
    assert kwargs == {"max_digits": 15, "decimal_places": 0}
    _, path, _, kwargs = ShuDistribution._meta.get_field("rounding_residual").deconstruct()
    assert path == "django.db.models.DecimalField"
    assert kwargs["default"] == 0 and kwargs["decimal_places"] == 0
