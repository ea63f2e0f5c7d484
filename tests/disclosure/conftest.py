import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached comparisons and the public API's rate counters start empty in every test."""
    cache.clear()
    yield
