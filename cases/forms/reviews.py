"""Annual and phase-transfer reviews: schedule, meeting, report and decision."""

from django import forms

from core.forms import GovukDateField, GovukForm

from ..models.codes import ReviewDecision


class ReviewScheduleForm(GovukForm):
    due_on = GovukDateField(
        label="Review to be completed by",
        required=False,
        help_text=(
            "Leave empty for the last day of the 12 months starting with the date the plan was "
            "made or the last review decision was notified (CFA s44(1))"
        ),
    )


class ReviewMeetingForm(GovukForm):
    meeting_on = GovukDateField(label="Date of the review meeting")
    notice_sent_on = GovukDateField(label="Date notice of the meeting was sent", required=False)
    papers_sent_on = GovukDateField(
        label="Date advice and information were circulated", required=False
    )


class ReviewReportForm(GovukForm):
    sent_on = GovukDateField(label="Date the review report was sent")


class ReviewDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to maintain, amend or cease the plan"},
    )
    notified_on = GovukDateField(label="Date the decision was notified")
