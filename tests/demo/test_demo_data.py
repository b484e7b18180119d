import pytest
from django.core.management import call_command
from django.db.models import Count

from cases.identifiers import uln_check, upn_check
from cases.models import AssessmentRequest, Child, EHCPlan, PlanStatus, SenNeed, StatutoryDeadline
from demo.named import NAMED_CASES

pytestmark = pytest.mark.django_db
NAMED = len(NAMED_CASES)


def test_demo_data_builds_a_council_with_cases_at_every_stage():
    call_command("demo_data", children=300, seed=7, quiet_progress=True)
    assert Child.objects.count() == 300 + NAMED
    assert not Child.objects.filter(reference__startswith="tmp-").exists()
    assert all(
        upn_check(upn) is None
        for upn in Child.objects.exclude(upn="").values_list("upn", flat=True)
    )
    assert all(
        uln_check(uln) is None
        for uln in Child.objects.exclude(uln="").values_list("uln", flat=True)
    )
    assert not Child.objects.filter(upn="", upn_unknown_reason="").exists()
    statuses = set(AssessmentRequest.objects.values_list("status", flat=True))
    assert {"awaiting_decision", "assessing", "plan_issued"} <= statuses
    assert EHCPlan.objects.filter(status=PlanStatus.IN_FORCE).count() > 150
    # Every child has exactly one primary need; ASD is the commonest, as nationally.
    assert SenNeed.objects.filter(rank=1).count() == 300 + NAMED
    top = (
        SenNeed.objects.filter(rank=1)
        .values("need_type")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert top["need_type"] == "ASD"
    states = set(StatutoryDeadline.objects.values_list("state", flat=True))
    assert {"overdue", "done_on_time", "done_late"} <= states
    # Stored due dates agree with the deadline rows the clock produced.
    request = AssessmentRequest.objects.filter(status="assessing").first()
    row = StatutoryDeadline.objects.get(child=request.child, key=f"request{request.pk}:final_plan")
    assert request.final_plan_due_on == row.due_on


def test_demo_data_is_deterministic_by_seed():
    call_command("demo_data", children=40, seed=3, quiet_progress=True)
    call_command("demo_data", children=40, seed=3, quiet_progress=True)
    # The named cases (registered by the demo caseworker through the services) are written
    # once; each run adds the same 40 generated children.
    rows = list(
        Child.objects.filter(created_by=None)
        .order_by("pk")
        .values_list("surname", "date_of_birth", "upn")
    )
    assert Child.objects.filter(created_by__username="caseworker").count() == NAMED
    assert len(rows) == 80
    assert rows[:40] == rows[40:]
