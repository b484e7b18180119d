"""Demo cases: a realistic synthetic council, deterministic by seed, 100,000 children in about
a minute or two.

Children and young people aged 0-25 with primary needs in the national shares, settings with
URNs, requests at every stage, plans in force with reviews due, some deadlines missed, some
exceptions. Synthetic names only; UPNs and ULNs carry valid check characters.

Each batch of children is made whole in memory - every record with its primary key, the stored
deadlines and the due dates held on the records from the clock (`compute_deadline_rows`, as
`deadlines_refresh` computes them) - and then each table is written once (`demo.bulk`): COPY on
PostgreSQL, one INSERT per table elsewhere; nothing is updated afterwards.
"""

import datetime
import gc
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from cases import identifiers, timescales
from cases.models import (
    AdviceRequest,
    AnnualReview,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    ParentCarer,
    Placement,
    PlanStatus,
    PlanVersion,
    SenNeed,
    StatutoryDeadline,
    StatutoryException,
    TimelineEvent,
    VersionKind,
)
from cases.models.codes import Ethnicity, PhaseTransfer, ReviewKind, SettingKind
from cases.services import deadlines as deadline_service

from . import clock, steps
from .bulk import Maker, Table, indexes_built_after, next_ids, sequences_reset
from .council import NEED_SHARES, STAGES, _age_years, _sections, _settings
from .fake import progress_bar

BATCH = 5_000
REBUILD_INDEXES_FROM = 20_000  # children: below this, keeping the indexes up as rows go is quicker
KEYED = (Child, AssessmentRequest, AdviceRequest, StatutoryException, EHCPlan, AnnualReview)
UNKEYED = (SenNeed, ParentCarer, Placement, PlanVersion, StatutoryDeadline, TimelineEvent)
# Written in this order: each table after those it refers to.
TABLES = (
    Child,
    SenNeed,
    ParentCarer,
    Placement,
    AssessmentRequest,
    AdviceRequest,
    StatutoryException,
    EHCPlan,
    PlanVersion,
    AnnualReview,
    StatutoryDeadline,
    TimelineEvent,
)
POOL = 1000  # names, postcodes, phone numbers and e-mail addresses drawn from Faker up front


class Pools:
    """Faker's values drawn once (seeded) and then chosen from with the seeded random generator:
    a million Faker calls would take longer than everything else."""

    def __init__(self, *, rng, faker):
        person = faker.provider("faker.providers.person")
        self.female = list(person.first_names_female)
        self.male = list(person.first_names_male)
        self.surnames = list(person.last_names)
        self.postcodes = [faker.postcode() for _ in range(POOL)]
        self.phones = [faker.phone_number() for _ in range(POOL)]
        self.emails = [faker.email() for _ in range(POOL)]
        self.carers = [faker.name() for _ in range(POOL)]


class Council:
    """What every case is drawn from, and the makers and tables of the batch being built."""

    def __init__(self, *, rng, faker, context: dict, children: int):
        self.rng = rng
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.clock = deadline_service.clock_settings()
        self.pools = Pools(rng=rng, faker=faker)
        self.teams = context["teams"]
        self.caseworkers = {
            team.pk: [u.pk for u in context["caseworkers"][team.pk]] for team in self.teams
        }
        settings_rows = _settings(rng=rng, faker=faker, children=children)
        self.early_years = [s for s in settings_rows if s.kind == SettingKind.EARLY_YEARS]
        college = [s for s in settings_rows if s.kind == SettingKind.COLLEGE]
        schools = [s for s in settings_rows if s.kind == SettingKind.SCHOOL]
        self.special = [s for s in schools if s.setting_type.startswith("special")]
        self.mainstream = [s for s in schools if not s.setting_type.startswith("special")]
        self.post16 = college + self.special
        ids = next_ids(KEYED)
        self.makers = {model: Maker(model, next_id=ids[model]) for model in KEYED}
        self.makers.update({model: Maker(model) for model in UNKEYED})
        self.tables = {
            model: Table(model, with_ids=model in KEYED, now=self.now) for model in TABLES
        }
        self.ethnicities = list(Ethnicity.values[:10])
        self.need_codes = [code for code, _share in NEED_SHARES]
        self.need_weights = [share for _code, share in NEED_SHARES]
        self.stage_codes = [code for code, _share in STAGES]
        self.stage_weights = [share for _code, share in STAGES]
        self.serial = rng.randrange(1, 500)

    def make(self, model, fields_cache=None, **values):
        obj = self.makers[model].make(fields_cache, **values)
        self.tables[model].add(obj)
        return obj

    def setting_for(self, age: float) -> EducationSetting:
        rng = self.rng
        if age < 4:
            return rng.choice(self.early_years)
        if age >= 16:
            return rng.choice(self.post16)
        return rng.choice(self.special if rng.random() < 0.38 else self.mainstream)

    def records_taken(self) -> dict:
        """{model: the records made since last taken}: a batch's, set aside to be written once
        its deadlines are known, while the next batch is made."""
        taken = {}
        for model, table in self.tables.items():
            taken[model], table.records = table.records, []
        return taken

    def write(self, records: dict, ready: dict) -> None:
        """Writes each table of a batch once: the clock's four tables as the clock left them
        (`ready`, formatted rows), the others from the batch's records."""
        for model in TABLES:
            table = self.tables[model]
            if model in ready:
                table.write_rows(ready[model])
            else:
                table.write_rows(table.format(records[model]))


def _child(council: Council):
    rng, pools, today = council.rng, council.pools, council.today
    age = _age_years(rng)
    dob = today - datetime.timedelta(days=int(age * 365.25))
    team = rng.choice(council.teams)
    council.serial += 1
    serial = council.serial
    sex = rng.choice("FMM")
    forename = rng.choice(pools.female if sex == "F" else pools.male)
    makers = council.makers[Child]
    child = council.make(
        Child,
        reference=f"SEND-{makers.next_id:07d}",
        forename=forename,
        surname=rng.choice(pools.surnames),
        date_of_birth=dob,
        sex=sex,
        ethnicity=rng.choice(council.ethnicities),
        postcode=rng.choice(pools.postcodes),
        upn=identifiers.make_upn(
            la=801, establishment=2000 + serial % 900, year=(dob.year + 5) % 100, serial=serial
        )
        if age >= 4
        else "",
        upn_unknown_reason="" if age >= 4 else "UN1",
        uln=identifiers.make_uln(f"{(400000000 + serial * 7919) % 1000000000:09d}")
        if age >= 14
        else "",
        looked_after=rng.random() < 0.06,
        child_in_need=rng.random() < 0.1,
        team_id=team.pk,
        lead_caseworker_id=rng.choice(council.caseworkers[team.pk]),
    )
    return child, age


def _family_and_setting(council: Council, child, age: float):
    rng, pools, today = council.rng, council.pools, council.today
    need = rng.choices(council.need_codes, weights=council.need_weights)[0]
    council.make(SenNeed, child_id=child.id, need_type=need, rank=1)
    if rng.random() < 0.3:
        others = [(c, w) for c, w in NEED_SHARES if c != need]
        second = rng.choices([c for c, _w in others], weights=[w for _c, w in others])[0]
        council.make(SenNeed, child_id=child.id, need_type=second, rank=2)
    council.make(
        ParentCarer,
        child_id=child.id,
        name=rng.choice(pools.carers),
        relationship=rng.choice(("mother", "father", "carer", "grandparent")),
        phone=rng.choice(pools.phones),
        email=rng.choice(pools.emails),
        contact_consent=rng.random() < 0.9,
    )
    setting = council.setting_for(age)
    council.make(
        Placement,
        child_id=child.id,
        setting_id=setting.pk,
        entry_on=max(
            child.date_of_birth + datetime.timedelta(days=365 * 3),
            today - datetime.timedelta(days=rng.randrange(30, 1500)),
        ),
        in_resourced_provision=setting.has_resourced_provision and rng.random() < 0.5,
    )
    return need, setting


def _plan(council: Council, child, request, *, stage: str, need: str, setting):
    """The plan made from the request (draft, in force or ceased), its versions and reviews."""
    rng, today = council.rng, council.today
    values = {"status": PlanStatus.DRAFT}
    if request.final_issued_on:
        budget = rng.random() < 0.08
        direct = budget and rng.random() < 0.5
        values = {
            "status": PlanStatus.IN_FORCE,
            "first_issued_on": request.final_issued_on,
            "personal_budget_taken_up": budget,
            "direct_payments": direct,
            "organised_arrangements": budget and not direct,
        }
        if stage == "ceased":
            values["status"] = PlanStatus.CEASED
            values["ceased_on"] = min(
                today, request.final_issued_on + datetime.timedelta(days=rng.randrange(200, 900))
            )
            values["cease_reason"] = rng.choice(("2", "3", "4", "5", "6"))
    plan = council.make(
        EHCPlan, child_id=child.id, request_id=request.id, named_setting_id=setting.pk, **values
    )
    sections = _sections(rng, need, setting)
    common = {"plan_id": plan.id, "sections": sections, "named_setting_id": setting.pk}
    council.make(
        PlanVersion, number=1, kind=VersionKind.DRAFT, issued_on=request.draft_served_on, **common
    )
    if not plan.first_issued_on:
        return []
    council.make(
        PlanVersion,
        number=2,
        kind=VersionKind.FINAL,
        issued_on=plan.first_issued_on,
        personal_budget_taken_up=plan.personal_budget_taken_up,
        direct_payments=plan.direct_payments,
        organised_arrangements=plan.organised_arrangements,
        **common,
    )
    if plan.status != PlanStatus.IN_FORCE:
        return []
    cache = {"plan": plan}
    history, due = steps.completed_reviews(rng, first_issued_on=plan.first_issued_on, today=today)
    reviews = [council.make(AnnualReview, cache, plan_id=plan.id, **r) for r in history]
    plan.next_review_due_on = due
    reviews.append(_open_review(council, child, plan, due))
    return reviews


def _open_review(council: Council, child, plan, due: datetime.date):
    rng, today = council.rng, council.today
    year = timescales.school_year_group(child.date_of_birth, today)
    transfer = None
    if year in (6, 11) and today.month >= 9:
        transfer = (
            PhaseTransfer.PRIMARY_TO_SECONDARY if year == 6 else PhaseTransfer.SECONDARY_TO_POST16
        )
    values = {
        "due_on": due,
        "kind": ReviewKind.PHASE_TRANSFER if transfer else ReviewKind.ANNUAL,
        "phase_transfer": transfer or "",
        "transfer_year": today.year + 1 if transfer else None,
        "phase_transfer_due_on": timescales.phase_transfer_due(
            today.year + 1,
            post16=transfer == PhaseTransfer.SECONDARY_TO_POST16,
            settings=council.clock,
        )
        if transfer
        else None,
        "preparing_for_adulthood": timescales.preparing_for_adulthood_applies(
            child.date_of_birth, due
        ),
    }
    if due < today + datetime.timedelta(days=40) and rng.random() < 0.5:
        meeting = min(today, due - datetime.timedelta(days=rng.randrange(0, 30)))
        values.update(meeting_on=meeting, notice_sent_on=meeting - datetime.timedelta(days=14))
    return council.make(AnnualReview, {"plan": plan}, plan_id=plan.id, **values)


def _case(council: Council) -> tuple:
    """One child and everything recorded about them (their deadlines come after, in bulk)."""
    rng, today = council.rng, council.today
    child, age = _child(council)
    need, setting = _family_and_setting(council, child, age)
    stage = rng.choices(council.stage_codes, weights=council.stage_weights)[0]
    values = steps.request_values(rng, dob=child.date_of_birth, stage=stage, today=today)
    request = council.make(AssessmentRequest, child_id=child.id, **values)
    advice, exceptions = [], []
    if request.decided_to_assess:
        for item in steps.advice_values(rng, values, setting_name=setting.name, today=today):
            advice.append(council.make(AdviceRequest, request_id=request.id, **item))
        exception = steps.exception_values(rng, values, today=today)
        if exception:
            exceptions.append(council.make(StatutoryException, request_id=request.id, **exception))
            request.exception_applied = True
    reviews = []
    if request.draft_served_on:
        reviews = _plan(council, child, request, stage=stage, need=need, setting=setting)
    actor = child.lead_caseworker_id
    for verb, on in steps.steps(values):
        council.make(
            TimelineEvent,
            child_id=child.id,
            verb=verb,
            summary=steps.STEP_SUMMARIES[verb],
            happened_on=on,
            actor_id=actor,
            payload={},
        )
    return child, request, advice, exceptions, reviews


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for the load: it walks every record held in memory
    again and again as millions are made, and was about a third of the loader's time. The
    records hold no reference cycles (each is freed as its batch is written), so nothing waits
    for it; it runs once at the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


@transaction.atomic
def build_cases(
    *, rng, faker, context: dict, children: int, progress: bool = True, jobs: int = 0
) -> None:
    council = Council(rng=rng, faker=faker, context=context, children=children)
    jobs = jobs or clock.default_jobs()
    bar = progress_bar(total=children, enabled=progress)
    with (
        collector_paused(),
        clock.clock_settings_held(council.clock),
        indexes_built_after(TABLES, enabled=children >= REBUILD_INDEXES_FROM),
    ):
        # Batch by batch, the worker processes run the clock on one batch while this process
        # makes the next and writes the one before.
        waiting = None  # (records, the clock's job) of the batch made last, not yet written
        try:
            for start in range(0, children, BATCH):
                size = min(BATCH, children - start)
                cases = [_case(council) for _ in range(size)]
                records = council.records_taken()
                ready = waiting[1].rows() if waiting else None
                job = clock.ClockJob(cases, council.tables, today=council.today, jobs=jobs)
                if waiting:
                    council.write(waiting[0], ready)
                    if bar:
                        bar.update(len(waiting[0][Child]))
                waiting = (records, job)
            if waiting:
                council.write(waiting[0], waiting[1].rows())
                if bar:
                    bar.update(len(waiting[0][Child]))
        finally:
            if waiting:
                waiting[1].stop()
    if bar:
        bar.close()
    sequences_reset(KEYED + (EducationSetting,))
