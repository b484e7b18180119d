import datetime
import hashlib
import json
import re

import django_filters
from django import forms
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, F, Func, Prefetch, Q
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response

from alerts.models import Alert
from cases.models import (
    AdviceRequest,
    AnnualReview,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    PartnerKind,
    ProvisionLink,
    RecordAccess,
    StatutoryDeadline,
)
from cases.selectors import children_visible_to
from cases.services.requests import advice_record, assessment_request_create
from panels.models import Decision

from . import serializers as s
from .access import (
    STAFF,
    PartnerKindAllowed,
    ScopedResource,
    children_for,
    client_label,
    partner_for,
)
from .errors import error, precondition_failed
from .models import IdempotencyKey


class StrictFilterForm(forms.Form):
    """A filter sent empty is an error, not 'no filter'."""

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name in self.data and self.data.get(name) in ("", None):
                self.add_error(name, f"{name} cannot be empty: leave it out, or give a value")
        return cleaned


class UtcDateTimeField(IsoDateTimeField):
    """A date-time normalised to UTC: an offset the database cannot store (beyond ±15:59), or a
    moment outside the years 1-9999 once in UTC, is a 400, not a database error."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("Give a date-time between the years 1 and 9999")


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class ChangeFilter(django_filters.FilterSet):
    modified_since = UtcDateTimeFilter(
        field_name="modified_at",
        lookup_expr="gt",
        help_text="Only records changed after this date-time (ISO 8601)",
    )

    class Meta:
        form = StrictFilterForm


class AlertChangeFilter(ChangeFilter):
    modified_since = UtcDateTimeFilter(
        method="changed_since",
        help_text="Only alerts closed after this date-time, or raised on or after its date "
        "(alerts are raised by the nightly check and dated by day, so an alert raised that day "
        "may come again: use its id to tell)",
    )

    def changed_since(self, queryset, name, value):
        try:
            day = timezone.localtime(value).date()
        except OverflowError:  # the first or last moments the calendar holds
            day = datetime.date.min if value.year == 1 else datetime.date.max
        return queryset.filter(Q(closed_at__gt=value) | Q(created_on__gte=day))


class Resource:
    access = "api"
    filter_backends = [DjangoFilterBackend]  # the change feed has one order: no ?ordering=
    lookup_value_regex = "[^/]+"  # any id reaches the API, which answers 404 in its own format
    permission_classes = [ScopedResource, PartnerKindAllowed]
    filterset_class = ChangeFilter
    resource = ""
    # Who may read or write at all, by partner kind (and STAFF): see PartnerKindAllowed.
    partner_kinds: dict[str, set[str]] = {}
    partner_kinds_refusal = ""

    def check_permissions(self, request):
        """A method the resource does not offer is a 405 for anyone signed in, whatever their
        scopes: 'you may not' and 'there is no such thing' are different answers."""
        method = request.method.lower()
        signed_in = request.auth is not None or getattr(request.user, "is_authenticated", False)
        if signed_in and (method not in self.http_method_names or not hasattr(self, method)):
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        # Children's personal data: no browser, proxy or gateway keeps a copy.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    # Partner systems carry a token, not a session: DRF authenticates them, not the sign-in page.
    dispatch.login_required = False

    def log_reads(self, child_ids, what: str) -> None:
        """Every read of a child's record is attributable, in one insert per page."""
        user = self.request.user if getattr(self.request.user, "is_authenticated", False) else None
        RecordAccess.objects.bulk_create(
            RecordAccess(
                child_id=pk,
                user=user,
                client_label=client_label(self.request),
                channel=RecordAccess.Channel.API,
                what=what,
            )
            for pk in set(child_ids)
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.log_reads(
            self._child_ids(getattr(self, "_page_objects", [])), f"api {self.resource} list"
        )
        return response

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._page_objects = page or []
        return page

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.log_reads(self._child_ids([instance]), f"api {self.resource}")
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag_for(instance)
        return response

    def _child_ids(self, objects):
        return []


def etag_for(instance) -> str:
    """A strong validator over every stored field: any change to the record changes it."""
    state = json.dumps(
        {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields},
        default=str,
        sort_keys=True,
    )
    return '"' + hashlib.sha256(state.encode()).hexdigest()[:32] + '"'


class ChildViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Children and young people, with their open statutory deadlines."""

    queryset = Child.objects.none()  # for the schema; get_queryset scopes it
    resource = "children"
    serializer_class = s.ChildSerializer
    lookup_field = "reference"

    def get_queryset(self):
        return children_for(self.request).prefetch_related(
            "sen_needs",
            Prefetch(
                "deadlines",
                queryset=StatutoryDeadline.objects.filter(is_open=True),
                to_attr="open_deadlines",
            ),
        )

    def _child_ids(self, objects):
        return [c.pk for c in objects]


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Any unique value (a UUID is best), so that the request can be retried safely: "
    "the same key with the same body returns the first response and creates nothing more; the "
    "same key with a different body is refused with 422. 1 to 255 visible ASCII characters.",
    pattern=r"^[!-~]{1,255}$",
)
IDEMPOTENCY_KEY_PATTERN = re.compile(r"[!-~]{1,255}")
KEY_REUSED = (
    "This Idempotency-Key was used for a different request: send a new key with a new request"
)


def request_hash(request) -> str:
    """The request as sent, up to JSON formatting: method, path and the parsed body."""
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def replay(stored: IdempotencyKey, digest: str) -> Response:
    if stored.request_hash != digest:
        return error(
            status.HTTP_422_UNPROCESSABLE_ENTITY,
            KEY_REUSED,
            {"Idempotency-Key": [KEY_REUSED]},
        )
    response = Response(stored.response_body, status=stored.response_status)
    response["Idempotent-Replayed"] = "true"
    return response


class RequestViewSet(Resource, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Requests for an EHC needs assessment and their deadlines, states and explanations; a
    council system records a new request."""

    queryset = AssessmentRequest.objects.none()  # for the schema; get_queryset scopes it
    resource = "requests"
    serializer_class = s.RequestSerializer
    partner_kinds = {"write": {PartnerKind.COUNCIL}}
    partner_kinds_refusal = "Only the council's own systems may record a request"

    def get_queryset(self):
        return (
            AssessmentRequest.objects.filter(child__in=children_for(self.request))
            .select_related("child")
            .prefetch_related("child__deadlines")
        )

    def _child_ids(self, objects):
        return [r.child_id for r in objects]

    @extend_schema(
        request=s.RequestCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: s.RequestSerializer},
    )
    def create(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is not None and not IDEMPOTENCY_KEY_PATTERN.fullmatch(key):
            raise ValidationError(
                {"Idempotency-Key": ["Give 1 to 255 visible ASCII characters, such as a UUID"]}
            )
        digest = request_hash(request)
        application = request.auth.application
        if key is not None:
            stored = IdempotencyKey.objects.filter(application=application, key=key).first()
            if stored is not None:
                return replay(stored, digest)
        submitted = s.RequestCreateSerializer(
            data=request.data, context={"children": children_for(request)}
        )
        submitted.is_valid(raise_exception=True)
        with transaction.atomic():
            if key is not None:
                # Claimed first: the same key sent twice at once waits here for the first.
                try:
                    with transaction.atomic():
                        stored = IdempotencyKey.objects.create(
                            application=application,
                            key=key,
                            request_hash=digest,
                            response_status=0,
                            response_body={},
                        )
                except IntegrityError:
                    return replay(
                        IdempotencyKey.objects.get(application=application, key=key), digest
                    )
            created = assessment_request_create(
                by=request.user if getattr(request.user, "is_authenticated", False) else None,
                actor_label=client_label(request),
                **submitted.validated_data,
            )
            created = self.get_queryset().get(pk=created.pk)
            body = s.RequestSerializer(created).data
            if key is not None:
                stored.response_status = status.HTTP_201_CREATED
                stored.response_body = body
                stored.save(update_fields=["response_status", "response_body"])
        response = Response(body, status=status.HTTP_201_CREATED)
        response["Location"] = reverse("api:request-detail", args=[created.pk])
        return response


class AdviceViewSet(Resource, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Advice requests; an advice-giving system submits its advice and the date it received the request."""

    queryset = AdviceRequest.objects.none()  # for the schema; get_queryset scopes it
    resource = "advice"
    serializer_class = s.AdviceSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        advice = AdviceRequest.objects.filter(
            request__child__in=children_for(self.request)
        ).select_related("request__child")
        partner = partner_for(self.request)
        if partner is not None and partner.kind != "council":
            advice = advice.filter(partner=partner)
        return advice

    def _child_ids(self, objects):
        return [a.request.child_id for a in objects]

    @extend_schema(request=s.AdviceSubmitSerializer, responses=s.AdviceSerializer)
    def partial_update(self, request, *args, **kwargs):
        submitted = s.AdviceSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        with transaction.atomic():
            advice = (
                self.get_queryset().select_for_update(of=("self",)).get(pk=self.get_object().pk)
            )
            if_match = request.headers.get("If-Match")
            if not if_match:
                return precondition_failed(required=True)
            if if_match != etag_for(advice):
                return precondition_failed()
            advice = advice_record(
                advice=advice,
                by=request.user if getattr(request.user, "is_authenticated", False) else None,
                actor_label=client_label(request),
                **submitted.validated_data,
            )
        advice.refresh_from_db()
        response = Response(s.AdviceSerializer(advice).data)
        response["ETag"] = etag_for(advice)
        return response


class PlanViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """EHC plans: the current version with its sections, and earlier versions."""

    queryset = EHCPlan.objects.none()  # for the schema; get_queryset scopes it
    resource = "plans"
    serializer_class = s.PlanSerializer

    def get_queryset(self):
        return (
            EHCPlan.objects.filter(child__in=children_for(self.request))
            .select_related("child")
            .prefetch_related(
                "versions__named_setting",
                Prefetch(
                    "provision_links",
                    queryset=ProvisionLink.objects.filter(removed_on__isnull=True).select_related(
                        "service"
                    ),
                    to_attr="current_provision_links",
                ),
            )
        )

    def _child_ids(self, objects):
        return [p.child_id for p in objects]


class SettingViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    resource = "settings"
    serializer_class = s.SettingSerializer
    queryset = EducationSetting.objects.all()


class ReviewViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Annual and phase-transfer reviews of EHC plans, with their statutory deadlines."""

    queryset = AnnualReview.objects.none()  # for the schema; get_queryset scopes it
    resource = "reviews"
    serializer_class = s.ReviewSerializer

    def get_queryset(self):
        return (
            AnnualReview.objects.filter(plan__child__in=children_for(self.request))
            .select_related("plan__child")
            .prefetch_related("plan__child__deadlines")
        )

    def _child_ids(self, objects):
        return [r.plan.child_id for r in objects]


class PanelDecisionViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Confirmed decisions of multi-agency panels. A decision recorded but not yet confirmed by
    the chair is not a decision yet, and is not shown."""

    queryset = Decision.objects.none()  # for the schema; get_queryset scopes it
    resource = "panel_decisions"
    serializer_class = s.PanelDecisionSerializer

    def get_queryset(self):
        # Decisions have no modified time; confirmed is their last change, so the feed runs on it.
        return (
            Decision.objects.filter(
                confirmed_at__isnull=False, item__child__in=children_for(self.request)
            )
            .annotate(modified_at=F("confirmed_at"))
            .select_related("item__child", "item__meeting__panel_type", "setting")
        )

    def _child_ids(self, objects):
        return [d.item.child_id for d in objects]


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


class AlertViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Alerts raised by the nightly statutory checks: for the council's own systems, and staff
    signed in (alerts about the children they can see)."""

    queryset = Alert.objects.none()  # for the schema; get_queryset scopes it
    resource = "alerts"
    serializer_class = s.AlertSerializer
    filterset_class = AlertChangeFilter
    partner_kinds = {"read": {PartnerKind.COUNCIL, STAFF}}
    partner_kinds_refusal = "Alerts are for the council's own systems only"

    def get_queryset(self):
        alerts = Alert.objects.filter(child__archived_at__isnull=True)
        if partner_for(self.request) is None:
            alerts = alerts.filter(child__in=children_visible_to(user=self.request.user))
        # Alerts have no modified time: closed, or else the day raised, is their last change.
        return alerts.annotate(
            modified_at=Coalesce("closed_at", DayStart("created_on"))
        ).select_related("child")

    def _child_ids(self, objects):
        return [a.child_id for a in objects]
