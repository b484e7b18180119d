"""About 150 realistic synthetic Local Offer services across the categories families look for."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from cases.models.codes import NeedType
from local_offer.models import (
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from local_offer.postcodes import DISTRICTS

CATEGORIES = {
    "Education": [
        (
            "{place} SEND Information and Advice Service",
            "Impartial advice on SEN support, EHC needs assessments and plans, and school admissions.",
            0,
            25,
            True,
        ),
        (
            "{place} Specialist Teaching Team",
            "Advisory teachers who support schools to meet the needs of pupils with SEND.",
            4,
            16,
            True,
        ),
        (
            "{place} Early Years SEND Inclusion",
            "Help for nurseries and childminders to include young children with additional needs.",
            0,
            5,
            True,
        ),
        (
            "{place} Sensory Support Service",
            "Qualified teachers of the deaf and of children with vision impairment.",
            0,
            19,
            True,
        ),
    ],
    "Health": [
        (
            "{place} Children's Speech and Language Therapy",
            "Assessment and therapy for children with speech, language and communication needs.",
            0,
            18,
            True,
        ),
        (
            "{place} Child Development Centre",
            "Paediatric assessment for young children with developmental concerns.",
            0,
            5,
            True,
        ),
        (
            "{place} Children's Occupational Therapy",
            "Help with everyday skills, sensory processing and equipment.",
            0,
            18,
            True,
        ),
        (
            "{place} CAMHS Neurodevelopmental Pathway",
            "Assessment for autism and ADHD, and support after diagnosis.",
            5,
            17,
            True,
        ),
    ],
    "Social care": [
        (
            "{place} Children with Disabilities Team",
            "Social work support for disabled children and their families.",
            0,
            18,
            True,
        ),
        (
            "{place} Carers' Assessment for Parents",
            "An assessment of what you need as the parent carer of a disabled child.",
            0,
            25,
            True,
        ),
    ],
    "Short breaks and leisure": [
        (
            "{place} Saturday Club",
            "Fun activities for disabled children and young people while parents have a break.",
            5,
            17,
            False,
        ),
        (
            "{place} Inclusive Swimming Sessions",
            "Quiet, sensory-friendly swimming sessions with trained staff.",
            3,
            25,
            False,
        ),
        ("{place} Holiday Play Scheme", "Supported play scheme in school holidays.", 5, 14, False),
        (
            "{place} Youth Club for Young People with SEND",
            "Weekly youth club with 1:1 support where needed.",
            11,
            25,
            True,
        ),
    ],
    "Transport": [
        (
            "{place} Home to School Transport",
            "Travel support for eligible pupils with SEND.",
            5,
            19,
            True,
        ),
        (
            "{place} Independent Travel Training",
            "Helping young people learn to travel on their own safely.",
            11,
            25,
            True,
        ),
    ],
    "Advice and support": [
        (
            "{place} Parent Carer Forum",
            "Parents of children with SEND working with the council and health to improve services.",
            0,
            25,
            True,
        ),
        (
            "{place} Autism Family Support Group",
            "Peer support and workshops for families of autistic children.",
            0,
            25,
            True,
        ),
        (
            "{place} SEND Mediation Service",
            "Independent disagreement resolution and mediation.",
            0,
            25,
            True,
        ),
    ],
    "Preparing for adulthood": [
        (
            "{place} Supported Internships",
            "Work-based study programmes for young people with EHC plans.",
            16,
            25,
            True,
        ),
        (
            "{place} Transition Team",
            "Planning the move to adult health and social care services.",
            14,
            25,
            True,
        ),
        (
            "{place} Supported Living Advice",
            "Information about housing options and independent living.",
            16,
            25,
            True,
        ),
    ],
}
NEED_KEYWORDS = {
    "Autism": "ASD",
    "Speech": "SLCN",
    "Sensory": "HI",
    "CAMHS": "SEMH",
    "Occupational": "PD",
    "Swimming": "PMLD",
}
PLACES = (
    "Peterborough",
    "Cambridge",
    "Huntingdon",
    "Ely",
    "Wisbech",
    "St Neots",
    "March",
    "Whittlesey",
)


@transaction.atomic
def build_local_offer(
    *, rng, faker, context: dict, children: int, progress: bool = True, **_
) -> None:
    if Service.objects.exists():
        return  # the directory is loaded once
    today = timezone.localdate()
    needs = Taxonomy.objects.create(
        name="SEN need types",
        description="Special educational needs types (SEN2 codes)",
        uri="https://www.gov.uk/government/collections/special-educational-needs-statistics",
    )
    kinds = Taxonomy.objects.create(
        name="Service types", description="Kinds of service in the Local Offer", version="1"
    )
    need_terms = {
        code: TaxonomyTerm.objects.create(taxonomy=needs, code=code, name=label, description=label)
        for code, label in NeedType.choices
        if code != NeedType.NSA
    }
    kind_terms = {
        name: TaxonomyTerm.objects.create(taxonomy=kinds, name=name, description=f"{name} services")
        for name in CATEGORIES
    }
    orgs = {
        "Education": Organization.objects.create(
            name="Demo Borough Council SEND Service",
            description="The council's special educational needs and disabilities service.",
            email="send@example.gov.uk",
            website="https://www.example.gov.uk/send",
        ),
        "Health": Organization.objects.create(
            name="Demo Community Health NHS Trust",
            description="Community health services for children and young people.",
            website="https://www.example.nhs.uk",
        ),
        "Social care": Organization.objects.create(
            name="Demo Borough Council Children's Services",
            description="Children's social care.",
            website="https://www.example.gov.uk/children",
        ),
        "other": Organization.objects.create(
            name="Demo Family Support Network",
            description="A charity run by and for families of children with SEND.",
            website="https://www.example.org",
        ),
    }
    districts = list(DISTRICTS.items())
    count = 0
    for category, templates in CATEGORIES.items():
        for template in templates:
            for place in PLACES:
                if count >= 150 or (rng.random() < 0.2 and category != "Education"):
                    continue
                name, description, low, high, free = template
                district, (lat, lon) = rng.choice(districts)
                assured = today - datetime.timedelta(days=rng.randrange(5, 200))
                service = Service.objects.create(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    organization=orgs.get(category, orgs["other"]),
                    name=name.format(place=place),
                    description=description,
                    url=f"https://www.example.org/services/{count + 1}",
                    email=f"service{count + 1}@example.org",
                    is_free=free,
                    fees_description=""
                    if free
                    else "A small charge per session; ask about help with costs.",
                    eligibility_description=f"Children and young people aged {low} to {high} with special educational needs or disabilities, and their families, living in or near {place}.",
                    application_process=rng.choice(
                        (
                            "Ask your child's school or nursery to refer you.",
                            "Contact the service directly by phone or email.",
                            "Ask your GP or health visitor for a referral.",
                            "Self-referral using the online form on the website.",
                        )
                    ),
                    minimum_age=low,
                    maximum_age=high,
                    assured_date=assured,
                    assurer_email="localoffer@example.gov.uk",
                )
                location = Location.objects.create(
                    name=f"{place} {rng.choice(('Family Hub', 'Children’s Centre', 'Community Centre', 'Health Centre'))}",
                    address_1=f"{rng.randrange(1, 120)} {faker.street_name()}",
                    city=place,
                    postcode=f"{district} {rng.randrange(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTUW')}",
                    latitude=lat + rng.uniform(-0.02, 0.02),
                    longitude=lon + rng.uniform(-0.02, 0.02),
                    accessibility=rng.choice(
                        (
                            "Step-free access and an accessible toilet.",
                            "Ramp at the side entrance; hearing loop at reception.",
                            "Quiet room available on request.",
                        )
                    ),
                )
                ServiceAtLocation.objects.create(service=service, location=location)
                Contact.objects.create(
                    service=service,
                    name=faker.name(),
                    title="Service coordinator",
                    phone=f"01733 {rng.randrange(100000, 999999)}",
                    email=f"contact{count + 1}@example.org",
                )
                Schedule.objects.create(
                    service=service,
                    description=rng.choice(
                        (
                            "Monday to Friday, 9am to 5pm",
                            "Saturdays, 10am to 2pm",
                            "Term-time Wednesdays, 4pm to 6pm",
                        )
                    ),
                    byday=rng.choice(("MO,TU,WE,TH,FR", "SA", "WE")),
                )
                if not free:
                    CostOption.objects.create(
                        service=service,
                        option="Per session",
                        amount=rng.choice((3, 5, 8, 12)),
                        amount_description="Concessions available",
                    )
                ServiceArea.objects.create(service=service, name=place)
                Language.objects.create(service=service, name="English", code="en")
                Attribute.objects.create(service=service, taxonomy_term=kind_terms[category])
                for keyword, code in NEED_KEYWORDS.items():
                    if keyword in name:
                        Attribute.objects.create(service=service, taxonomy_term=need_terms[code])
                count += 1
