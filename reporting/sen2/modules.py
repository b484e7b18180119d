"""The SEN2 modules (sen2-and-identifiers.md) and their fields, in COLLECT order. Each record is a
dict of these field names; `PersonID` and the other *ID keys link the CSV modules (the case
reference, never a name) and are not written to the XML, where nesting links them."""

HEADER = (
    "Collection",
    "Year",
    "ReferenceDate",
    "SourceLevel",
    "LEA",
    "SoftwareCode",
    "Release",
    "SerialNo",
    "DateTime",
    "DMO",
    "DCO",
    "DSCO",
)
PERSON = (
    "Surname",
    "Forename",
    "PersonBirthDate",
    "Sex",
    "Ethnicity",
    "PostCode",
    "UPN",
    "UniqueLearnerNumber",
    "UPNunknown",
)
REQUEST = (
    "ReceivedDate",
    "RequestSource",
    "RYA",
    "RequestOutcomeDate",
    "RequestOutcome",
    "RequestMediation",
    "RequestTribunal",
    "Exported",
)
ASSESSMENT = (
    "AssessmentOutcome",
    "AssessmentOutcomeDate",
    "AssessmentMediation",
    "AssessmentTribunal",
    "OtherMediation",
    "OtherTribunal",
    "Week20",
)
NAMED_PLAN = (
    "StartDate",
    "PlanRes",
    "PlanWBL",
    "PBTakenUp",
    "PBOrganisedArrangements",
    "PBDirectPayments",
    "CeaseDate",
    "CeaseReason",
)
PLAN_DETAIL = (
    "URN",
    "UKPRN",
    "SENsetting",
    "PlacementRank",
    "SENunitIndicator",
    "ResourcedProvisionIndicator",
)
ACTIVE_PLANS = (
    "TransferLA",
    "LastReview",
    "ReviewDecisionDate",
    "ReviewOutcome",
    "DraftAmendedPlanDate",
    "PhaseTransferDueDate",
    "PhaseTransferFinalDate",
)
PLACEMENT_DETAIL = (
    "URN",
    "UKPRN",
    "SENsetting",
    "PlacementRank",
    "EntryDate",
    "LeavingDate",
    "SENunitIndicator",
    "ResourcedProvisionIndicator",
    "PlacementResidential",
    "PlacementWBL",
)
SEN_NEED = ("SENtype", "SENtypeRank")

# (module number and name, the CSV file, its linking keys, its fields)
CSV_MODULES = (
    ("0 Header", "0_header.csv", (), HEADER),
    ("1 Person", "1_person.csv", ("PersonID",), PERSON),
    ("2 Requests", "2_requests.csv", ("PersonID", "RequestID"), REQUEST),
    ("3 Assessment", "3_assessment.csv", ("PersonID", "RequestID"), ASSESSMENT),
    ("4a Named plan", "4a_named_plan.csv", ("PersonID", "RequestID", "PlanID"), NAMED_PLAN),
    ("4b Plan detail", "4b_plan_detail.csv", ("PersonID", "PlanID"), PLAN_DETAIL),
    ("5a Active plans", "5a_active_plans.csv", ("PersonID", "PlanID"), ACTIVE_PLANS),
    ("5b Placement detail", "5b_placement_detail.csv", ("PersonID", "PlanID"), PLACEMENT_DETAIL),
    ("5c SEN need", "5c_sen_need.csv", ("PersonID", "PlanID"), SEN_NEED),
)
