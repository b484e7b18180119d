"""The cases behind a figure: every number on the dashboards links to the records it counts.

Each drill-down is the figure's own condition (`band_conditions`, `decision_conditions`, ...)
on the figure's own records in the same scope, so the list and the number agree. The number is
counted over the scope; the records listed are those of children the person asking may open
(`children_visible_to`), a page at a time in one query, and each child listed is access-logged."""

import datetime
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q
from django.http import Http404
from django.utils.functional import cached_property

from accounts.models import User
from cases.models import PlanStatus, RecordAccess
from cases.models.assessments import RequestStatus
from cases.models.codes import AppealableDecision, AppealOutcome
from cases.selectors import children_visible_to, record_accesses_log

from ..scope import ReportScope, last_12_months
from .access import REPORT_ROLES, REPORTS_NOT_ALLOWED
from .drills import DRILLS, date_param

PER_PAGE = 50
NOT_ALLOCATED = "Not allocated"


@dataclass(frozen=True)
class Column:
    header: str
    fields: tuple[str, ...]  # joined with a space (a caseworker's first and last names)
    date: bool = False
    choices: dict | None = None
    empty: str = ""


@dataclass(frozen=True)
class Kind:
    """Records of one model: the path from them to the child, the columns shown, their order."""

    child: str
    columns: tuple[Column, ...]
    order: tuple[str, ...]


REQUEST_STATUSES = dict(RequestStatus.choices)
KINDS = {
    "requests": Kind(
        "child__",
        (
            Column("Request received", ("received_on",), date=True),
            Column("Decision whether to assess", ("decision_on",), date=True),
            Column("Final plan issued", ("final_issued_on",), date=True),
            Column("Stage", ("status",), choices=REQUEST_STATUSES),
        ),
        ("received_on", "pk"),
    ),
    "plans": Kind(
        "child__",
        (
            Column("Plan first issued", ("first_issued_on",), date=True),
            Column("Setting named", ("named_setting__name",), empty="None named"),
            Column("Status", ("status",), choices=dict(PlanStatus.choices)),
        ),
        ("first_issued_on", "pk"),
    ),
    "reviews": Kind(
        "plan__child__",
        (
            Column("Review due", ("due_on",), date=True),
            Column("Meeting", ("meeting_on",), date=True),
            Column("Decision notified", ("decision_notified_on",), date=True),
        ),
        ("due_on", "pk"),
    ),
    "transfers": Kind(
        "plan__child__",
        (
            Column("Transfer deadline", ("phase_transfer_due_on",), date=True),
            Column("Meeting", ("meeting_on",), date=True),
            Column("Amended plan issued", ("amended_plan_issued_on",), date=True),
        ),
        ("phase_transfer_due_on", "pk"),
    ),
    "appeals": Kind(
        "child__",
        (
            Column(
                "Decision appealed",
                ("decision_appealed",),
                choices=dict(AppealableDecision.choices),
            ),
            Column("Appeal registered", ("appeal_registered_on",), date=True),
            Column(
                "Outcome",
                ("outcome",),
                choices={**dict(AppealOutcome.choices), "": "Not yet decided"},
            ),
        ),
        ("appeal_registered_on", "pk"),
    ),
    "children": Kind(
        "",
        (
            Column(
                "Lead caseworker",
                ("lead_caseworker__first_name", "lead_caseworker__last_name"),
                empty=NOT_ALLOCATED,
            ),
            Column("Team", ("team__name",)),
        ),
        ("surname", "forename", "pk"),
    ),
}


def snapshot_scope(scope: ReportScope, on: str) -> ReportScope:
    """A point of the trend: the 12 months to its snapshot, all needs, settings and caseworkers
    (the trend is kept by team only)."""
    day = date_param(on)
    if day > scope.today or day < datetime.date(scope.today.year - 3, 1, 1):
        raise Http404
    return replace(
        scope,
        period=last_12_months(day),
        primary_need="",
        setting_group="",
        caseworker_id=None,
        caseworker_label="",
    )


class _Counted(Paginator):
    """A paginator told its count (worked out with the figure's total in one query)."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known = count

    @cached_property
    def count(self) -> int:
        return self._known


@dataclass
class DrillDown:
    title: str
    scope: ReportScope
    total: int  # the figure's number: every record in the scope
    page: Page  # the records of children the person may open
    headers: list[str]
    dashboard: str
    snapshot: bool  # a point of the trend, worked out again from the records

    @property
    def not_listed(self) -> int:
        return self.total - self.page.paginator.count


def drill_down_for(*, user: User, scope: ReportScope, params, page_number=None) -> DrillDown:
    """The records behind one number of a figure (`params`: `cases`, the drill-down; `value`,
    which number; `on`, `lead` or `snapshot` where the figure needs them). Counted over the
    scope, listed for the children `user` may open, a page at a time; each child listed is
    recorded in the access log."""
    if not user.is_authenticated or not user.has_role(*REPORT_ROLES):
        raise PermissionDenied(REPORTS_NOT_ALLOWED)
    drill = DRILLS.get(params.get("cases") or "")
    if drill is None:
        raise Http404
    if params.get("snapshot"):
        scope = snapshot_scope(scope, params["snapshot"])
    records, title = drill.records(scope, params.get("value") or "", params)
    kind = KINDS[drill.kind]
    child = kind.child
    visible = Q(**{f"{child}pk__in": children_visible_to(user=user).values("pk")})
    counts = records.aggregate(total=Count("pk"), listed=Count("pk", filter=visible))
    fields = [f for column in kind.columns for f in column.fields]
    listed = (
        records.filter(visible)
        .order_by(*kind.order)
        .values(
            *fields,
            c_pk=F(f"{child}pk"),
            c_reference=F(f"{child}reference"),
            c_forename=F(f"{child}forename"),
            c_surname=F(f"{child}surname"),
        )
    )
    page = _Counted(listed, PER_PAGE, counts["listed"]).get_page(page_number)
    page.object_list = [_row(values, kind) for values in page.object_list]
    if page.object_list:
        record_accesses_log(
            child_ids=[row["child_id"] for row in page.object_list],
            user=user,
            channel=RecordAccess.Channel.BROWSER,
            what=f"report: {title}"[:60],
        )
    return DrillDown(
        title=title,
        scope=scope,
        total=counts["total"],
        page=page,
        headers=[column.header for column in kind.columns],
        dashboard=drill.dashboard,
        snapshot=bool(params.get("snapshot")),
    )


def _cell(values: dict, column: Column):
    parts = [values[f] for f in column.fields]
    if column.date:
        return parts[0]
    if column.choices is not None:
        return column.choices.get(parts[0], parts[0])
    text = " ".join(str(p) for p in parts if p)
    return text or column.empty


def _row(values: dict, kind: Kind) -> dict:
    return {
        "child_id": values["c_pk"],
        "reference": values["c_reference"],
        "name": f"{values['c_forename']} {values['c_surname']}".strip(),
        "cells": [_cell(values, column) for column in kind.columns],
    }
