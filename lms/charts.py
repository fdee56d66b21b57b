"""Server-rendered SVG charts (no JavaScript) for lms/district.py's Chart.

Drawn in a 360-unit-wide viewBox, so a phone shows them at their natural size; bars are
horizontal with the label above each bar, so long school or course names never overlap. The
numbers are always also given as a table (`chart_table`) for screen readers and print.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lms.district import Chart, Number

WIDTH = 320  # about the drawing width inside a card on a 360 px phone
ROW = 36  # label line + bar
BAR = 14
PALETTE = ("#1b6ca8", "#e07b00", "#2e8540", "#8e44ad", "#b03a2e", "#5d6d7e")


def _fmt(value: Number) -> str:
    if isinstance(value, Decimal):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


def _legend(chart: Chart, top: int) -> tuple[SafeString, int]:
    if len(chart.series) < 2:
        return mark_safe(""), top
    items = []
    for n, (name, _values) in enumerate(chart.series):
        y = top + n * 18
        items.append(
            format_html(
                '<rect x="0" y="{}" width="12" height="12" fill="{}"/>'
                '<text x="18" y="{}" font-size="13">{}</text>',
                y,
                PALETTE[n % len(PALETTE)],
                y + 10,
                name,
            )
        )
    return mark_safe("".join(items)), top + len(chart.series) * 18 + 6


def _bars(chart: Chart, top: int) -> tuple[SafeString, int]:
    totals = [sum(values[i] for _name, values in chart.series) for i in range(len(chart.labels))]
    if chart.kind == "bar":
        peak = max((max(v, default=0) for _n, v in chart.series), default=0) or 1
    else:
        peak = max(totals, default=0) or 1
    scale = (WIDTH - 60) / float(peak)
    parts = []
    for i, label in enumerate(chart.labels):
        y = top + i * ROW
        parts.append(format_html('<text x="0" y="{}" font-size="13">{}</text>', y + 12, label))
        x = 0.0
        for n, (_name, values) in enumerate(chart.series):
            width = float(values[i]) * scale
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    f"{x:.1f}",
                    y + 16,
                    f"{width:.1f}",
                    BAR,
                    PALETTE[n % len(PALETTE)],
                )
            )
            if chart.kind == "stacked":
                x += width
        total = totals[i] if chart.kind == "stacked" else chart.series[0][1][i]
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="13">{}</text>',
                f"{(x if chart.kind == 'stacked' else float(total) * scale) + 4:.1f}",
                y + 28,
                _fmt(total),
            )
        )
    return mark_safe("".join(parts)), top + len(chart.labels) * ROW


def _lines(chart: Chart, top: int) -> tuple[SafeString, int]:
    height = 160
    peak = max((max(v, default=0) for _n, v in chart.series), default=0) or 1
    step = (WIDTH - 40) / max(len(chart.labels) - 1, 1)
    parts = []
    for n, (_name, values) in enumerate(chart.series):
        points = " ".join(
            f"{20 + i * step:.1f},{top + height - float(v) / float(peak) * height:.1f}"
            for i, v in enumerate(values)
        )
        color = PALETTE[n % len(PALETTE)]
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"/>', points, color
            )
        )
    for i, label in enumerate(chart.labels):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="13" text-anchor="middle">{}</text>',
                f"{20 + i * step:.1f}",
                top + height + 16,
                label,
            )
        )
    return mark_safe("".join(parts)), top + height + 24


def chart_svg(chart: Chart) -> SafeString:
    """The chart as an inline <svg>; aria-hidden, because the table beside it says the same."""
    legend, top = _legend(chart, 0)
    body, height = (_lines if chart.kind == "line" else _bars)(chart, top)
    if not chart.labels:
        body, height = mark_safe(""), top
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-hidden="true" focusable="false" font-family="sans-serif">{}{}</svg>',
        WIDTH,
        max(height, 20),
        legend,
        body,
    )


def chart_table(chart: Chart) -> dict[str, Any]:
    """Rows for the accessible table: one per label, one column per series."""
    rows = [
        {"label": label, "values": [_fmt(values[i]) for _name, values in chart.series]}
        for i, label in enumerate(chart.labels)
    ]
    return {"columns": [name for name, _values in chart.series], "rows": rows}


def render_chart(chart: Chart) -> dict[str, Any]:
    return {"chart": chart, "svg": chart_svg(chart), "table": chart_table(chart)}
