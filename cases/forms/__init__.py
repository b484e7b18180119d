"""GOV.UK forms for each step; each maps onto one service's keyword arguments. Split by idea
(the child's record, requests and advice, plans, reviews, appeals); every form is importable
from here, as `from cases import forms as f; f.RequestForm`."""

from .appeals import AppealForm, AppealUpdateForm, OrderCompliedForm, TribunalOrderForm
from .children import (
    ChildDetailsForm,
    ChildForm,
    ContactForm,
    HandOverForm,
    NeedsForm,
    NoteForm,
    PlacementForm,
)
from .common import blank, setting_field
from .plans import (
    AmendedPlanForm,
    CeaseForm,
    ConsultForm,
    DraftForm,
    FinalForm,
    ProvisionLinkChoiceField,
    ProvisionLinkForm,
    ProvisionUnlinkForm,
    RepresentationForm,
    SectionsMixin,
    ServiceChoiceField,
    SettingResponseForm,
)
from .requests import (
    AdviceRequestForm,
    AdviceReturnedForm,
    DecideForm,
    ExceptionForm,
    NotifiedForm,
    RequestForm,
    WithdrawForm,
)
from .reviews import ReviewDecisionForm, ReviewMeetingForm, ReviewReportForm, ReviewScheduleForm

__all__ = [
    "AdviceRequestForm",
    "AdviceReturnedForm",
    "AmendedPlanForm",
    "AppealForm",
    "AppealUpdateForm",
    "CeaseForm",
    "ChildDetailsForm",
    "ChildForm",
    "ConsultForm",
    "ContactForm",
    "DecideForm",
    "DraftForm",
    "ExceptionForm",
    "FinalForm",
    "HandOverForm",
    "NeedsForm",
    "NoteForm",
    "NotifiedForm",
    "OrderCompliedForm",
    "PlacementForm",
    "ProvisionLinkChoiceField",
    "ProvisionLinkForm",
    "ProvisionUnlinkForm",
    "RepresentationForm",
    "RequestForm",
    "ReviewDecisionForm",
    "ReviewMeetingForm",
    "ReviewReportForm",
    "ReviewScheduleForm",
    "SectionsMixin",
    "ServiceChoiceField",
    "SettingResponseForm",
    "TribunalOrderForm",
    "WithdrawForm",
    "blank",
    "setting_field",
]
