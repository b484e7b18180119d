"""SEN2 and case codes (sen2-and-identifiers.md, statutory-timescales.md). One name per domain word."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    # DfE main ethnicity codes (school census), abbreviated set.
    WBRI = "WBRI", "White - British"
    WIRI = "WIRI", "White - Irish"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy / Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black - African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class UpnUnknownReason(models.TextChoices):
    UN1 = "UN1", "Under 6 and no UPN yet"
    UN2 = "UN2", "Never in an English state-funded school"
    UN3 = "UN3", "Educated outside England"
    UN5 = "UN5", "Matching discrepancies"
    UN8 = "UN8", "New to the council, not yet known"
    UN9 = "UN9", "Never in state school or FE in England"
    UN10 = "UN10", "Request closed before the UPN or ULN was known"


class NeedType(models.TextChoices):
    SPLD = "SPLD", "Specific learning difficulty"
    MLD = "MLD", "Moderate learning difficulty"
    SLD = "SLD", "Severe learning difficulty"
    PMLD = "PMLD", "Profound and multiple learning difficulty"
    SEMH = "SEMH", "Social, emotional and mental health"
    SLCN = "SLCN", "Speech, language and communication needs"
    HI = "HI", "Hearing impairment"
    VI = "VI", "Vision impairment"
    MSI = "MSI", "Multi-sensory impairment"
    PD = "PD", "Physical disability"
    ASD = "ASD", "Autistic spectrum disorder"
    DS = "DS", "Down syndrome"
    OTH = "OTH", "Other difficulty or disability"
    NSA = "NSA", "SEN support but no specialist assessment of type of need"


class NeedRank(models.IntegerChoices):
    PRIMARY = 1, "Primary"
    SECONDARY = 2, "Secondary"


class RequestSource(models.TextChoices):
    PARENT = "1", "Young person or parent"
    SETTING = "2", "School or other education setting"
    HEALTH = "3", "Health"
    SOCIAL_CARE = "4", "Social care"
    OTHER = "5", "Other"


class RequestOutcome(models.TextChoices):
    """SEN2 module 2 request outcome."""

    ASSESSED = "Y", "Assessed"
    NOT_ASSESSED = "N", "Not assessed"
    NOT_DECIDED = "A", "Not yet decided"
    WITHDRAWN = "W", "Withdrawn or ceased before a decision"
    HISTORICAL = "H", "Historical"


class AssessmentOutcome(models.TextChoices):
    """SEN2 module 3 assessment outcome."""

    PLAN_ISSUED = "Y", "Plan issued"
    NOT_ISSUED = "N", "Not issued"
    NOT_DECIDED = "A", "Not yet decided"
    WITHDRAWN = "W", "Withdrawn"
    HISTORICAL = "H", "Historical"


class CeaseReason(models.TextChoices):
    MAXIMUM_AGE = "1", "Reached maximum age"
    NEEDS_MET = "2", "Needs met without a plan"
    HIGHER_EDUCATION = "3", "Moved to higher education"
    EMPLOYMENT = "4", "Paid employment"
    MOVED_ENGLAND = "5", "Moved to another council in England"
    NO_LONGER_ENGAGING = "6", "Young person no longer wishes to engage"
    MOVED_OUTSIDE_ENGLAND = "7", "Moved outside England"
    DIED = "8", "Died"
    OTHER = "9", "Other"


class SettingKind(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    SCHOOL = "school", "School"
    COLLEGE = "college", "College or post-16 provider"
    OTHER = "other", "Other"


class SettingType(models.TextChoices):
    """Setting types used in published statistics."""

    MAINSTREAM_MAINTAINED = "mainstream_maintained", "Mainstream school - maintained"
    MAINSTREAM_ACADEMY = "mainstream_academy", "Mainstream school - academy or free school"
    MAINSTREAM_INDEPENDENT = "mainstream_independent", "Mainstream school - independent"
    SPECIAL_MAINTAINED = "special_maintained", "Special school - maintained"
    SPECIAL_ACADEMY = "special_academy", "Special school - academy or free school"
    SPECIAL_INDEPENDENT = "special_independent", "Special school - independent"
    SPECIAL_NON_MAINTAINED = "special_non_maintained", "Special school - non-maintained"
    ALTERNATIVE_PROVISION = "alternative_provision", "Alternative provision or PRU"
    FE_COLLEGE = "fe_college", "General FE and tertiary college"
    SPECIALIST_POST16 = "specialist_post16", "Specialist post-16 institution"
    OTHER_POST16 = "other_post16", "Other post-16 provider"
    EARLY_YEARS = "early_years", "Early years provider"


class SettingCode(models.TextChoices):
    """SEN2 codes for a setting without a URN or UKPRN."""

    OLA = "OLA", "Other council arrangements"
    OPA = "OPA", "Other arrangements made by the parent"
    EHE = "EHE", "Elective home education"
    EYP = "EYP", "Early years provider without URN"
    OTH = "OTH", "Other"
    NEET = "NEET", "Not in education, employment or training"
    NIEC = "NIEC", "Not in education, notice to cease issued"
    NIEO = "NIEO", "Not in education, other"


class AdviserType(models.TextChoices):
    EDUCATIONAL_PSYCHOLOGY = "educational_psychology", "Educational psychology"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    SETTING = "setting", "The education setting"
    OTHER = "other", "Other"


class ReviewDecision(models.TextChoices):
    """SEN2 module 5a review outcome."""

    MAINTAIN = "M", "Maintain the plan"
    AMEND = "A", "Amend the plan"
    CEASE = "C", "Cease the plan"


class ReviewKind(models.TextChoices):
    ANNUAL = "annual", "Annual review"
    PHASE_TRANSFER = "phase_transfer", "Phase-transfer review"
    EARLY = "early", "Early or interim review"


class PhaseTransfer(models.TextChoices):
    EARLY_YEARS_TO_SCHOOL = "ey_school", "Early years to school"
    INFANT_TO_JUNIOR = "infant_junior", "Infant to junior"
    PRIMARY_TO_MIDDLE = "primary_middle", "Primary to middle"
    PRIMARY_TO_SECONDARY = "primary_secondary", "Primary to secondary"
    MIDDLE_TO_SECONDARY = "middle_secondary", "Middle to secondary"
    SECONDARY_TO_POST16 = "secondary_post16", "Secondary to post-16"


class ExceptionReason(models.TextChoices):
    SCHOOL_CLOSURE = "a", "(a) School or post-16 institution closed for 4 weeks or more"
    EARLY_YEARS_CLOSURE = "b", "(b) Early years provider closed for 4 weeks or more"
    PERSONAL_CIRCUMSTANCES = "c", "(c) Exceptional personal circumstances"
    ABSENCE = "d", "(d) Absent from the area for 4 weeks or more"
    ADVICE_EXCEPTIONAL = "advice_exceptional", "Adviser: exceptional circumstances (reg 8(2))"
    ADVICE_ABSENCE = (
        "advice_absence",
        "Adviser: absent from the area for 4 weeks or more (reg 8(2))",
    )
    ADVICE_MISSED_APPOINTMENT = (
        "advice_missed_appointment",
        "Adviser: missed appointment (reg 8(2))",
    )


class AppealableDecision(models.TextChoices):
    REFUSAL_TO_ASSESS = "refuse_assess", "Refusal to assess"
    REFUSAL_TO_ISSUE = "refuse_issue", "Refusal to issue a plan"
    PLAN_CONTENT = "plan_content", "Content of the plan (sections B, F, I)"
    SETTING_ONLY = "setting_only", "Setting named in the plan only"
    REFUSAL_TO_REASSESS = "refuse_reassess", "Refusal to re-assess"
    REFUSAL_TO_AMEND = "refuse_amend", "Refusal to amend after a review"
    CEASE = "cease", "Decision to cease the plan"


class AppealOutcome(models.TextChoices):
    UPHELD = "upheld", "Appeal upheld (in full or part)"
    DISMISSED = "dismissed", "Appeal dismissed"
    WITHDRAWN = "withdrawn", "Withdrawn by the family"
    CONCEDED = "conceded", "Conceded by the council"
    MEDIATION_AGREED = "mediation_agreed", "Settled at mediation"


class TribunalOrderKind(models.TextChoices):
    """Reg 44 (and reg 42 for mediation agreements) orders and their limits."""

    ASSESS = "assess", "Assess or re-assess"
    MAKE_PLAN = "make_plan", "Make and maintain a plan"
    AMEND_PLAN = "amend_plan", "Amend the plan"
    CHANGE_SETTING = "change_setting", "Change the named setting only"
    CONTINUE = "continue", "Continue to maintain the plan"
    OTHER_AGREED = "other_agreed", "Other agreed action (mediation)"


PLAN_SECTIONS = (
    ("A", "Views, interests and aspirations"),
    ("B", "Special educational needs"),
    ("C", "Health needs"),
    ("D", "Social care needs"),
    ("E", "Outcomes"),
    ("F", "Special educational provision"),
    ("G", "Health provision"),
    ("H1", "Social care provision (section 2 CSDPA 1970)"),
    ("H2", "Other social care provision"),
    ("I", "Placement"),
    ("J", "Personal budget"),
    ("K", "Advice and information"),
)
