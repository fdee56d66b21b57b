from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def rupiah(value: Any) -> str:
    """Rp 1.240.000 (Indonesian thousands separator), whole rupiah."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(amount):,.0f}".replace(",", ".")
