import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _lege_cache():
    # The count of failed logins per client address lives in the cache (accounts.limieten);
    # in tests that is one process' memory, shared by all tests, so each starts at zero.
    cache.clear()
