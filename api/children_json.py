"""A page of the children feed as JSON built by PostgreSQL, in one statement whose text is written
once per shape of request: no ORM query is built or compiled, no row becomes a Python object.

Each child comes back as the text `child_data` would render (the same fields in the same order,
dates as DRF gives them, date-times in the current time zone with "Z" for UTC, compact
separators, strings escaped as Python's json module escapes them), so a page is those texts
joined. On another database, or for anyone but a partner's system, the page is built in Python
from plain rows (api.selectors.child_rows); tests hold the two byte for byte equal.

Who a partner's system may see is `api.selectors._partner_children`, written here again as SQL:
tests hold the two equal for every kind of partner. Table and column names come from the models;
every value is a parameter (hence the S608 exemptions)."""

import json

from django.db import connections, router
from django.utils import timezone

from cases.models import (
    AdviceRequest,
    AssessmentRequest,
    Child,
    EHCPlan,
    PartnerKind,
    Placement,
    PlanStatus,
    SenNeed,
    StatutoryDeadline,
)

from .serializers.children import DEADLINE_FIELDS, ChildSerializer


def _table(model) -> str:
    return connections["default"].ops.quote_name(model._meta.db_table)


def _column(model, name: str, alias: str) -> str:
    return f"{alias}.{connections['default'].ops.quote_name(model._meta.get_field(name).column)}"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _json(expression: str) -> str:
    """A value as JSON text: strings, booleans and dates as json and DRF give them."""
    return f"COALESCE(to_json({expression})::text, 'null')"


def _date_time(expression: str) -> str:
    """A date-time as DRF's DateTimeField gives it: in the current time zone, ISO 8601, the
    microseconds only when there are some, "Z" for UTC, else the offset (+01:00)."""
    local = f"({expression} AT TIME ZONE %(time_zone)s)"
    offset = f"({local} - ({expression} AT TIME ZONE 'UTC'))"
    hours = "'HH24:MI' || CASE WHEN extract(second FROM {0}) = 0 THEN '' ELSE ':SS' END"
    return (
        f"COALESCE('\"' || to_char({local}, 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN to_char({local}, 'US') = '000000' THEN '' ELSE to_char({local}, '.US') END"
        f" || CASE WHEN {offset} = interval '0' THEN 'Z'"
        f" WHEN {offset} > interval '0'"
        f" THEN '+' || to_char({offset}, {hours.format(offset)})"
        f" ELSE '-' || to_char(-{offset}, {hours.format('-' + offset)}) END || '\"', 'null')"
    )


def _object(values: dict[str, str]) -> str:
    """A JSON object's text from (name, SQL giving the value's JSON text), in that order."""
    parts = []
    for n, (name, value) in enumerate(values.items()):
        parts.append(_literal(("{" if n == 0 else ",") + json.dumps(name) + ":"))
        parts.append(value)
    parts.append("'}'")
    return " || ".join(parts)


def _deadlines(child_id: str) -> str:
    """The child's open deadlines as a JSON array's text, in the feed's order."""
    d = "d"
    item = _object({name: _json(_column(StatutoryDeadline, name, d)) for name in DEADLINE_FIELDS})
    return (
        f"COALESCE((SELECT '[' || string_agg({item}, ',' ORDER BY "  # noqa: S608
        f"{_column(StatutoryDeadline, 'due_on', d)}, {_column(StatutoryDeadline, 'id', d)}) "
        f"|| ']' FROM {_table(StatutoryDeadline)} {d} "
        f"WHERE {_column(StatutoryDeadline, 'child', d)} = {child_id} "
        f"AND {_column(StatutoryDeadline, 'is_open', d)}), '[]')"
    )


def _child_item(c: str) -> str:
    primary_need = (
        f"(SELECT {_column(SenNeed, 'need_type', 'n')} FROM {_table(SenNeed)} n "  # noqa: S608
        f"WHERE {_column(SenNeed, 'child', 'n')} = {_column(Child, 'id', c)} "
        f"AND {_column(SenNeed, 'rank', 'n')} = 1 LIMIT 1)"
    )
    values = {}
    for name in ChildSerializer.Meta.fields:
        if name == "primary_need":
            values[name] = _json(primary_need)
        elif name == "deadlines":
            values[name] = _deadlines(_column(Child, "id", c))
        elif name == "modified_at":
            values[name] = _date_time(_column(Child, name, c))
        else:
            values[name] = _json(_column(Child, name, c))
    return _object(values)


def _partner_scope(partner) -> tuple[str, dict] | None:
    """The children a partner's system may see (api.selectors._partner_children) as a condition
    on `c`, or None for no one."""
    c_id = _column(Child, "id", "c")
    if partner is None:
        return None
    if partner.kind == PartnerKind.COUNCIL:
        return "TRUE", {}
    if partner.kind == PartnerKind.SCHOOL and partner.setting_id:

        def plan(*also: str) -> str:
            return (
                f"EXISTS (SELECT 1 FROM {_table(EHCPlan)} p "  # noqa: S608
                f"WHERE {_column(EHCPlan, 'child', 'p')} = {c_id} "
                f"AND {_column(EHCPlan, 'status', 'p')} = %(in_force)s{''.join(also)})"
            )

        placed = (
            f"EXISTS (SELECT 1 FROM {_table(Placement)} pl "  # noqa: S608
            f"WHERE {_column(Placement, 'child', 'pl')} = {c_id} "
            f"AND {_column(Placement, 'setting', 'pl')} = %(setting)s "
            f"AND {_column(Placement, 'leaving_on', 'pl')} IS NULL)"
        )
        named = plan(f" AND {_column(EHCPlan, 'named_setting', 'p')} = %(setting)s")
        condition = f"({named} OR ({placed} AND {plan()}))"
        return condition, {"in_force": PlanStatus.IN_FORCE.value, "setting": partner.setting_id}
    if partner.kind in (PartnerKind.HEALTH, PartnerKind.SOCIAL_CARE):
        condition = (
            f"EXISTS (SELECT 1 FROM {_table(AssessmentRequest)} r "  # noqa: S608
            f"JOIN {_table(AdviceRequest)} a ON {_column(AdviceRequest, 'request', 'a')} "
            f"= {_column(AssessmentRequest, 'id', 'r')} "
            f"WHERE {_column(AssessmentRequest, 'child', 'r')} = {c_id} "
            f"AND {_column(AdviceRequest, 'partner', 'a')} = %(partner)s)"
        )
        return condition, {"partner": partner.pk}
    return None


_statements: dict[tuple, str] = {}


def _statement(scope: str, *, since: bool, after: bool) -> str:
    key = (scope, since, after)
    if key not in _statements:
        modified_at, pk = _column(Child, "modified_at", "c"), _column(Child, "id", "c")
        conditions = [f"{_column(Child, 'archived_at', 'c')} IS NULL", scope]
        if since:
            conditions.append(f"{modified_at} > %(since)s")
        if after:
            conditions.append(f"({modified_at}, {pk}) > (%(after_at)s, %(after_id)s)")
        # The page's rows first (the LIMIT keeps PostgreSQL from flattening the subquery), then
        # the JSON of those rows only.
        _statements[key] = (
            f"SELECT {pk}, {modified_at}, {_child_item('c')} FROM ("  # noqa: S608
            f"SELECT * FROM {_table(Child)} c WHERE {' AND '.join(conditions)} "
            f"ORDER BY {modified_at}, {pk} LIMIT %(limit)s) c ORDER BY {modified_at}, {pk}"
        )
    return _statements[key]


def builds_children_page(caller) -> bool:
    """Whether `children_page` serves this caller: a partner's system, on PostgreSQL."""
    return caller.client and connections[router.db_for_read(Child)].vendor == "postgresql"


def children_page(*, caller, limit: int, since=None, after=None) -> list[dict]:
    """Up to `limit` children the partner's system may see, in the feed's order (modified_at,
    id), changed after `since` and after the cursor position `after` ((modified_at, id)), each
    as {"id", "modified_at", "json"}."""
    scope = _partner_scope(caller.partner)
    if scope is None:
        return []
    condition, params = scope
    params = {
        **params,
        "limit": limit,
        "since": since,
        "time_zone": timezone.get_current_timezone_name(),
    }
    if after is not None:
        params["after_at"], params["after_id"] = after
    sql = _statement(condition, since=since is not None, after=after is not None)
    with connections[router.db_for_read(Child)].cursor() as cursor:
        cursor.execute(sql, params)
        return [{"id": i, "modified_at": m, "json": j} for i, m, j in cursor.fetchall()]
