import datetime
import random

import pytest
from faker import Faker


@pytest.fixture
def directory(db):
    """The demo Local Offer (about 150 services)."""
    from local_offer.demo import build_local_offer

    build_local_offer(rng=random.Random(5), faker=Faker("en_GB"), context={}, children=0)


@pytest.fixture
def service(directory):
    from local_offer.models import Service

    return Service.objects.filter(name__contains="Autism").first()


@pytest.fixture
def today():
    return datetime.date.today()
