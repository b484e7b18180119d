"""A dashboard figure: its title, a text summary (the chart's text alternative), a table of
figures (also the CSV download) and the chart itself."""

import functools
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import localize
from django.utils.safestring import SafeString

from core import csv

from . import charts
from .scope import ReportScope


@functools.cache
def _cases_path() -> str:
    return reverse("reporting:cases")


@dataclass
class Figure:
    key: str
    title: str
    summary: str
    columns: list[str]
    rows: list[list]
    chart: SafeString | None = None
    notes: list[str] = field(default_factory=list)
    # Beside each row, the drill-down behind each number (None where there is none): the
    # parameters of `reporting:cases`, added to `link_base` (the page's filters).
    links: list[list[dict | None]] = field(default_factory=list)
    link_base: dict = field(default_factory=dict)

    def href(self, link: dict | None) -> str | None:
        if not link:
            return None
        if self.link_base.keys() & link.keys():  # a row with its own period
            return f"{_cases_path()}?{urlencode({**self.link_base, **link})}"
        return f"{self._base_query}{urlencode(link)}"

    @functools.cached_property
    def _base_query(self) -> str:
        base = urlencode(self.link_base)
        return f"{_cases_path()}?{base}&" if base else f"{_cases_path()}?"

    @property
    def table(self) -> list[list[tuple]]:
        """The rows as the page shows them, formatted once here rather than cell by cell in
        the template: each value as the template would localise it, a missing figure as "-",
        with the link to the cases behind it and what the number is, for the link's name."""
        rows = []
        for n, row in enumerate(self.rows):
            links = self.links[n] if n < len(self.links) else []
            first = localize(row[0])
            cells = [(first, None, "")]
            for i, value in enumerate(row[1:], start=1):
                link = links[i] if i < len(links) else None
                text = "-" if value is None else localize(value)
                cells.append((text, self.href(link), f"{self.columns[i]}, {first}"))
            rows.append(cells)
        return rows

    def csv(self, filters: list[tuple[str, str]] = ()) -> str:
        """The figure's table; first, the filters it was worked out for (one row each)."""
        out = io.StringIO()
        writer = csv.writer(out)
        for name, value in filters:
            writer.writerow([f"Filter: {name}", value])
        if filters:
            writer.writerow([])
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if value is None else value for value in row])
        return out.getvalue()


def once(memo: dict, key: str, selector: Callable, scope: ReportScope):
    """Figures on one page share a selector's result (one query, not one per figure)."""
    if key not in memo:
        memo[key] = selector(scope=scope)
    return memo[key]


def lower_first(text: str) -> str:
    """'Calendar year 2025' -> 'calendar year 2025'; '12 months to 24 November 2026' unchanged."""
    return text[:1].lower() + text[1:]


def percent_text(value: float | None) -> str:
    return "no plans" if value is None else f"{value}%"


def chart_figure(
    *,
    key: str,
    title: str,
    summary: str,
    columns: list[str],
    rows: list[list],
    labels: list[str],
    series: dict[str, list],
    chart_title: str | None = None,
    chart_id: str | None = None,
    notes: list[str] | None = None,
    empty_chart: bool = False,
    links: list[list[dict | None]] | None = None,
    **chart_options,
) -> Figure:
    """A figure with a bar chart of `series` over `labels` (no chart when there are no rows,
    unless `empty_chart`); the summary is also the chart's text alternative."""
    return Figure(
        key=key,
        title=title,
        summary=summary,
        columns=columns,
        rows=rows,
        chart=charts.bar_chart(
            chart_id=chart_id or f"chart-{key}",
            title=chart_title or title,
            description=summary,
            labels=labels,
            series=series,
            **chart_options,
        )
        if rows or empty_chart
        else None,
        notes=notes or [],
        links=links or [],
    )


def drill(cases: str, value: str = "", **params) -> dict:
    """The parameters of one drill-down link (see `selectors.drills.DRILLS`)."""
    return {"cases": cases, **({"value": value} if value else {}), **params}


def simple_figure(
    key: str,
    title: str,
    rows: list[tuple[str, int]],
    unit_label: str,
    lead: str,
    links: list[dict | None] | None = None,
) -> Figure:
    summary = f"{lead}: " + "; ".join(f"{label}: {n}" for label, n in rows) + "."
    return chart_figure(
        key=key,
        title=title,
        summary=summary,
        columns=[title, unit_label],
        rows=[[label, n] for label, n in rows],
        labels=[label for label, _n in rows],
        series={unit_label: [n for _l, n in rows]},
        links=[[None, link] for link in links] if links else None,
    )
