"""Local Offer services linked to provision in sections F, G, H1 and H2 of a plan: a link, not a
copy, kept in the plan's history, refused with a reason when it cannot be made."""

import datetime

import pytest
import time_machine

from cases.models import PlanVersion, ProvisionLink, TimelineEvent
from cases.services import plans, reviews
from cases.services.common import StepRefused
from local_offer.models import Organization, Service

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False) as traveller:
        yield traveller


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


@pytest.fixture
def plan(caseworker, child):
    return factories.plan_issued(by=caseworker, child=child)


@pytest.fixture
def therapy(db):
    organisation = Organization.objects.create(name="Community Health Trust", description="NHS")
    return Service.objects.create(
        organization=organisation,
        name="Children's Speech and Language Therapy",
        description="Assessment and therapy for children with speech and language needs.",
    )


def test_a_link_points_at_the_service_and_is_on_the_timeline(caseworker, plan, therapy):
    link = plans.provision_link_add(
        plan=plan,
        section="G",
        service=therapy,
        provision="  Therapy, 1 hour a week ",
        by=caseworker,
    )
    assert (link.section, link.provision, link.linked_on) == (
        "G",
        "Therapy, 1 hour a week",
        datetime.date(2025, 3, 3),
    )
    event = TimelineEvent.objects.get(verb="provision_linked")
    assert event.child == plan.child and event.actor == caseworker
    assert "Children's Speech and Language Therapy" in event.summary
    # A link, not a copy: a change in the Local Offer shows through the link.
    Service.objects.filter(pk=therapy.pk).update(name="Speech and Language Therapy (0-19)")
    assert ProvisionLink.objects.get().service.name == "Speech and Language Therapy (0-19)"


@pytest.mark.parametrize(
    ("section", "service_status", "provision", "field", "message"),
    [
        ("B", "active", "Therapy", "section", "Choose section F, G, H1 or H2"),
        ("I", "active", "Therapy", "section", "Choose section F, G, H1 or H2"),
        ("G", "active", "   ", "provision", "Say which provision"),
        ("G", "defunct", "Therapy", "service", "is defunct in the Local Offer"),
        ("F", "temporarily closed", "Therapy", "service", "is temporarily closed"),
    ],
)
def test_bad_links_are_refused_and_write_nothing(
    caseworker, plan, therapy, section, service_status, provision, field, message
):
    therapy.status = service_status
    therapy.save()
    with pytest.raises(StepRefused) as refused:
        plans.provision_link_add(
            plan=plan, section=section, service=therapy, provision=provision, by=caseworker
        )
    assert message in refused.value.message_dict[field][0]
    assert not ProvisionLink.objects.exists()
    assert not TimelineEvent.objects.filter(verb="provision_linked").exists()


def test_the_same_service_twice_in_a_section_is_refused(caseworker, plan, therapy):
    plans.provision_link_add(
        plan=plan, section="G", service=therapy, provision="Therapy", by=caseworker
    )
    with pytest.raises(StepRefused, match="already linked to section G"):
        plans.provision_link_add(
            plan=plan, section="G", service=therapy, provision="More therapy", by=caseworker
        )
    # The same service may deliver provision in another section.
    plans.provision_link_add(
        plan=plan, section="F", service=therapy, provision="Advice to the school", by=caseworker
    )
    assert ProvisionLink.objects.count() == 2


def test_a_ceased_plan_takes_no_new_links(caseworker, plan, therapy):
    plans.plan_cease(plan=plan, ceased_on=datetime.date(2025, 3, 1), reason="2", by=caseworker)
    with pytest.raises(StepRefused, match="the plan has ceased"):
        plans.provision_link_add(
            plan=plan, section="G", service=therapy, provision="Therapy", by=caseworker
        )


def test_removing_keeps_the_link_in_history_and_frees_the_section(caseworker, plan, therapy, today):
    link = plans.provision_link_add(
        plan=plan, section="G", service=therapy, provision="Therapy", by=caseworker
    )
    today.move_to(datetime.date(2025, 4, 7))
    plans.provision_link_remove(link=link, by=caseworker)
    link.refresh_from_db()
    assert link.removed_on == datetime.date(2025, 4, 7) and link.removed_by == caseworker
    assert TimelineEvent.objects.filter(verb="provision_unlinked").count() == 1
    with pytest.raises(StepRefused, match="already removed"):
        plans.provision_link_remove(link=link, by=caseworker)
    plans.provision_link_add(
        plan=plan, section="G", service=therapy, provision="Therapy again", by=caseworker
    )
    assert ProvisionLink.objects.filter(removed_on__isnull=True).count() == 1


def test_each_version_shows_the_links_in_place_while_it_was_in_force(
    caseworker, plan, therapy, today
):
    """Linked under version 2, removed after version 3 was issued: versions 2 and 3 show it;
    a link made after version 3 was issued shows only with version 3."""
    original = plan.versions.get(number=2)
    kept = plans.provision_link_add(
        plan=plan, section="G", service=therapy, provision="Therapy", by=caseworker
    )
    today.move_to(datetime.date(2025, 5, 12))
    review = reviews.review_schedule(plan=plan, by=caseworker)
    reviews.review_meeting_record(
        review=review, meeting_on=datetime.date(2025, 5, 12), by=caseworker
    )
    reviews.review_decide(
        review=review, decision="A", notified_on=datetime.date(2025, 5, 12), by=caseworker
    )
    today.move_to(datetime.date(2025, 5, 26))
    amended = reviews.amended_plan_issue(
        review=review,
        issued_on=datetime.date(2025, 5, 26),
        sections={**original.sections, "F": "Small-group teaching"},
        by=caseworker,
    )
    today.move_to(datetime.date(2025, 6, 2))
    later = plans.provision_link_add(
        plan=plan, section="F", service=therapy, provision="Advice to staff", by=caseworker
    )
    plans.provision_link_remove(link=kept, by=caseworker)
    amended = PlanVersion.objects.get(pk=amended.pk)
    assert plans.provision_links_for_version(version=original) == [kept]
    assert set(plans.provision_links_for_version(version=amended)) == {kept, later}


def test_the_forms_link_and_unlink_and_the_plan_shows_the_service(
    client, caseworker, plan, therapy
):
    client.force_login(caseworker)
    reference = plan.child.reference
    case = client.get(f"/cases/{reference}/").content.decode()
    assert f"/cases/{reference}/provision-link/" in case
    assert f"/cases/{reference}/provision-unlink/" not in case  # nothing to remove yet
    refused = client.post(
        f"/cases/{reference}/provision-link/",
        {"section": "G", "service": str(therapy.pk), "provision": ""},
    )
    assert refused.status_code == 200 and "Enter the provision" in refused.content.decode()
    assert not ProvisionLink.objects.exists()
    response = client.post(
        f"/cases/{reference}/provision-link/",
        {"section": "G", "service": str(therapy.pk), "provision": "Therapy, weekly"},
    )
    assert response.status_code == 302
    link = ProvisionLink.objects.get()
    plan_page = client.get(f"/cases/{reference}/plan/2/").content.decode()
    assert "Delivered by these Local Offer services" in plan_page
    assert f"/local-offer/services/{therapy.pk}/" in plan_page
    assert "Therapy, weekly" in client.get(f"/cases/{reference}/").content.decode()
    response = client.post(f"/cases/{reference}/provision-unlink/", {"link": str(link.pk)})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.removed_on == datetime.date(2025, 3, 3)
    # Nothing left to remove: the step is no longer offered.
    assert client.get(f"/cases/{reference}/provision-unlink/").status_code == 409


def test_another_teams_caseworker_cannot_link(client, other_caseworker, plan, therapy):
    client.force_login(other_caseworker)
    response = client.post(
        f"/cases/{plan.child.reference}/provision-link/",
        {"section": "G", "service": str(therapy.pk), "provision": "Therapy"},
    )
    assert response.status_code == 404
    assert not ProvisionLink.objects.exists()


def test_the_directory_team_sees_how_many_plans_rely_on_a_service_and_not_whose(
    client, caseworker, directory_editor, plan, therapy
):
    plans.provision_link_add(
        plan=plan, section="G", service=therapy, provision="Therapy", by=caseworker
    )
    client.force_login(directory_editor)
    body = client.get(f"/directory/services/{therapy.pk}/edit/").content.decode()
    assert "1 EHC plan in force links to this service" in body
    assert plan.child.reference not in body and plan.child.surname not in body


def test_a_link_on_another_childs_plan_cannot_be_removed_from_this_case(
    client, caseworker, team, plan, therapy
):
    other_child = factories.child(
        by=caseworker, team=team, caseworker=caseworker, upn="B801200005001", surname="Other"
    )
    other_plan = factories.plan_issued(by=caseworker, child=other_child)
    theirs = plans.provision_link_add(
        plan=other_plan, section="G", service=therapy, provision="Therapy", by=caseworker
    )
    plans.provision_link_add(
        plan=plan, section="F", service=therapy, provision="Advice", by=caseworker
    )
    client.force_login(caseworker)
    response = client.post(
        f"/cases/{plan.child.reference}/provision-unlink/", {"link": str(theirs.pk)}
    )
    assert response.status_code == 200  # the form refuses a link not on this plan
    assert "Select a valid choice" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.removed_on is None


def test_the_service_list_is_grouped_by_kind_of_service(client, caseworker, plan, therapy):
    from local_offer.models import Attribute, Taxonomy, TaxonomyTerm

    kinds = Taxonomy.objects.create(name="Service types", description="Kinds of service")
    health = TaxonomyTerm.objects.create(taxonomy=kinds, name="Health", description="Health")
    Attribute.objects.create(service=therapy, taxonomy_term=health)
    Service.objects.create(
        organization=therapy.organization, name="Parent carer forum", description="Support"
    )
    client.force_login(caseworker)
    page = client.get(f"/cases/{plan.child.reference}/provision-link/").content.decode()
    health_group = page.index('<optgroup label="Health">')
    other_group = page.index('<optgroup label="Other services">')
    assert health_group < page.index("Children&#x27;s Speech and Language Therapy") < other_group
    assert other_group < page.index("Parent carer forum")
