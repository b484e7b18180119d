"""The synthetic council's shape: primary needs in the national shares, where cases are, the
education settings, children's ages and the text of their plans."""

from cases.models import EducationSetting
from cases.models.codes import NeedType, SettingKind, SettingType

# Published national shares of primary need, January 2025 (sen2-and-identifiers.md).
NEED_SHARES = (
    ("ASD", 31.5),
    ("SLCN", 21.3),
    ("SEMH", 20.7),
    ("MLD", 10.6),
    ("SLD", 3.9),
    ("PD", 3.9),
    ("SPLD", 2.4),
    ("HI", 1.4),
    ("PMLD", 1.3),
    ("OTH", 1.2),
    ("VI", 0.8),
    ("MSI", 0.3),
)
# Where each case is (share of children).
STAGES = (
    ("plan", 0.72),
    ("awaiting_decision", 0.06),
    ("assessing", 0.09),
    ("draft", 0.04),
    ("not_assessed", 0.04),
    ("not_issued", 0.015),
    ("withdrawn", 0.015),
    ("ceased", 0.02),
)
SETTINGS = (
    # (name pattern, kind, type, count per 2,000 children)
    ("{} Primary School", SettingKind.SCHOOL, SettingType.MAINSTREAM_MAINTAINED, 14),
    ("{} Primary Academy", SettingKind.SCHOOL, SettingType.MAINSTREAM_ACADEMY, 8),
    ("{} Academy", SettingKind.SCHOOL, SettingType.MAINSTREAM_ACADEMY, 8),
    ("{} High School", SettingKind.SCHOOL, SettingType.MAINSTREAM_MAINTAINED, 4),
    ("{} Special School", SettingKind.SCHOOL, SettingType.SPECIAL_MAINTAINED, 4),
    ("{} Special Academy", SettingKind.SCHOOL, SettingType.SPECIAL_ACADEMY, 2),
    ("{} House School", SettingKind.SCHOOL, SettingType.SPECIAL_INDEPENDENT, 2),
    ("{} College", SettingKind.COLLEGE, SettingType.FE_COLLEGE, 2),
    ("{} Specialist College", SettingKind.COLLEGE, SettingType.SPECIALIST_POST16, 1),
    ("{} Nursery", SettingKind.EARLY_YEARS, SettingType.EARLY_YEARS, 4),
    ("{} Pupil Referral Unit", SettingKind.SCHOOL, SettingType.ALTERNATIVE_PROVISION, 1),
)
PLACES = (
    "Riverside",
    "Oakfield",
    "Meadowbank",
    "Hillcrest",
    "Brookside",
    "Elmwood",
    "Kingsway",
    "Ashgrove",
    "Fairfield",
    "Highfield",
    "Westfield",
    "Greenacre",
    "Millbrook",
    "Longmead",
    "Southview",
    "Northgate",
    "Castle Hill",
    "Beechwood",
    "Parkside",
    "Lakeside",
    "Moorland",
    "Orchard",
    "Springfield",
    "Thornbury",
    "Willow Bank",
    "Cedar Park",
    "Foxhill",
    "Redbrook",
)


def _age_years(rng) -> float:
    # Most plans are held by children of school age; some under 5 and some 16-25.
    band = rng.choices(["0-4", "5-10", "11-15", "16-19", "20-25"], weights=[5, 34, 35, 19, 7])[0]
    low, high = {
        "0-4": (2, 5),
        "5-10": (5, 11),
        "11-15": (11, 16),
        "16-19": (16, 20),
        "20-25": (20, 25.5),
    }[band]
    return rng.uniform(low, high)


def _settings(*, rng, faker, children: int) -> list[EducationSetting]:
    scale = max(1, round(children / 2000))
    rows, urn = [], 100000 + rng.randrange(1000, 5000)
    for pattern, kind, setting_type, count in SETTINGS:
        for _ in range(count * scale):
            urn += rng.randrange(1, 40)
            place = rng.choice(PLACES)
            rows.append(
                EducationSetting(
                    name=pattern.format(place),
                    kind=kind,
                    setting_type=setting_type,
                    urn=str(urn) if kind != SettingKind.COLLEGE else "",
                    ukprn=str(10000000 + urn) if kind == SettingKind.COLLEGE else "",
                    la_number=801,
                    postcode=faker.postcode(),
                    has_resourced_provision=setting_type == SettingType.MAINSTREAM_MAINTAINED
                    and rng.random() < 0.2,
                    is_out_of_area=setting_type == SettingType.SPECIAL_INDEPENDENT,
                )
            )
    return EducationSetting.objects.bulk_create(rows)


SECTION_TEXT = {
    "A": "Enjoys {interest}. Wants to {aspiration}.",
    "B": "Primary need: {need}. Needs adult support to access learning and to manage change.",
    "C": "Health needs are met by universal services; reviewed by the community paediatrician.",
    "D": "No assessed social care needs at present.",
    "E": "By the end of the key stage, will {outcome}.",
    "F": "{hours} hours a week of additional adult support; specialist teaching; SALT programme delivered daily.",
    "G": "Speech and language therapy assessment and termly review.",
    "H1": "",
    "H2": "Short breaks as agreed with children's social care.",
    "I": "{setting}",
    "J": "No personal budget requested.",
    "K": "Educational psychology, health and setting advice (appendices).",
}
INTERESTS = (
    "music",
    "football",
    "drawing",
    "animals",
    "computers",
    "swimming",
    "trains",
    "cooking",
)
ASPIRATIONS = (
    "work with animals",
    "go to college",
    "live independently",
    "make friends",
    "be a chef",
)
OUTCOMES = (
    "read simple texts independently",
    "communicate needs using short sentences",
    "manage transitions with visual support",
)


def _sections(rng, need: str, setting: EducationSetting) -> dict:
    values = {
        "interest": rng.choice(INTERESTS),
        "aspiration": rng.choice(ASPIRATIONS),
        "need": NeedType(need).label,
        "outcome": rng.choice(OUTCOMES),
        "hours": rng.choice((5, 10, 15, 20, 25)),
        "setting": setting.name,
    }
    return {code: text.format(**values) for code, text in SECTION_TEXT.items()}
