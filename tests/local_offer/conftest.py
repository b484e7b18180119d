import datetime
import random

import pytest
from faker import Faker


@pytest.fixture
def directory(db):
    """The demo Local Offer (about 150 services)."""
    from demo.local_offer import build_local_offer

    build_local_offer(rng=random.Random(5), faker=Faker("en_GB"), context={}, children=0)


@pytest.fixture
def service(directory):
    from local_offer.models import Service

    return Service.objects.filter(name__contains="Autism").first()


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture
def small_directory(db):
    """One service at one place, open on Saturday mornings, under one taxonomy term."""
    from local_offer.models import (
        Location,
        Organization,
        Schedule,
        Service,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )

    org = Organization.objects.create(name="Fenland Parent Carers", description="A forum")
    taxonomy = Taxonomy.objects.create(name="SEN need", description="Needs")
    term = TaxonomyTerm.objects.create(taxonomy=taxonomy, name="Autism", description="ASD")
    service = Service.objects.create(
        organization=org, name="Saturday Club", description="Play", minimum_age=5, maximum_age=11
    )
    service.attributes.create(taxonomy_term=term)
    Schedule.objects.create(
        service=service,
        description="Saturdays 10 to 12",
        byday="SA",
        opens_at=datetime.time(10),
        closes_at=datetime.time(12),
    )
    place = Location.objects.create(
        name="Hall",
        address_1="1 High St",
        city="Peterborough",
        postcode="PE1 1AA",
        latitude=52.58,
        longitude=-0.24,
    )
    ServiceAtLocation.objects.create(service=service, location=place)
    return service
