"""A case as the workflow sees it: every record a step's guard, its change and the statutory clock
need, loaded once in a fixed number of queries and then worked on in memory."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from ..models import (
    OPEN_REQUEST_STATUSES,
    AdviceRequest,
    AnnualReview,
    Appeal,
    AppealStatus,
    AssessmentRequest,
    Child,
    EHCPlan,
    PlanStatus,
    ProvisionLink,
    SettingConsultation,
    StatutoryException,
)


@dataclass
class RequestRecords:
    request: AssessmentRequest
    advice: list[AdviceRequest]
    exceptions: list[StatutoryException]
    consultations: list[SettingConsultation] = field(default_factory=list)


@dataclass
class AppealRecords:
    appeal: Appeal
    orders: list


@dataclass
class Case:
    """One child's statutory records. `requests` oldest first; `reviews` oldest first (the
    clock's review periods follow one another); the clock reads the reviews of plans in force."""

    child: Child
    requests: list[RequestRecords]
    plans: list[EHCPlan]
    reviews: list[AnnualReview]
    appeals: list[AppealRecords]
    linked_plan_ids: frozenset = frozenset()  # plans with a Local Offer service linked

    # What the steps act on.
    @property
    def open_request(self) -> AssessmentRequest | None:
        open_ones = [r.request for r in self.requests if r.request.status in OPEN_REQUEST_STATUSES]
        return max(open_ones, key=lambda r: (r.received_on, r.pk or 0), default=None)

    def add_request(self, request: AssessmentRequest) -> None:
        """A request a step creates joins the loaded case, so the clock sees it."""
        self.requests.append(RequestRecords(request=request, advice=[], exceptions=[]))

    def records_of(self, request: AssessmentRequest) -> RequestRecords:
        return next(r for r in self.requests if r.request is request or r.request.pk == request.pk)

    @property
    def plan_in_force(self) -> EHCPlan | None:
        return next((p for p in self.plans if p.status == PlanStatus.IN_FORCE), None)

    @property
    def plan_shown(self) -> EHCPlan | None:
        """The plan the case page shows: the one in force, or else the latest draft."""
        drafts = [p for p in self.plans if p.status == PlanStatus.DRAFT]
        return self.plan_in_force or max(drafts, key=lambda p: p.created_at, default=None)

    @property
    def plan_has_links(self) -> bool:
        plan = self.plan_shown
        return plan is not None and plan.pk in self.linked_plan_ids

    @property
    def open_review(self) -> AnnualReview | None:
        plan = self.plan_in_force
        return next(
            (r for r in self.reviews if plan and r.plan_id == plan.pk and not r.completed), None
        )

    @property
    def open_appeal(self) -> Appeal | None:
        return next(
            (a.appeal for a in self.appeals if a.appeal.status != AppealStatus.CLOSED), None
        )

    @property
    def latest_appeal(self) -> Appeal | None:
        return max(
            (a.appeal for a in self.appeals),
            key=lambda a: (a.decision_notified_on, a.pk or 0),
            default=None,
        )

    def appeal_records(self, appeal: Appeal) -> AppealRecords:
        return next(a for a in self.appeals if a.appeal is appeal or a.appeal.pk == appeal.pk)

    # What the clock reads.
    def clock_requests(self) -> list[tuple]:
        return [(r.request, r.advice, r.exceptions) for r in self.requests]

    def clock_reviews(self) -> list[AnnualReview]:
        return [r for r in self.reviews if r.plan.status == PlanStatus.IN_FORCE]

    def clock_appeals(self) -> list[tuple]:
        return [(a.appeal, a.orders) for a in self.appeals]


def case_load(child: Child) -> Case:
    """Loads a case once: requests with their advice, exceptions and (for open requests) setting
    consultations, plans, the reviews of plans in force, appeals with their orders."""
    requests = [
        RequestRecords(
            request=request,
            advice=list(request.advice.all()),
            exceptions=list(request.exceptions.all()),
            consultations=list(request.consultations.all()),
        )
        for request in AssessmentRequest.objects.filter(child=child)
        .order_by("received_on", "pk")
        .prefetch_related(
            Prefetch("advice", queryset=AdviceRequest.objects.order_by("sent_on", "pk")),
            Prefetch("exceptions", queryset=StatutoryException.objects.select_related("advice")),
            Prefetch(
                "consultations",
                queryset=SettingConsultation.objects.filter(
                    request__status__in=OPEN_REQUEST_STATUSES
                )
                .select_related("setting")
                .order_by("pk"),
            ),
        )
    ]
    for records in requests:
        records.request.child = child
    plans = list(EHCPlan.objects.filter(child=child).order_by("pk"))
    by_pk = {plan.pk: plan for plan in plans}
    reviews = list(AnnualReview.objects.filter(plan__child=child).order_by("pk"))
    for review in reviews:
        review.plan = by_pk[review.plan_id]
        review.plan.child = child
    appeals = [
        AppealRecords(appeal=appeal, orders=list(appeal.orders.all()))
        for appeal in Appeal.objects.filter(child=child)
        .order_by("decision_notified_on", "pk")
        .prefetch_related("orders")
    ]
    for records in appeals:
        records.appeal.child = child
    linked = ProvisionLink.objects.filter(plan__child=child, removed_on__isnull=True)
    return Case(
        child=child,
        requests=requests,
        plans=plans,
        reviews=reviews,
        appeals=appeals,
        linked_plan_ids=frozenset(linked.values_list("plan_id", flat=True)),
    )
