from django.db import transaction

from accounts.models import User

from ..models import CaseNote, Child
from ..models.records import NOTE_MAX_LENGTH, NOTE_TOO_LONG
from .common import refuse, timeline_record, today

NOTE_EMPTY = "Enter the note"


@transaction.atomic
def case_note_add(*, child: Child, text: str, by: User) -> CaseNote:
    text = (text or "").strip()
    if not text:
        refuse(NOTE_EMPTY, "text")
    if len(text) > NOTE_MAX_LENGTH:
        refuse(NOTE_TOO_LONG, "text")
    note = CaseNote(child=child, text=text, author=by)
    note.full_clean()
    note.save()
    timeline_record(
        child=child,
        verb="note_added",
        summary="Case note added",
        happened_on=today(),
        by=by,
        target=note,
    )
    return note
