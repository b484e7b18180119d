"""Case notes: up to 10,000 characters, refused with a clear message beyond that, nothing written."""

import pytest
from django.core.exceptions import ValidationError

from cases.models import CaseNote, TimelineEvent
from cases.models.records import NOTE_TOO_LONG
from cases.services import notes
from cases.services.common import StepRefused

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


def test_a_note_of_10000_characters_is_kept(child, caseworker):
    note = notes.case_note_add(child=child, text="a" * 10_000, by=caseworker)
    assert len(note.text) == 10_000


def test_a_longer_note_is_refused_by_the_service_and_nothing_is_written(child, caseworker):
    with pytest.raises(StepRefused) as refused:
        notes.case_note_add(child=child, text="a" * 10_001, by=caseworker)
    assert refused.value.message_dict == {"text": [NOTE_TOO_LONG]}
    assert not CaseNote.objects.exists()
    assert not TimelineEvent.objects.filter(verb="note_added").exists()


def test_the_model_refuses_a_longer_note_whoever_saves_it(child, caseworker):
    with pytest.raises(ValidationError) as refused:
        CaseNote(child=child, text="a" * 10_001, author=caseworker).full_clean()
    assert refused.value.message_dict == {"text": [NOTE_TOO_LONG]}


def test_a_two_megabyte_note_posted_gets_the_message_on_the_form(client, caseworker, child):
    client.force_login(caseworker)
    response = client.post(f"/cases/{child.reference}/note/", {"text": "x" * 2_000_000})
    body = response.content.decode()
    assert response.status_code == 200
    assert NOTE_TOO_LONG in body
    assert "govuk-error-summary" in body
    assert not CaseNote.objects.exists()


def test_the_note_box_does_not_cut_a_pasted_note_short_silently(client, caseworker, child):
    client.force_login(caseworker)
    body = client.get(f"/cases/{child.reference}/note/").content.decode()
    assert "Up to 10,000 characters" in body
    assert "maxlength" not in body


def test_a_blank_note_is_refused(child, caseworker):
    with pytest.raises(StepRefused, match="Enter the note"):
        notes.case_note_add(child=child, text="   ", by=caseworker)
