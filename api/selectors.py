"""Reads for the partner API, each scoped to what the caller may see (`api.access.Caller`):
a school its own pupils with plans, a health or social care partner the children it was asked
for advice about, council systems everyone, staff in a browser what their case pages show.
Never a child whose record is archived, nor anything recorded about them."""

import hashlib
import uuid
from collections import defaultdict

from django.core.cache import cache
from django.db.models import (
    DateTimeField,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce

from alerts.models import Alert
from cases import models as cases
from cases.models import Child, PartnerKind, PlanStatus, StatutoryDeadline
from cases.selectors import children_visible_to
from panels.models import Decision

from .models import IdempotencyKey

DEADLINE_ORDER = ("due_on", "id")


def children_for(*, caller) -> QuerySet[Child]:
    if not caller.client:
        return children_visible_to(user=caller.user)
    return _partner_children(caller.partner).filter(archived_at__isnull=True)


def _partner_children(partner) -> QuerySet[Child]:
    if partner is None:
        return Child.objects.none()
    if partner.kind == PartnerKind.COUNCIL:
        return Child.objects.all()
    if partner.kind == PartnerKind.SCHOOL and partner.setting_id:
        return Child.objects.filter(
            Q(plans__status=PlanStatus.IN_FORCE, plans__named_setting_id=partner.setting_id)
            | Q(
                placements__setting_id=partner.setting_id,
                placements__leaving_on__isnull=True,
                plans__status=PlanStatus.IN_FORCE,
            )
        ).distinct()
    if partner.kind in (PartnerKind.HEALTH, PartnerKind.SOCIAL_CARE):
        return Child.objects.filter(requests__advice__partner=partner).distinct()
    return Child.objects.none()


def child_rows(*, caller, fields) -> QuerySet:
    """The children as plain rows (dicts of these stored fields) with their primary need, for a
    page of the feed: no model instance is built for a child, nor a query made for their
    needs."""
    primary_need = cases.SenNeed.objects.filter(child_id=OuterRef("pk"), rank=1).values(
        "need_type"
    )[:1]
    return (
        children_for(caller=caller)
        .annotate(primary_need=Subquery(primary_need))
        .values(*fields, "primary_need")
    )


def no_children() -> QuerySet[Child]:
    return Child.objects.none()


def open_deadline_rows(*, child_ids, fields) -> dict[int, list[dict]]:
    """The open statutory deadlines of these children, as rows (these fields) by child: one
    query, filtered in the database (closed deadlines are most of them and are never read)."""
    by_child = defaultdict(list)
    rows = (
        StatutoryDeadline.objects.filter(is_open=True, child_id__in=child_ids)
        .order_by(*DEADLINE_ORDER)
        .values("child_id", *fields)
    )
    for row in rows:
        by_child[row["child_id"]].append(row)
    return by_child


def children_with_deadlines(*, caller) -> QuerySet[Child]:
    """The children as model instances (one child's record), with their needs and their open
    deadlines (as `open_deadlines`) read in two more queries."""
    return children_for(caller=caller).prefetch_related(
        "sen_needs",
        Prefetch(
            "deadlines",
            queryset=StatutoryDeadline.objects.filter(is_open=True).order_by(*DEADLINE_ORDER),
            to_attr="open_deadlines",
        ),
    )


def _about(model, child_path: str, *, caller, related: tuple[str, ...] = ()) -> QuerySet:
    """Records of `model` about the children the caller may see, with their child."""
    records = model.objects.filter(**{f"{child_path}__in": children_for(caller=caller)})
    return records.select_related(child_path, *related)


def requests_for(*, caller) -> QuerySet[cases.AssessmentRequest]:
    return _about(cases.AssessmentRequest, "child", caller=caller).prefetch_related(
        "child__deadlines"
    )


def request_get(*, caller, pk) -> cases.AssessmentRequest:
    return requests_for(caller=caller).get(pk=pk)


def advice_for(*, caller) -> QuerySet[cases.AdviceRequest]:
    """Council systems and staff see all advice about the children they see; an advice-giving
    partner only the advice asked of it."""
    advice = _about(cases.AdviceRequest, "request__child", caller=caller)
    partner = caller.partner
    if partner is not None and partner.kind != PartnerKind.COUNCIL:
        advice = advice.filter(partner=partner)
    return advice


def advice_locked(*, advice: QuerySet, pk) -> cases.AdviceRequest:
    """The advice request, locked until the end of the transaction (another submission waits)."""
    return advice.select_for_update(of=("self",)).get(pk=pk)


def advice_reread(advice: cases.AdviceRequest) -> cases.AdviceRequest:
    advice.refresh_from_db()
    return advice


def plans_for(*, caller) -> QuerySet[cases.EHCPlan]:
    current_links = cases.ProvisionLink.objects.filter(removed_on__isnull=True)
    return _about(cases.EHCPlan, "child", caller=caller).prefetch_related(
        "versions__named_setting",
        Prefetch(
            "provision_links",
            queryset=current_links.select_related("service"),
            to_attr="current_provision_links",
        ),
    )


def reviews_for(*, caller) -> QuerySet[cases.AnnualReview]:
    return _about(cases.AnnualReview, "plan__child", caller=caller).prefetch_related(
        "plan__child__deadlines"
    )


def decisions_for(*, caller) -> QuerySet[Decision]:
    """Confirmed decisions only: one recorded but not yet confirmed by the chair is not a
    decision yet. They have no modified time: confirmed is their last change."""
    decisions = _about(
        Decision, "item__child", caller=caller, related=("item__meeting__panel_type", "setting")
    )
    return decisions.filter(confirmed_at__isnull=False).annotate(modified_at=F("confirmed_at"))


class DayStart(Func):
    """The first moment (UTC) of a date, as the database stores a date-time.

    The change feed's cursor compares it for equality, so it must be stored exactly as Django
    writes the same moment. SQLite keeps date-times as text: Cast gives
    "2025-03-03 00:00:00.000", which never equals the "2025-03-03 00:00:00" Django writes, so
    the keyset would never move past a day's alerts. SQLite's datetime() gives Django's form."""

    arity = 1
    output_field = DateTimeField()

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(Cast(self.source_expressions[0], DateTimeField()))

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="datetime(%(expressions)s)")


def alerts_for(*, caller) -> QuerySet[Alert]:
    """Council systems see every alert about a child whose record is not archived; staff the
    alerts about the children they can see. Alerts have no modified time: closed, or else the
    day raised, is their last change."""
    alerts = Alert.objects.filter(child__archived_at__isnull=True)
    if caller.partner is None:
        alerts = alerts.filter(child__in=children_for(caller=caller))
    return alerts.annotate(
        modified_at=Coalesce("closed_at", DayStart("created_on"))
    ).select_related("child")


def settings_all() -> QuerySet[cases.EducationSetting]:
    return cases.EducationSetting.objects.all()


def idempotency_key_find(*, application, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(application=application, key=key).first()


# Pages of the settings feed are the same for every caller: kept in the shared cache, and
# dropped when a setting is saved or deleted (a new generation), or after SETTINGS_PAGE_SECONDS
# for a change written without the model (a bulk update).
SETTINGS_GENERATION_KEY = "api:settings-generation"
SETTINGS_PAGE_SECONDS = 60


def settings_changed(**kwargs) -> None:
    cache.set(SETTINGS_GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def settings_page_cached(address: str, build):
    """The page for this address (path and query), from the cache or built by `build()`."""
    key = "api:settings-page:" + hashlib.sha256(address.encode()).hexdigest()
    found = cache.get_many([SETTINGS_GENERATION_KEY, key])
    generation = found.get(SETTINGS_GENERATION_KEY)
    kept = found.get(key)
    if kept is not None and kept[0] == generation:
        return kept[1]
    page = build()
    cache.set(key, (generation, page), timeout=SETTINGS_PAGE_SECONDS)
    return page
