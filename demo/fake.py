"""Faker, imported only when demo data is built: the portal runs without it."""

MISSING = (
    "Demo data needs the packages in requirements-demo.txt (Faker, tqdm): "
    "run `.venv/bin/python -m pip install -r requirements-demo.txt` (bin/start does)."
)


class DemoPackagesMissing(ImportError):
    pass


def make_faker(seed: int):
    """An en_GB Faker seeded for a deterministic council."""
    try:
        from faker import Faker
    except ImportError as error:
        raise DemoPackagesMissing(MISSING) from error
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    return faker


def progress_bar(*, total: int, enabled: bool):
    """A tqdm bar, or None when progress is off or tqdm is not installed."""
    if not enabled:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="child")
