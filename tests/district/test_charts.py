"""The SVG charts: escaped labels, one table row per label, sizes that fit 360 px."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lms.charts import chart_svg, chart_table
from lms.district import Chart, Indicator


def test_labels_are_escaped_and_the_table_carries_every_number():
    chart = Chart(
        "x", "Judul", "stacked", ["<script>alert(1)</script>", "Kec B"],
        [("Tepat", [3, 0]), ("Terlambat", [1, 2])],
    )  # fmt: skip
    svg = chart_svg(chart)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'viewBox="0 0 320 ' in svg
    table = chart_table(chart)
    assert table["columns"] == ["Tepat", "Terlambat"]
    assert [r["values"] for r in table["rows"]] == [["3", "1"], ["0", "2"]]


def test_percent_bars_and_lines_render():
    bar = Chart("b", "Lulus", "bar", ["Angkatan 1"], [("K (%)", [Decimal("66.7")])])
    assert "66,7" in chart_svg(bar)
    line = Chart("l", "Tren", "line", ["2024", "2025", "2026"], [("Aktif", [1, 2, 3])])
    assert "<polyline" in chart_svg(line)


def test_a_series_of_the_wrong_length_or_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        Chart("b", "t", "bar", ["a", "b"], [("s", [1])])
    with pytest.raises(ValueError):
        Indicator("k", "l", 1, "euro")
