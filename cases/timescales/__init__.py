"""The statutory clock: every EHC deadline, its rule and its state, from a case's facts.

Pure: dates in, deadlines and reasons out; no database, no Django. Everything else asks this
module. Sources: Children and Families Act 2014 (CFA), the SEND Regulations 2014 ("reg"), the
SEND Code of Practice (CoP), the Tribunal Procedure (HESC) Rules 2008 (r20); see
shared/domain/statutory-timescales.md.

Counting (section 1): calendar weeks and days; "within N weeks of receiving" excludes the day of
receipt, so the last compliant day is received + 7N days (or + 7N - 1 when the council counts
receipt as day one: `ClockSettings.receipt_day_is_day_one`, applied everywhere the same way).
Months run by corresponding date (31 January + 1 month = 28/29 February). An exception never
restarts, pauses or moves the clock (R (W) v Hertfordshire CC [2023]): it marks the deadline
'excepted'.

Annual reviews (section 5) follow the Act, CFA s44(1): "in the period of 12 months starting with"
the date the plan was first made, then with the date of the last review (its decision notified).
A period starting with a date includes it, so the last day is the day before the same date a year
on (14 May 2025 -> 13 May 2026; 29 February 2024 -> 28 February 2025). The Code of Practice's
"within 12 months" (CoP 9.169) reads one day looser; the clock keeps to the Act, which satisfies
both. `annual_review_due(start=...)` is the only place a review's due date is worked out.

Entry points: `assessment_deadlines`, `review_deadlines`, `appeal_deadlines`,
`tribunal_order_deadlines`, and `case_deadlines` for all of them at once.
"""

from .appeals import (
    ORDER_LIMITS,
    AppealFacts,
    TribunalOrderFacts,
    appeal_deadlines,
    case_deadlines,
    tribunal_order_deadlines,
    tribunal_order_due,
)
from .assessment import (
    AdviceFacts,
    AssessmentFacts,
    assessment_deadlines,
    issued_within_20_weeks,
    week20_flag,
)
from .counting import (
    DEFAULT_SETTINGS,
    ClockSettings,
    days_beginning_with,
    days_within,
    is_working_day,
    months_after,
    next_working_day,
    phase_transfer_due,
    preparing_for_adulthood_applies,
    school_year_group,
    tribunal_deadline,
    weeks_after,
    working_days_after,
)
from .exceptions import (
    ADVICE_REASONS,
    REG_10_REASONS,
    REG_10_STAGES,
    ExceptionFacts,
    exception_refusal,
)
from .reviews import (
    ANNUAL_REVIEW_RULE,
    ReviewFacts,
    annual_review_due,
    review_deadlines,
    under_five_review_due,
)
from .states import OPEN_STATES, STATE_LABELS, Deadline, State, deadline_state, long_date

__all__ = [name for name in dir() if not name.startswith("_")]
