"""Children and young people, and their statutory deadlines, as the API gives them."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Child
from cases.workflow import steps_available

DEADLINE_FIELDS = (
    "key",
    "stage",
    "rule",
    "title",
    "explanation",
    "trigger_on",
    "due_on",
    "done_on",
    "state",
    "exception_applied",
    "statutory",
)
DEADLINE_DATES = ("trigger_on", "due_on", "done_on")


def deadline_data(deadline) -> dict:
    """A deadline (a row as a dict, or a model instance) as the API gives it, built directly: a
    page of 50 children carries hundreds of deadlines, and a serializer built for each row was
    most of the page's time."""
    if isinstance(deadline, dict):
        data = {name: deadline[name] for name in DEADLINE_FIELDS}
    else:
        data = {name: getattr(deadline, name) for name in DEADLINE_FIELDS}
    for name in DEADLINE_DATES:
        if data[name] is not None:
            data[name] = data[name].isoformat()
    return data


def deadlines_of(child: Child, prefix: str) -> list[dict]:
    """One record's statutory deadlines: the clock keys each case's deadlines by record."""
    return [deadline_data(d) for d in child.deadlines.all() if d.key.startswith(prefix)]


# Documents a child in the schema and gives one child's record; a page of the feed is built by
# `child_data` from plain rows, to the same shape (tests/api hold the two equal).
class ChildSerializer(serializers.ModelSerializer):
    primary_need = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Child
        fields = [
            "reference",
            "forename",
            "surname",
            "date_of_birth",
            "sex",
            "upn",
            "uln",
            "upn_unknown_reason",
            "primary_need",
            "looked_after",
            "deadlines",
            "modified_at",
        ]

    def get_primary_need(self, child) -> str | None:
        return next((n.need_type for n in child.sen_needs.all() if n.rank == 1), None)

    def get_deadlines(self, child) -> list[dict]:
        # The API's selectors read only the open deadlines (filtered in the database).
        return [deadline_data(d) for d in child.open_deadlines]


class StepSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="The step's name, as the portal knows it")
    label = serializers.CharField(help_text="What the step is, in words")


class ChildDetailSerializer(ChildSerializer):
    """One child's record: as in the feed, with the steps the case may take now."""

    steps_available = serializers.SerializerMethodField()

    class Meta(ChildSerializer.Meta):
        fields = [*ChildSerializer.Meta.fields, "steps_available"]

    @extend_schema_field(
        StepSerializer(
            many=True,
            help_text="The statutory steps the case may take now, in the order a caseworker "
            "meets them (read with one child's record only, not in the feed)",
        )
    )
    def get_steps_available(self, child) -> list[dict]:
        return [{"slug": slug, "label": str(label)} for slug, label in steps_available(child)]


# A page of the feed reads these stored fields of each child (api.selectors.child_rows), with
# the primary need; its open deadlines come from a second query.
CHILD_ROW_FIELDS = (
    "id",
    *(name for name in ChildSerializer.Meta.fields if name not in ("primary_need", "deadlines")),
)
# The fields a ModelSerializer would format: dates and date-times, by DRF's own fields.
_FORMATS = {
    "date_of_birth": serializers.DateField().to_representation,
    "modified_at": serializers.DateTimeField().to_representation,
}


def child_data(row: dict, deadlines: list[dict]) -> dict:
    """A child from a row of `api.selectors.child_rows` and their open deadlines' rows, as
    ChildSerializer gives them, without building a model instance or a serializer."""
    data = {}
    for name in ChildSerializer.Meta.fields:
        if name == "deadlines":
            data[name] = [deadline_data(d) for d in deadlines]
        elif name in _FORMATS:
            data[name] = _FORMATS[name](row[name])
        else:
            data[name] = row[name]
    return data
