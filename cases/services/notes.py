from django.db import transaction

from accounts.models import User

from ..models import CaseNote, Child
from ..models.records import NOTE_MAX_LENGTH, NOTE_TOO_LONG
from .common import added, refuse

NOTE_EMPTY = "Enter the note"


@transaction.atomic
def case_note_add(*, child: Child, text: str, by: User) -> CaseNote:
    text = (text or "").strip()
    if not text:
        refuse(NOTE_EMPTY, "text")
    if len(text) > NOTE_MAX_LENGTH:
        refuse(NOTE_TOO_LONG, "text")
    note = CaseNote(child=child, text=text, author=by)
    return added(note, child=child, by=by, verb="note_added", summary="Case note added")
