"""The ground floor: refusing a step, the checks on dates, the long date the clock shares, and the
GOV.UK templates, all served from core."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import get_template

from cases.services import common
from core.dates import DATE_BEFORE, DATE_IN_FUTURE, check_date, today
from core.errors import StepRefused, refuse
from core.formats import long_date
from core.models import TimeStampedModel

ROOT = Path(__file__).resolve().parents[2]


def test_refuse_raises_a_step_refused_keyed_by_field_or_not():
    with pytest.raises(StepRefused) as refused:
        refuse("Enter the date", "held_on")
    assert refused.value.message_dict == {"held_on": ["Enter the date"]}
    with pytest.raises(StepRefused) as refused:
        refuse("Not now")
    assert refused.value.messages == ["Not now"]


def test_a_date_in_the_future_is_refused_with_its_label():
    tomorrow = today() + datetime.timedelta(days=1)
    with pytest.raises(StepRefused) as refused:
        check_date(tomorrow, label="Date of the meeting", field="held_on")
    assert refused.value.message_dict == {
        "held_on": [DATE_IN_FUTURE.format(label="Date of the meeting")]
    }


def test_a_date_before_the_one_it_follows_names_that_date_in_long_form():
    with pytest.raises(StepRefused, match=r"\(2 September 2024\)") as refused:
        check_date(
            datetime.date(2024, 9, 1),
            label="Decision date",
            after=(datetime.date(2024, 9, 2), "the date the request was received"),
        )
    assert refused.value.messages == [
        DATE_BEFORE.format(
            label="Decision date",
            other_label="the date the request was received",
            other="2 September 2024",
        )
    ]
    check_date(datetime.date(2024, 9, 2), label="Decision date", after=(None, "nothing"))


def test_the_case_services_name_the_ground_floor_pieces():
    assert common.StepRefused is StepRefused
    assert common.refuse is refuse
    assert common.check_date is check_date
    assert common.long_date is long_date
    assert long_date(datetime.date(2025, 5, 14)) == "14 May 2025"


def test_the_clock_and_the_long_date_import_no_django():
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys; import core.formats, cases.timescales; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'accounts', 'celery'}))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "[]"


def test_the_govuk_templates_come_from_core():
    for name in ("govuk/field.html", "govuk/form.html", "govuk/pagination.html"):
        origin = Path(get_template(name).origin.name)
        assert origin.is_relative_to(ROOT / "core" / "templates"), origin


def test_timestamped_model_is_abstract_and_records_who_and_when():
    assert TimeStampedModel._meta.abstract
    fields = {field.name for field in TimeStampedModel._meta.get_fields()}
    assert {"created_at", "modified_at", "created_by", "modified_by"} <= fields
