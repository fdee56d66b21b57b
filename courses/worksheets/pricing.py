"""The price calculator of the course "Kewirausahaan Koperasi untuk Pelajar" (lesson 4).

Everything is whole rupiah in `Decimal`; a float is refused, never converted.

Rules (the lesson teaches the same ones):

- **HPP per unit** (harga pokok per unit) = (fixed costs + variable cost x volume) / volume,
  rounded **up** to the whole rupiah, so a price built on it never sells below cost.
- **Suggested price**, when a margin is given: HPP x (100 + margin) / 100, rounded **up** to
  the price step (`PRICE_STEP`, Rp 100: prices a canteen can give change for). When a target
  price is given instead, that price is used as it is (the team chose it).
- **Contribution margin** per unit = price - variable cost per unit; it must be positive,
  otherwise no volume ever covers the fixed costs.
- **Break-even units** = fixed costs / contribution, rounded **up** (a half unit cannot be
  sold); **break-even revenue** = break-even units x price.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from django.utils.translation import gettext as _

PRICE_STEP = Decimal(100)
MAX_FIXED_COSTS = Decimal(1_000_000_000)  # Rp 1 miliar per period: beyond a school business
MAX_UNIT_COST = Decimal(100_000_000)  # Rp 100 juta per unit
MAX_VOLUME = 1_000_000
MAX_MARGIN_PERCENT = Decimal(1000)


class PricingError(ValueError):
    """Bad calculator input; `message` is Bahasa Indonesia for the student."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PriceResult:
    fixed_costs: Decimal
    variable_cost: Decimal
    volume: int
    total_cost: Decimal
    hpp_per_unit: Decimal
    price: Decimal
    contribution_margin: Decimal
    break_even_units: int
    break_even_revenue: Decimal
    profit_at_volume: Decimal


def _number(value: object, label: str) -> Decimal:
    if isinstance(value, (bool, float)):
        raise PricingError(_("%(label)s harus ditulis sebagai angka bulat.") % {"label": label})
    if not isinstance(value, (int, str, Decimal)):
        raise PricingError(_("%(label)s harus berupa angka.") % {"label": label})
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise PricingError(_("%(label)s harus berupa angka.") % {"label": label}) from None
    if not number.is_finite():
        raise PricingError(_("%(label)s harus berupa angka.") % {"label": label})
    return number


def _rupiah(value: object, label: str, maximum: Decimal, *, allow_zero: bool = True) -> Decimal:
    number = _number(value, label)
    if number != number.to_integral_value():
        raise PricingError(_("%(label)s harus rupiah bulat, tanpa sen.") % {"label": label})
    if number < 0:
        raise PricingError(_("%(label)s tidak boleh negatif.") % {"label": label})
    if number == 0 and not allow_zero:
        raise PricingError(_("%(label)s harus lebih dari nol.") % {"label": label})
    if number > maximum:
        raise PricingError(
            _("%(label)s terlalu besar (paling banyak Rp %(max)s).")
            % {"label": label, "max": f"{maximum:,.0f}".replace(",", ".")}
        )
    return number.quantize(Decimal(1))


def _volume(value: object) -> int:
    number = _number(value, _("Rencana jumlah produksi"))
    if number != number.to_integral_value() or number <= 0:
        raise PricingError(_("Rencana jumlah produksi harus bilangan bulat lebih dari nol."))
    if number > MAX_VOLUME:
        raise PricingError(_("Rencana jumlah produksi terlalu besar (paling banyak 1.000.000)."))
    return int(number)


def ceil_to(amount: Decimal, step: Decimal) -> Decimal:
    """The smallest multiple of `step` that is not below `amount`."""
    return (amount / step).to_integral_value(rounding=ROUND_CEILING) * step


def _price(hpp: Decimal, margin_percent: object, target_price: object, step: Decimal) -> Decimal:
    if (margin_percent is None) == (target_price is None):
        raise PricingError(_("Isi persentase keuntungan atau harga jual, salah satu saja."))
    if target_price is not None:
        return _rupiah(target_price, _("Harga jual"), MAX_UNIT_COST, allow_zero=False)
    margin = _number(margin_percent, _("Persentase keuntungan"))
    if margin < 0 or margin > MAX_MARGIN_PERCENT:
        raise PricingError(_("Persentase keuntungan harus antara 0 dan 1000."))
    return ceil_to(hpp * (100 + margin) / 100, step)


def calculate_price(
    *,
    fixed_costs: object,
    variable_cost: object,
    volume: object,
    margin_percent: object = None,
    target_price: object = None,
    step: Decimal = PRICE_STEP,
) -> PriceResult:
    """HPP, price, contribution margin and break-even of one product for one period."""
    fixed = _rupiah(fixed_costs, _("Biaya tetap"), MAX_FIXED_COSTS)
    variable = _rupiah(variable_cost, _("Biaya variabel per unit"), MAX_UNIT_COST)
    units = _volume(volume)
    total = fixed + variable * units
    if total == 0:
        raise PricingError(_("Biaya tetap dan biaya variabel tidak boleh keduanya nol."))
    hpp = ceil_to(total / units, Decimal(1))
    price = _price(hpp, margin_percent, target_price, step)
    contribution = price - variable
    if contribution <= 0:
        raise PricingError(
            _(
                "Harga jual harus lebih tinggi dari biaya variabel per unit; kalau tidak, "
                "usaha ini tidak akan pernah balik modal."
            )
        )
    break_even = int(ceil_to(fixed / contribution, Decimal(1)))
    return PriceResult(
        fixed_costs=fixed,
        variable_cost=variable,
        volume=units,
        total_cost=total,
        hpp_per_unit=hpp,
        price=price,
        contribution_margin=contribution,
        break_even_units=break_even,
        break_even_revenue=price * break_even,
        profit_at_volume=price * units - total,
    )
