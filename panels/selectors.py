"""Reads of panels: which meetings a person may open, and what of each agenda they may see.

A panel member who sits on a meeting (a member or its chair) sees the whole agenda: they need
it to decide. Anyone else sees only the cases they may see anyway (`children_visible_to`); the
rest of the agenda is a count, with no reference, deadline or link."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import roles
from accounts.models import User
from cases.models import StatutoryDeadline
from cases.models.codes import NeedType
from cases.selectors import children_visible_to

from .models import AgendaItem, Meeting, MeetingChange, Membership, PanelType


def meetings_for(*, user: User) -> QuerySet[Meeting]:
    """Case staff see the list of meetings (to add their cases); panel members their own."""
    meetings = Meeting.objects.select_related("panel_type", "chair")
    if not user.is_authenticated or not user.is_active:
        return meetings.none()
    if user.has_role(*roles.CASE_STAFF):
        return meetings
    if user.has_role(roles.PANEL_MEMBER):
        return meetings.filter(Q(members__user=user) | Q(chair=user)).distinct()
    return meetings.none()


def meeting_for(*, user: User, pk: int) -> Meeting:
    """One of the meetings this person may open (`meetings_for`); anyone else: not found."""
    meeting = meetings_for(user=user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_managed_by(*, user: User, pk: int) -> Meeting:
    """Managers arrange any meeting; a chair manages their own. Others: refused."""
    meeting = meeting_for(user=user, pk=pk)
    if not (user.has_role(roles.MANAGER) or meeting.chair_id == user.pk):
        raise PermissionDenied
    return meeting


def meetings_upcoming_for(*, user: User) -> QuerySet[Meeting]:
    """The meetings from today on that this person may put a case before, soonest first."""
    return meetings_for(user=user).filter(held_on__gte=timezone.localdate()).order_by("held_on")


def members_of(*, meeting: Meeting) -> QuerySet[Membership]:
    return meeting.members.select_related("user")


def membership_of(*, meeting: Meeting, pk: str | int) -> Membership:
    """One member of the meeting (its id as posted); anything else: not found."""
    membership = meeting.members.filter(pk=int(pk)).first() if str(pk).isdigit() else None
    if membership is None:
        raise Http404
    return membership


def membership_for(*, meeting: Meeting, user: User) -> Membership | None:
    """This person's place on the meeting, if they are a member."""
    return meeting.members.filter(user=user).first()


def changes_of(*, meeting: Meeting) -> QuerySet[MeetingChange]:
    return meeting.changes.select_related("by")


def panel_types() -> QuerySet[PanelType]:
    return PanelType.objects.order_by("name")


def panel_people() -> QuerySet[User]:
    """Who may chair or sit on a panel: active panel members and managers."""
    return (
        User.objects.filter(is_active=True, groups__name__in=(roles.PANEL_MEMBER, roles.MANAGER))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@dataclass
class Papers:
    """What the item's page shows besides the item: the child, the request, the advice, the
    deadlines, the case's other agendas, and this person's part."""

    advice: list
    membership: Membership | None
    is_chair: bool
    age: int | None = None
    primary_need: str = ""
    setting: str = ""
    deadlines: list = field(default_factory=list)
    other_agendas: list = field(default_factory=list)  # the case on other meetings' agendas
    before_the_meeting: bool = False  # the decision can be recorded only from the meeting day


def papers_for(*, item: AgendaItem, user: User) -> Papers:
    """For an item `item_for` has let this person open (a few queries, none per row)."""
    child = item.child
    today = timezone.localdate()
    born = child.date_of_birth
    need = child.sen_needs.filter(rank=1).values_list("need_type", flat=True).first()
    setting = (
        child.placements.filter(leaving_on__isnull=True)
        .values_list("setting__name", flat=True)
        .first()
    )
    return Papers(
        advice=list(item.request.advice.all()) if item.request else [],
        membership=membership_for(meeting=item.meeting, user=user),
        is_chair=item.meeting.chair_id == user.pk,
        age=today.year - born.year - ((today.month, today.day) < (born.month, born.day)),
        primary_need=NeedType(need).label if need in NeedType.values else "",
        setting=setting or "",
        deadlines=list(
            child.deadlines.filter(is_open=True, statutory=True).order_by("due_on", "key")
        ),
        other_agendas=list(
            AgendaItem.objects.filter(child=child)
            .exclude(pk=item.pk)
            .select_related("meeting__panel_type", "decision")
            .order_by("meeting__held_on")
        ),
        before_the_meeting=item.meeting.held_on > today,
    )


def sits_on(*, meeting: Meeting, user: User) -> bool:
    """A member of the meeting or its chair."""
    if not user.is_authenticated or not user.is_active:
        return False
    return meeting.chair_id == user.pk or meeting.members.filter(user=user).exists()


def item_for(*, user: User, pk: int) -> AgendaItem:
    """A case's panel papers: for whoever may see the case, and for those sitting on the
    panel while the case is open on its agenda. Anyone else: not found."""
    item = (
        AgendaItem.objects.select_related("meeting__panel_type", "child", "request")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    if children_visible_to(user=user).filter(pk=item.child_id).exists():
        return item
    if (
        user.has_role(roles.PANEL_MEMBER, roles.MANAGER)
        and item.is_open
        and sits_on(meeting=item.meeting, user=user)
    ):
        return item
    raise Http404


@dataclass
class Agenda:
    items: list[AgendaItem]
    # Cases on the agenda this person may not see: counted, never named.
    hidden: int = 0
    # Whether this person sits on the panel (and so sees the whole agenda).
    whole: bool = False


def agenda_for(*, meeting: Meeting, user: User) -> Agenda:
    """The panel pack as this person may see it, most urgent first, with each case's next open
    statutory deadline; `can_open` says whether the papers open for them."""
    items = list(meeting.items.select_related("child").prefetch_related("conflicts").order_by("pk"))
    sitting = user.has_role(roles.PANEL_MEMBER, roles.MANAGER) and sits_on(
        meeting=meeting, user=user
    )
    visible = set(
        children_visible_to(user=user)
        .filter(pk__in=[i.child_id for i in items])
        .values_list("pk", flat=True)
    )
    shown = [i for i in items if sitting or i.child_id in visible]
    deadlines = {}
    for d in StatutoryDeadline.objects.filter(
        child__in=[i.child_id for i in shown], is_open=True, statutory=True
    ).order_by("due_on"):
        deadlines.setdefault(d.child_id, d)
    far_future = timezone.localdate().replace(year=9999)
    for item in shown:
        item.next_deadline = deadlines.get(item.child_id)
        item.can_open = item.child_id in visible or (sitting and item.is_open)
    shown.sort(key=lambda i: i.next_deadline.due_on if i.next_deadline else far_future)
    return Agenda(items=shown, hidden=len(items) - len(shown), whole=sitting)
