"""Annual and phase-transfer reviews (CFA s44, regs 18-22), one service per step."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User

from .. import timescales
from ..models import AnnualReview, EducationSetting, EHCPlan, PlanStatus, PlanVersion, VersionKind
from ..models.codes import PhaseTransfer, ReviewDecision, ReviewKind
from .common import check_date, long_date, refuse
from .deadlines import clock_settings, review_period_starts
from .plans import sections_clean, version_issue
from .runner import changed, record_update, step_run

TRANSFER_YEAR_REQUIRED = "Enter the calendar year of the phase transfer"
DUE_AFTER_PERIOD = (
    "The review must be completed by {due}, the last day of the 12 months starting with "
    "{start_text} on {start} (CFA s44(1)): enter that date or an earlier one"
)
AMENDMENT_COMMENTS_OPEN = (
    "The family has at least 15 days to comment on the proposed amendments (reg 22(2)): "
    "the amended plan can be issued from {end}."
)


def review_period_start(*, plan: EHCPlan) -> tuple[datetime.date, bool]:
    """The start of the plan's current review period (CFA s44(1)) and whether it is a review
    decision: the last review decision notified, else the date the plan was first made."""
    last = plan.reviews.aggregate(last=Max("decision_notified_on"))["last"]
    return (last, True) if last else (plan.first_issued_on, False)


def _period_start(case, plan: EHCPlan) -> tuple[datetime.date, bool]:
    """`review_period_start` on the loaded case."""
    last = max(
        (
            r.decision_notified_on
            for r in case.reviews
            if r.plan_id == plan.pk and r.decision_notified_on
        ),
        default=None,
    )
    return (last, True) if last else (plan.first_issued_on, False)


def review_schedule(
    *,
    plan: EHCPlan,
    by: User,
    due_on: datetime.date | None = None,
    kind: str = ReviewKind.ANNUAL,
    phase_transfer: str = "",
    transfer_year: int | None = None,
) -> AnnualReview:
    def change(case, plan):
        phase_due = None
        if kind == ReviewKind.PHASE_TRANSFER:
            if not transfer_year:
                refuse(TRANSFER_YEAR_REQUIRED, "transfer_year")
            if phase_transfer not in PhaseTransfer.values:
                refuse("Choose the type of phase transfer", "phase_transfer")
            phase_due = timescales.phase_transfer_due(
                transfer_year,
                post16=phase_transfer == PhaseTransfer.SECONDARY_TO_POST16,
                settings=clock_settings(),
            )
        start, with_review = _period_start(case, plan)
        statutory_due = timescales.annual_review_due(start=start)
        if due_on and due_on > statutory_due:
            refuse(
                DUE_AFTER_PERIOD.format(
                    due=long_date(statutory_due),
                    start_text="the last review decision notified"
                    if with_review
                    else "the plan made",
                    start=long_date(start),
                ),
                "due_on",
            )
        due = due_on or statutory_due
        if phase_due and phase_due < due:
            due = phase_due
        review = AnnualReview(
            plan=plan,
            kind=kind,
            phase_transfer=phase_transfer,
            transfer_year=transfer_year,
            due_on=due,
            phase_transfer_due_on=phase_due,
            preparing_for_adulthood=timescales.preparing_for_adulthood_applies(
                case.child.date_of_birth, due
            ),
        )
        case.reviews.append(review)
        today = timezone.localdate()
        return changed(
            review,
            "review_scheduled",
            f"{review.get_kind_display()} scheduled, to be completed by {long_date(due)}",
            today if due > today else due,
        )

    return step_run("review-schedule", by=by, given=plan, change=change)


def review_meeting_record(
    *,
    review: AnnualReview,
    meeting_on: datetime.date,
    by: User,
    notice_sent_on: datetime.date | None = None,
    papers_sent_on: datetime.date | None = None,
) -> AnnualReview:
    """The review meeting; at least 2 weeks' notice and papers 2 weeks before (reg 20(3)-(4))."""

    def change(case, review):
        for value, label, field in (
            (notice_sent_on, "The date notice was sent", "notice_sent_on"),
            (papers_sent_on, "The date papers were sent", "papers_sent_on"),
        ):
            if value and value > meeting_on:
                refuse(f"{label} cannot be after the meeting", field)
        review.meeting_on = meeting_on
        review.notice_sent_on = notice_sent_on
        review.papers_sent_on = papers_sent_on
        short_notice = notice_sent_on and (meeting_on - notice_sent_on).days < 14
        return changed(
            review,
            "review_meeting_held",
            "Review meeting held" + (" (less than 2 weeks' notice given)" if short_notice else ""),
        )

    return step_run("review-meeting", by=by, given=review, change=change, on=meeting_on)


def review_report_record(*, review: AnnualReview, sent_on: datetime.date, by: User) -> AnnualReview:
    """The review report with recommendations, within 2 weeks of the meeting (reg 20(7))."""
    return record_update(
        "review-report",
        review,
        by=by,
        on=sent_on,
        values={"report_sent_on": sent_on},
        verb="review_report_sent",
        summary="Review report sent",
    )


def review_decide(
    *,
    review: AnnualReview,
    decision: str,
    notified_on: datetime.date,
    by: User,
    proposed_amendments_sent_on: datetime.date | None = None,
) -> AnnualReview:
    """Maintain, amend or cease, notified within 4 weeks of the meeting (reg 20(10)). Proposed
    amendments go out with the decision (R (L, M and P) v Devon CC [2022])."""

    def change(case, review):
        if decision not in ReviewDecision.values:
            refuse("Choose maintain, amend or cease", "decision")
        review.decision = decision
        review.decision_notified_on = notified_on
        review.completed = True
        if decision == ReviewDecision.AMEND:
            sent = proposed_amendments_sent_on or notified_on
            check_date(
                sent,
                label="The date the proposed amendments were sent",
                field="proposed_amendments_sent_on",
                after=(review.meeting_on, "the meeting"),
            )
            review.proposed_amendments_sent_on = sent
        plan = review.plan
        # The next period of 12 months starts with this decision notice (CFA s44(1)(b)).
        plan.next_review_due_on = timescales.annual_review_due(start=notified_on)
        return changed(
            review,
            "review_decided",
            f"Review decision: {review.get_decision_display().lower()}",
            saves=[review, plan],
        )

    return step_run("review-decision", by=by, given=review, change=change, on=notified_on)


def amended_plan_issue(
    *,
    review: AnnualReview,
    issued_on: datetime.date,
    sections: dict,
    by: User,
    named_setting: EducationSetting | None = None,
    named_setting_code: str = "",
    personal_budget_taken_up: bool | None = None,
    organised_arrangements: bool | None = None,
    direct_payments: bool | None = None,
) -> PlanVersion:
    """The final amended plan: within 8 weeks of the proposed amendments, at most 12 weeks from
    the meeting (reg 22(3))."""

    def change(case, review):
        check_date(
            issued_on,
            label="The issue date",
            field="issued_on",
            after=(
                review.proposed_amendments_sent_on,
                "the date the proposed amendments were sent",
            ),
        )
        comments_end = timescales.days_beginning_with(review.proposed_amendments_sent_on, 15)
        if issued_on < comments_end:
            refuse(AMENDMENT_COMMENTS_OPEN.format(end=long_date(comments_end)), "issued_on")
        plan = review.plan
        named = named_setting or named_setting_code
        version = version_issue(
            plan,
            kind=VersionKind.AMENDED,
            issued_on=issued_on,
            sections=sections_clean(sections, require_all=True),
            named_setting=named_setting if named else plan.named_setting,
            named_setting_code=named_setting_code if named else plan.named_setting_code,
            personal_budget_taken_up=_or(personal_budget_taken_up, plan.personal_budget_taken_up),
            organised_arrangements=_or(organised_arrangements, plan.organised_arrangements),
            direct_payments=_or(direct_payments, plan.direct_payments),
        )
        review.amended_plan_issued_on = issued_on
        return changed(
            version,
            "amended_plan_issued",
            f"Amended EHC plan issued (version {version.number})",
            saves=[version, plan, review],
        )

    return step_run("amended-plan", by=by, given=review, change=change, on=issued_on)


def _or(value, otherwise):
    return otherwise if value is None else value


@transaction.atomic
def review_due_dates_recompute(*, plan_ids: list[int]) -> int:
    """Brings the stored review dates of these plans onto the rule (CFA s44(1), through
    `timescales.annual_review_due`), in a fixed number of queries for the batch: each review's
    "to be completed by" date is no later than the last day of its period (an earlier date the
    council chose, or an earlier phase-transfer deadline, stays), and each plan in force is next
    reviewed by the last day of the period starting with its last review decision. Rows that
    move are stamped as modified, so partner systems see them again in the change feed. Returns
    how many reviews and plans moved."""
    now = timezone.now()
    plans = {plan.pk: plan for plan in EHCPlan.objects.filter(pk__in=plan_ids)}
    records = list(AnnualReview.objects.filter(plan_id__in=plans).order_by("plan_id", "pk"))
    for review in records:
        review.plan = plans[review.plan_id]
    moved_reviews = []
    for review, (start, _with_review) in zip(records, review_period_starts(records), strict=True):
        if start is None:  # a plan never issued has no review period
            continue
        due = min(review.due_on, timescales.annual_review_due(start=start))
        if due != review.due_on:
            review.due_on, review.modified_at = due, now
            moved_reviews.append(review)
    last_decision: dict[int, datetime.date] = {}
    for review in records:
        if review.decision_notified_on:
            last_decision[review.plan_id] = max(
                review.decision_notified_on,
                last_decision.get(review.plan_id, review.decision_notified_on),
            )
    moved_plans = []
    for plan in plans.values():
        if plan.status != PlanStatus.IN_FORCE or not plan.first_issued_on:
            continue
        due = timescales.annual_review_due(start=last_decision.get(plan.pk, plan.first_issued_on))
        if plan.next_review_due_on != due:
            plan.next_review_due_on, plan.modified_at = due, now
            moved_plans.append(plan)
    AnnualReview.objects.bulk_update(moved_reviews, ["due_on", "modified_at"], batch_size=1000)
    EHCPlan.objects.bulk_update(moved_plans, ["next_review_due_on", "modified_at"], batch_size=1000)
    return len(moved_reviews) + len(moved_plans)
