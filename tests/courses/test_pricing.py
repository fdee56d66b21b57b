"""The price calculator behind lesson 4 (courses/worksheets/pricing.py)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courses.worksheets.pricing import (
    MAX_FIXED_COSTS,
    MAX_UNIT_COST,
    MAX_VOLUME,
    PRICE_STEP,
    PricingError,
    calculate_price,
    ceil_to,
)

fixed_costs = st.integers(min_value=0, max_value=int(MAX_FIXED_COSTS))
unit_costs = st.integers(min_value=0, max_value=1_000_000)
volumes = st.integers(min_value=1, max_value=MAX_VOLUME)
margins = st.decimals(min_value=1, max_value=300, places=2)


def _priced(fixed, variable, volume, margin):
    if fixed == 0 and variable == 0:
        fixed = 1
    return calculate_price(
        fixed_costs=fixed, variable_cost=variable, volume=volume, margin_percent=margin
    )


@given(fixed_costs, unit_costs, volumes, margins)
def test_break_even_is_the_smallest_volume_that_covers_fixed_costs(fixed, variable, volume, margin):
    result = _priced(fixed, variable, volume, margin)
    units, contribution = result.break_even_units, result.contribution_margin
    assert units * contribution >= result.fixed_costs
    assert (units - 1) * contribution < result.fixed_costs or units == 0
    assert result.break_even_revenue == units * result.price


@given(fixed_costs, unit_costs, volumes, margins)
def test_everything_is_whole_rupiah_and_the_price_covers_cost(fixed, variable, volume, margin):
    result = _priced(fixed, variable, volume, margin)
    for amount in (result.hpp_per_unit, result.price, result.break_even_revenue):
        assert isinstance(amount, Decimal) and amount == amount.to_integral_value()
    assert result.price % PRICE_STEP == 0
    # HPP is rounded up: never below the true cost per unit, less than Rp 1 above it.
    assert result.hpp_per_unit * volume >= result.total_cost
    assert (result.hpp_per_unit - 1) * volume < result.total_cost
    # The price is the margin price rounded up to the step, no further.
    exact = result.hpp_per_unit * (100 + margin) / 100
    assert exact <= result.price < exact + PRICE_STEP
    assert result.price * volume >= result.total_cost and result.profit_at_volume >= 0


@given(fixed_costs, unit_costs, volumes, st.integers(min_value=1, max_value=int(MAX_UNIT_COST)))
def test_a_target_price_is_kept_as_it_is(fixed, variable, volume, target):
    if fixed == 0 and variable == 0:
        fixed = 1
    if target <= variable:
        with pytest.raises(PricingError):
            calculate_price(
                fixed_costs=fixed, variable_cost=variable, volume=volume, target_price=target
            )
        return
    result = calculate_price(
        fixed_costs=fixed, variable_cost=variable, volume=volume, target_price=target
    )
    assert result.price == target and result.contribution_margin == target - variable
    assert result.profit_at_volume == target * volume - result.total_cost


@given(st.decimals(min_value=0, max_value=10**9, places=3), st.sampled_from([1, 100, 500]))
def test_ceil_to_is_the_next_multiple(amount, step):
    step = Decimal(step)
    rounded = ceil_to(amount, step)
    assert rounded % step == 0 and amount <= rounded < amount + step


def test_the_lesson_numbers():
    result = calculate_price(fixed_costs=60000, variable_cost=3500, volume=40, margin_percent=30)
    assert (result.hpp_per_unit, result.price, result.break_even_units) == (5000, 6500, 20)
    assert result.break_even_revenue == 130000


BAD = [
    ({"fixed_costs": -1}, "Biaya tetap tidak boleh negatif"),
    ({"fixed_costs": 1.5}, "angka bulat"),
    ({"fixed_costs": "12.500,50"}, "harus berupa angka"),
    ({"fixed_costs": "1000.5"}, "tanpa sen"),
    ({"fixed_costs": "NaN"}, "harus berupa angka"),
    ({"fixed_costs": "Infinity"}, "harus berupa angka"),
    ({"fixed_costs": True}, "angka bulat"),
    ({"fixed_costs": None}, "harus berupa angka"),
    ({"fixed_costs": 10**12}, "terlalu besar"),
    ({"variable_cost": -5}, "Biaya variabel per unit tidak boleh negatif"),
    ({"variable_cost": 10**9}, "terlalu besar"),
    ({"volume": 0}, "Rencana jumlah produksi"),
    ({"volume": -3}, "Rencana jumlah produksi"),
    ({"volume": "2.5"}, "Rencana jumlah produksi"),
    ({"volume": 10**7}, "terlalu besar"),
    ({"margin_percent": -10}, "Persentase keuntungan"),
    ({"margin_percent": 5000}, "Persentase keuntungan"),
    ({"margin_percent": "abc"}, "harus berupa angka"),
    ({"margin_percent": 30, "target_price": 6000}, "salah satu saja"),
    ({"margin_percent": None}, "salah satu saja"),
    ({"margin_percent": None, "target_price": 0}, "Harga jual harus lebih dari nol"),
    ({"margin_percent": None, "target_price": 3500}, "biaya variabel"),
    ({"margin_percent": None, "target_price": 3000}, "biaya variabel"),
    ({"fixed_costs": 0, "variable_cost": 0}, "keduanya nol"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_bad_input_is_refused_in_indonesian(change, message):
    inputs = {"fixed_costs": 60000, "variable_cost": 3500, "volume": 40, "margin_percent": 30}
    inputs.update(change)
    with pytest.raises(PricingError) as error:
        calculate_price(**inputs)
    assert message in error.value.message
    assert isinstance(error.value, ValueError) and str(error.value) == error.value.message


def test_zero_margin_at_zero_fixed_costs_is_refused():
    """Price == variable cost: nothing left to cover anything."""
    with pytest.raises(PricingError, match="biaya variabel"):
        calculate_price(fixed_costs=0, variable_cost=3000, volume=10, margin_percent=0)


def test_no_fixed_costs_break_even_at_zero():
    result = calculate_price(fixed_costs=0, variable_cost=2000, volume=10, margin_percent=10)
    assert result.break_even_units == 0 and result.break_even_revenue == 0
