from .appeals import Appeal, AppealStatus, TribunalOrder
from .assessments import (
    OPEN_REQUEST_STATUSES,
    AdviceRequest,
    AssessmentRequest,
    ExceptionStage,
    Representation,
    RequestStatus,
    SettingConsultation,
    SettingResponse,
    StatutoryException,
)
from .children import Child, EducationSetting, ParentCarer, Placement, SenNeed
from .partners import PartnerKind, PartnerOrganisation
from .plans import (
    EHCPlan,
    PlanStatus,
    PlanVersion,
    ProvisionLink,
    ProvisionSection,
    VersionKind,
)
from .records import (
    OPEN_DEADLINE_STATES,
    CaseNote,
    DeadlineState,
    RecordAccess,
    StatutoryDeadline,
    TimelineEvent,
)
from .reviews import AnnualReview, ReviewStatus

__all__ = [
    "OPEN_DEADLINE_STATES",
    "OPEN_REQUEST_STATUSES",
    "AdviceRequest",
    "AnnualReview",
    "Appeal",
    "AppealStatus",
    "AssessmentRequest",
    "CaseNote",
    "Child",
    "DeadlineState",
    "EHCPlan",
    "EducationSetting",
    "ExceptionStage",
    "ParentCarer",
    "PartnerKind",
    "PartnerOrganisation",
    "Placement",
    "PlanStatus",
    "PlanVersion",
    "ProvisionLink",
    "ProvisionSection",
    "RecordAccess",
    "Representation",
    "RequestStatus",
    "ReviewStatus",
    "SenNeed",
    "SettingConsultation",
    "SettingResponse",
    "StatutoryDeadline",
    "StatutoryException",
    "TimelineEvent",
    "TribunalOrder",
    "VersionKind",
]
