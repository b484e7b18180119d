from django.db import transaction

from accounts.models import User

from ..models import CaseNote, Child
from .common import refuse, timeline_record, today

NOTE_EMPTY = "Enter the note"


@transaction.atomic
def case_note_add(*, child: Child, text: str, by: User) -> CaseNote:
    if not text.strip():
        refuse(NOTE_EMPTY, "text")
    note = CaseNote.objects.create(child=child, text=text.strip(), author=by)
    timeline_record(
        child=child,
        verb="note_added",
        summary="Case note added",
        happened_on=today(),
        by=by,
        target=note,
    )
    return note
