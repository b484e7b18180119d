import pytest

from accounts.council import council_settings_forget


@pytest.fixture(autouse=True)
def _council_settings_cache():
    """The council settings are cached between requests: no test sees another's."""
    council_settings_forget()
    yield
    council_settings_forget()
