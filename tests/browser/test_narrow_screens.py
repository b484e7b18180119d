"""Every page type at 375 px, as the role that uses it: nothing scrolls sideways and axe finds
nothing at WCAG 2.2 AA. One test for each page (the forms also with an error shown), so a page
that breaks on a phone is named by the test that fails."""

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts import roles
from cases.views.steps import STEP_FORMS
from tests.cases import factories
from tests.conftest import make_user

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = datetime.date.today()
WIDTH = 375
# Set NARROW_SCREENSHOTS=/some/folder to keep pictures of each page as the test left it, at
# 375 px and 1280 px.
SHOTS = os.environ.get("NARROW_SCREENSHOTS", "")
# Long words are where a phone overflows: a double-barrelled name, a long email address.
LONG_FORENAME = "Maximilian-Alexander"
LONG_SURNAME = "Montgomery-Fitzwilliam-Worthington"


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


class World:
    """What the pages need, built the first time a page asks for it."""

    def __init__(self, request):
        self.request = request
        self.people = request.getfixturevalue("people")
        self.team = request.getfixturevalue("team")
        self._built: dict[str, object] = {}

    def _once(self, name: str, build: Callable):
        if name not in self._built:
            self._built[name] = build()
        return self._built[name]

    @property
    def caseworker(self):
        return self.people[roles.CASEWORKER]

    def child(self, surname: str = LONG_SURNAME, **extra):
        return factories.child(
            by=self.caseworker,
            team=self.team,
            caseworker=self.caseworker,
            forename=LONG_FORENAME,
            surname=surname,
            postcode="PE1 1AA",
            **extra,
        )

    @property
    def service(self):
        """A Local Offer service that is running, with a long name."""

        def build():
            from local_offer.models import Organization, Service

            organisation = Organization.objects.create(
                name="Northshire Community Healthcare NHS Foundation Trust", description="NHS"
            )
            return Service.objects.create(
                organization=organisation,
                name="Children's Speech, Language and Communication Therapy Service",
                description="Assessment and therapy for children with speech and language needs.",
                email="childrens.speech.and.language.therapy@northshire-healthcare.example.nhs.uk",
            )

        return self._once("service", build)

    @property
    def casebook(self) -> dict:
        """A child at each stage, so that every step is on offer for one of them."""

        def build():
            from cases.services import appeals, plans, requests, reviews

            by = self.caseworker
            book = {"new": self.child()}
            book["received"] = self.child("Received-Longname")
            factories.request_received(by=by, child=book["received"], received_on=ago(60))
            book["assessing"] = self.child("Assessing-Longname")
            assessing = factories.request_assessing(
                by=by, child=book["assessing"], received_on=ago(80), decided_on=ago(50)
            )
            requests.advice_request_create(
                request=assessing,
                adviser_type="health",
                adviser="Community paediatrics",
                sent_on=ago(45),
                by=by,
            )
            book["draft"] = self.child("Draft-Longname")
            draft = factories.request_draft_issued(
                by=by, child=book["draft"], received_on=ago(120), served_on=ago(20)
            )
            requests.setting_consult(
                request=draft,
                setting=factories.setting("Oakfield Academy", "200001"),
                consulted_on=ago(18),
                by=by,
            )
            book["plan"] = self.child("Plan-Longname")
            plan = factories.plan_issued(by=by, child=book["plan"])
            reviews.review_schedule(plan=plan, by=by)
            plans.provision_link_add(
                plan=plan,
                section="G",
                service=self.service,
                provision="Therapy, one hour a week in school",
                by=by,
            )
            book["reviewed"] = self.child("Reviewed-Longname")
            reviewed = factories.plan_issued(by=by, child=book["reviewed"])
            review = reviews.review_schedule(plan=reviewed, by=by)
            reviews.review_meeting_record(review=review, meeting_on=ago(10), by=by)
            book["amending"] = self.child("Amending-Longname")
            amending = factories.plan_issued(by=by, child=book["amending"])
            review = reviews.review_schedule(plan=amending, by=by)
            reviews.review_meeting_record(review=review, meeting_on=ago(30), by=by)
            reviews.review_decide(review=review, decision="A", notified_on=ago(20), by=by)
            book["appeal"] = self.child("Appeal-Longname")
            appeal = appeals.appeal_record(
                child=book["appeal"],
                decision_appealed="refuse_assess",
                decision_notified_on=ago(90),
                by=by,
            )
            appeals.tribunal_order_record(appeal=appeal, kind="assess", order_on=ago(5), by=by)
            return book

        return self._once("casebook", build)

    def case_offering(self, slug: str):
        from cases.workflow import steps_available

        for child in self.casebook.values():
            if slug in dict(steps_available(child)):
                return child
        raise AssertionError(f"no child in the casebook is offered the step {slug!r}")

    @property
    def meeting(self):
        """A panel meeting today with the assessing child on its agenda."""

        def build():
            from panels.models import Meeting, Membership, PanelType
            from panels.services import agenda_item_add

            panel_member = self.people[roles.PANEL_MEMBER]
            panel_type = PanelType.objects.create(
                name="Decision to assess and issue panel (north and west localities)",
                kind="assess",
                quorum_minimum=1,
            )
            meeting = Meeting.objects.create(
                panel_type=panel_type, held_on=TODAY, chair=panel_member
            )
            Membership.objects.create(meeting=meeting, user=panel_member, professional_role="ep")
            item = agenda_item_add(
                meeting=meeting,
                child=self.casebook["received"],
                summary="Parent's request; the school supports it.",
                by=self.caseworker,
            )
            return meeting, item

        return self._once("meeting", build)

    @property
    def alerts(self):
        def build():
            from alerts.sweep import sweep_run

            self.casebook  # noqa: B018 - deadlines to be alerted about
            sweep_run(today=TODAY)

        return self._once("alerts", build)

    @property
    def directory(self):
        def build():
            import random

            from faker import Faker

            from demo.local_offer import build_local_offer

            build_local_offer(rng=random.Random(5), faker=Faker("en_GB"), context={}, children=0)
            self.service  # noqa: B018 - a long name among them

        return self._once("directory", build)

    @property
    def sen2_return(self):
        def build():
            from reporting.models import Sen2Return

            return Sen2Return.objects.create(
                census_date=datetime.date(2026, 1, 15),
                dmo_in_post="Yes",
                dco_in_post="Yes",
                dsco_in_post="Yes",
                progress=40,
                stage="Reading plans",
                status="running",
            )

        return self._once("sen2", build)

    @property
    def staff(self):
        def build():
            return make_user(
                "worker.with.a.long.user.name",
                roles.CASEWORKER,
                roles.PANEL_MEMBER,
                team=self.team,
                first_name="Bartholomew-Maximilian",
                last_name=LONG_SURNAME,
                email="bartholomew.maximilian.worthington@northshire-county-council.example.gov.uk",
                job_title="Senior special educational needs and disabilities caseworker",
            )

        return self._once("staff", build)


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def error_shown(page) -> None:
    expect(page.locator(".govuk-error-summary")).to_be_visible()


@dataclass(frozen=True)
class Visit:
    name: str
    role: str | None
    go: Callable  # (page, world) -> None: opens the page (and shows its error, if any)


def to(path: str) -> Callable:
    return lambda page, world: page.goto(path)


def then_submit(go: Callable, button: str) -> Callable:
    """The page, then its form sent empty: the error summary and the fields in error."""

    def visit(page, world):
        go(page, world)
        submit(page, button)
        error_shown(page)

    return visit


def case_page(page, world):
    page.goto(f"/cases/{world.casebook['assessing'].reference}/")


def plan_page(page, world):
    page.goto(f"/cases/{world.casebook['amending'].reference}/plan/1/")


def plan_compare(page, world):
    page.goto(f"/cases/{world.casebook['amending'].reference}/plan/compare/")


def find_with_results(page, world):
    world.casebook  # noqa: B018
    page.goto("/cases/")
    page.get_by_label("Name or case details").fill("longname")
    submit(page, "Search")
    expect(page.locator("#results caption")).to_contain_text("cases found")


def team_hand_over(page, world):
    page.goto(f"/team/{world.caseworker.pk}/hand-over/")
    submit(page, "Hand over")
    error_shown(page)


def case_hand_over(page, world):
    page.goto(f"/cases/{world.casebook['assessing'].reference}/hand-over/")
    submit(page, "Save")
    error_shown(page)


def step_form(slug: str) -> Callable:
    # Steps whose every field may be left empty: sent empty, they would be taken.
    optional_only = {"review-schedule", "appeal-update"}

    def visit(page, world):
        child = world.case_offering(slug)
        page.goto(f"/cases/{child.reference}/{slug}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if slug == "details":  # filled in already: one answer taken out
            page.get_by_label("First name").fill("")
        if slug not in optional_only:
            submit(page, "Save")
            error_shown(page)

    return visit


def panels_list(page, world):
    world.meeting  # noqa: B018 - a meeting to list
    page.goto("/panels/")


def meeting_page(page, world):
    meeting, _item = world.meeting
    page.goto(f"/panels/{meeting.pk}/")


def item_page(page, world):
    _meeting, item = world.meeting
    page.goto(f"/panels/items/{item.pk}/")


def item_with_error(page, world):
    item_page(page, world)
    submit(page, "Record decision")
    error_shown(page)


def members_page(page, world):
    meeting, _item = world.meeting
    page.goto(f"/panels/{meeting.pk}/members/")


def attendance_page(page, world):
    meeting, _item = world.meeting
    page.goto(f"/panels/{meeting.pk}/attendance/")


def agenda_add(page, world):
    world.meeting  # noqa: B018 - a meeting to choose
    page.goto(f"/panels/add/{world.casebook['assessing'].reference}/")
    submit(page, "Add to the agenda")
    error_shown(page)


def inbox(path: str) -> Callable:
    def visit(page, world):
        world.alerts  # noqa: B018
        page.goto(path)

    return visit


def report(path: str) -> Callable:
    def visit(page, world):
        world.casebook  # noqa: B018
        page.goto(path)
        for summary in page.locator("main details summary").all():
            summary.click()  # the tables of figures open too

    return visit


def sen2_status(page, world):
    page.goto(f"/reports/sen2/{world.sen2_return.pk}/")
    # The page refreshes itself until the person stops it (WCAG 2.2.1), as they may.
    page.get_by_role("link", name="Stop checking automatically").click()
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)


def local_offer(go: Callable) -> Callable:
    def visit(page, world):
        world.directory  # noqa: B018
        go(page, world)

    return visit


def service_page(page, world):
    page.goto(f"/local-offer/services/{world.service.pk}/")


def service_edit(page, world):
    page.goto(f"/directory/services/{world.service.pk}/edit/")


def staff_member(page, world):
    page.goto(f"/administration/staff/{world.staff.pk}/")


def staff_list(page, world):
    world.staff  # noqa: B018
    page.goto("/administration/staff/")


def two_factor_set_up(page, world):
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")


def two_factor_set_up_error(page, world):
    page.get_by_label("Code from your authenticator app").fill("000000")
    submit(page, "Turn on two-factor sign-in")
    error_shown(page)


def sign_in_error(page, world):
    sign_in(page, world.caseworker.username, "not-the-password")
    error_shown(page)


CW, MGR, HOS, PANEL, EDITOR, ADMIN = (
    roles.CASEWORKER,
    roles.MANAGER,
    roles.HEAD_OF_SERVICE,
    roles.PANEL_MEMBER,
    roles.DIRECTORY_EDITOR,
    roles.ADMINISTRATOR,
)

VISITS = [
    *(Visit(f"home-{role}", role, report("/")) for role in roles.ALL),
    Visit("sign-in", None, to("/sign-in/")),
    Visit("sign-in-error", None, sign_in_error),
    Visit("two-factor-set-up", "two_factor", two_factor_set_up),
    Visit("two-factor-set-up-error", "two_factor", two_factor_set_up_error),
    Visit("error-403", CW, to("/administration/")),
    Visit("error-404", CW, to("/cases/NO-SUCH-CASE/")),
    Visit("error-404-signed-out", None, to("/no-such-page/")),
    Visit("accessibility", None, to("/accessibility/")),
    Visit("privacy", None, to("/privacy/")),
    # The workspace.
    Visit("caseload", CW, report("/cases/")),
    Visit("caseload-manager", MGR, report("/cases/")),
    Visit("children", CW, report("/children/")),
    Visit("children-manager", MGR, report("/children/?overdue=on")),
    Visit("team", MGR, report("/team/")),
    Visit("team-hand-over", MGR, team_hand_over),
    Visit("case-hand-over", MGR, case_hand_over),
    Visit("find-a-case", CW, find_with_results),
    Visit("case", CW, case_page),
    Visit("plan", CW, plan_page),
    Visit("plan-compare", CW, plan_compare),
    Visit("register", CW, then_submit(to("/cases/register/"), "Register")),
    *(Visit(f"step-{slug}", CW, step_form(slug)) for slug in STEP_FORMS),
    # Panels.
    Visit("panels", PANEL, panels_list),
    Visit("panel-meeting", PANEL, meeting_page),
    Visit("panel-item", PANEL, item_page),
    Visit("panel-item-error", PANEL, item_with_error),
    Visit("panel-members", MGR, members_page),
    Visit("panel-attendance", MGR, attendance_page),
    Visit("panel-new-meeting", MGR, then_submit(to("/panels/new/"), "Save")),
    Visit("panel-agenda-add", CW, agenda_add),
    # The inbox.
    Visit("inbox", CW, inbox("/inbox/")),
    Visit("inbox-by-case", CW, inbox("/inbox/?group=case")),
    # Reports and the SEN2 return.
    Visit("reports-timeliness", HOS, report("/reports/")),
    Visit("reports-measures", HOS, report("/reports/measures/")),
    Visit("reports-cohort", HOS, report("/reports/cohort/")),
    Visit("reports-manager", MGR, report("/reports/")),
    Visit("sen2", HOS, to("/reports/sen2/")),
    Visit("sen2-error", HOS, then_submit(to("/reports/sen2/"), "Generate the return")),
    Visit("sen2-progress", HOS, sen2_status),
    # The Local Offer.
    Visit("local-offer-search", None, local_offer(to("/local-offer/?q=therapy"))),
    Visit("local-offer-service", None, local_offer(service_page)),
    Visit("local-offer-directory", EDITOR, local_offer(to("/directory/"))),
    Visit("local-offer-edit", EDITOR, local_offer(service_edit)),
    Visit(
        "local-offer-new-error",
        EDITOR,
        local_offer(then_submit(to("/directory/services/new/"), "Save")),
    ),
    Visit("local-offer-import", EDITOR, then_submit(to("/directory/import/"), "Import")),
    # Administration.
    Visit("admin-index", ADMIN, to("/administration/")),
    Visit("admin-staff", ADMIN, staff_list),
    Visit("admin-staff-member", ADMIN, staff_member),
    Visit(
        "admin-staff-add-error",
        ADMIN,
        then_submit(to("/administration/staff/add/"), "Add the member of staff"),
    ),
    Visit("admin-teams", ADMIN, to("/administration/teams/")),
    Visit(
        "admin-team-add-error", ADMIN, then_submit(to("/administration/teams/add/"), "Add the team")
    ),
    Visit("admin-panel-types", ADMIN, to("/administration/panel-types/")),
    Visit(
        "admin-panel-type-add-error",
        ADMIN,
        then_submit(to("/administration/panel-types/add/"), "Add the panel type"),
    ),
    Visit("admin-api-clients", ADMIN, to("/administration/api-clients/")),
    Visit(
        "admin-api-client-add-error",
        ADMIN,
        then_submit(to("/administration/api-clients/add/"), "Register the system"),
    ),
    Visit("admin-council", ADMIN, to("/administration/council/")),
    Visit("admin-changes", ADMIN, to("/administration/changes/")),
]


@pytest.mark.parametrize("visit", VISITS, ids=[visit.name for visit in VISITS])
def test_the_page_fits_a_phone(browser, live_server, request, settings, visit):
    world = World(request)
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": 800}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        if visit.role == "two_factor":
            settings.OTP_ENFORCE = True
            sign_in(page, world.people[roles.MANAGER].username)
        elif visit.role:
            sign_in(page, world.people[visit.role].username)
        visit.go(page, world)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {WIDTH}px"
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
        assert_accessible(page)
    finally:
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{visit.name}-375.png", full_page=True)
            page.set_viewport_size({"width": 1280, "height": 800})
            page.screenshot(path=f"{SHOTS}/{visit.name}-1280.png", full_page=True)
        context.close()
