"""Charts drawn on the server as accessible SVG: no JavaScript, no CDN, works offline and prints.

Colours come from the Okabe-Ito palette (distinguishable with every common colour-vision
deficiency), restricted to those with at least 3:1 contrast on white (WCAG 1.4.11); a second
series also differs in dash and marker shape, so colour is never the only cue. Each chart is an
`<svg role="img">` named by its title and described by a text summary; the page shows the same
figures in a table, with a CSV download."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Okabe-Ito: blue, vermillion, bluish green, reddish purple (each >= 3:1 against white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
DASHES = ("", "8 4", "2 3", "12 3 3 3")
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
FONT = 'font-family="GDS Transport, arial, sans-serif"'


def _open(chart_id: str, title: str, description: str, width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="reporting-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "no data"
    text = (
        f"{value:,.1f}" if isinstance(value, float) and not value.is_integer() else f"{value:,.0f}"
    )
    return f"{text}{unit}"


def _legend(series: list[str], x: int, y: int, line: bool = False) -> str:
    parts = []
    for index, name in enumerate(series):
        colour, dash = PALETTE[index % 4], DASHES[index % 4]
        left = x + index * 220
        if line:
            parts.append(
                f'<line x1="{left}" y1="{y}" x2="{left + 28}" y2="{y}" stroke="{colour}" '
                f'stroke-width="3" stroke-dasharray="{dash}"/>'
            )
        else:
            parts.append(f'<rect x="{left}" y="{y - 7}" width="14" height="14" fill="{colour}"/>')
        parts.append(
            f'<text x="{left + 34}" y="{y + 5}" font-size="14" fill="{TEXT}">{escape(name)}</text>'
        )
    return "".join(parts)


def _wrap(label: str, width: int = 38) -> list[str]:
    """A label on at most two lines (the table beside the chart has it in full)."""
    if len(label) <= width:
        return [label]
    cut = label.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    rest = label[cut:].strip()
    return [label[:cut], rest if len(rest) <= width else rest[: width - 1] + "…"]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    unit: str = "",
    max_value: float | None = None,
    axis_label: str = "",
) -> SafeString:
    """Horizontal bars, one group per label, one bar per series; each bar carries its value.
    A scale runs along the bottom with its ticks and label: percentages always from 0 to 100
    (a 75% bar is three quarters long), counts from 0 to a round number above the largest."""
    names = list(series)
    values = [v for vs in series.values() for v in vs if v is not None]
    if max_value is None and unit == "%":
        max_value = 100
    top = max_value or _round_up(max(values or [0])) or 1
    label_width, bar_width, bar_height = 300, 330, 18
    group = max(bar_height * len(names) + 12, 40)
    legend = 30 if len(names) > 1 else 0
    plot_bottom = legend + group * len(labels) + 6
    height = plot_bottom + 50
    width = label_width + bar_width + 90
    out = [_open(chart_id, title, description, width, height)]
    if legend:
        out.append(_legend(names, label_width, 14))
    for row, label in enumerate(labels):
        y0 = legend + row * group + 6
        lines = _wrap(label)
        first_y = y0 + group / 2 + 5 - 8 * (len(lines) - 1)
        spans = "".join(
            f'<tspan x="{label_width - 8}" y="{first_y + 16 * n:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        out.append(f'<text font-size="14" fill="{TEXT}" text-anchor="end">{spans}</text>')
        for index, name in enumerate(names):
            value = series[name][row]
            length = 0 if value is None else bar_width * max(value, 0) / top
            y = y0 + index * bar_height
            out.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height - 3}" '
                f'fill="{PALETTE[index % 4]}"/>'
            )
            out.append(
                f'<text x="{label_width + length + 6:.1f}" y="{y + 12}" font-size="13" '
                f'fill="{TEXT}">{escape(_number(value, unit))}</text>'
            )
    for tick in range(5):
        value = top * tick / 4
        x = label_width + bar_width * tick / 4
        out.append(
            f'<line x1="{x:.1f}" y1="{legend}" x2="{x:.1f}" y2="{plot_bottom}" stroke="{GRID}" '
            f'stroke-dasharray="2 3"/>'
            f'<text x="{x:.1f}" y="{plot_bottom + 16}" font-size="12" fill="{TEXT}" '
            f'text-anchor="middle">{escape(_number(value, unit))}</text>'
        )
    out.append(
        f'<line x1="{label_width}" y1="{legend}" x2="{label_width}" y2="{plot_bottom}" '
        f'stroke="{TEXT}"/>'
        f'<line x1="{label_width}" y1="{plot_bottom}" x2="{label_width + bar_width}" '
        f'y2="{plot_bottom}" stroke="{TEXT}"/>'
        f'<text x="{label_width + bar_width / 2:.0f}" y="{plot_bottom + 38}" font-size="13" '
        f'fill="{TEXT}" text-anchor="middle">'
        f"{escape(axis_label or ('Per cent (0 to 100)' if unit == '%' else 'Number'))}</text>"
        "</svg>"
    )
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def _round_up(value: float) -> float:
    """The scale's end: 1, 2 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 0
    power = 1
    while power * 10 <= value:
        power *= 10
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: list[str],
    series: dict[str, list[float | None]],
    reference: tuple[str, float] | None = None,
    unit: str = "%",
    max_value: float = 100,
) -> SafeString:
    """A line per series over the labels (months); gaps where there is no data; an optional
    dotted reference line (e.g. the England figure)."""
    left, right, top_margin, plot_height = 56, 24, 40, 220
    step = max(40, 560 // max(len(labels), 1))
    width = left + step * max(len(labels) - 1, 1) + right + 20
    height = top_margin + plot_height + 60

    def y_of(value: float) -> float:
        return top_margin + plot_height * (1 - min(value, max_value) / max_value)

    out = [_open(chart_id, title, description, width, height)]
    out.append(_legend(list(series), left, 16, line=True))
    for tick in range(0, int(max_value) + 1, int(max_value) // 4 or 1):
        y = y_of(tick)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
            f'<text x="{left - 6}" y="{y + 5:.1f}" font-size="13" fill="{TEXT}" '
            f'text-anchor="end">{tick}{escape(unit)}</text>'
        )
    if reference:
        name, value = reference
        y = y_of(value)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{TEXT}" '
            f'stroke-dasharray="1 4" stroke-width="2"/>'
            f'<text x="{width - right}" y="{y - 6:.1f}" font-size="13" fill="{TEXT}" '
            f'text-anchor="end">{escape(name)}</text>'
        )
    every = max(1, len(labels) // 12)
    for index, label in enumerate(labels):
        if index % every == 0:
            out.append(
                f'<text x="{left + index * step}" y="{top_margin + plot_height + 20}" '
                f'font-size="12" fill="{TEXT}" text-anchor="middle">{escape(label)}</text>'
            )
    for number, (_name, values) in enumerate(series.items()):
        colour, dash = PALETTE[number % 4], DASHES[number % 4]
        segment: list[str] = []
        segments = [segment]
        for index, value in enumerate(values):
            if value is None:
                segment = []
                segments.append(segment)
                continue
            x, y = left + index * step, y_of(value)
            segment.append(f"{x},{y:.1f}")
            marker = (
                f'<circle cx="{x}" cy="{y:.1f}" r="4" fill="{colour}"/>'
                if number % 2 == 0
                else f'<rect x="{x - 4}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
            )
            out.append(marker)
        for points in segments:
            if len(points) > 1:
                out.append(
                    f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                    f'stroke-width="3" stroke-dasharray="{dash}"/>'
                )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped
