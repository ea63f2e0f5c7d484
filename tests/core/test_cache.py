"""core.cache: invalidation that survives a concurrent reader, and the Redis backend's shared
client (one per connection pool, shared by threads)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache, caches

from core.cache import SharedClientRedisCache, forget


def test_forget_deletes_now_and_again_at_commit(db, django_capture_on_commit_callbacks):
    cache.set("core-test:k", "old")
    with django_capture_on_commit_callbacks(execute=True):
        forget(["core-test:k"])
        assert cache.get("core-test:k") is None
        cache.set("core-test:k", "old")  # a request that read before the commit stored it again
    assert cache.get("core-test:k") is None


def test_redis_client_is_built_once_and_shared_by_threads():
    if not isinstance(caches["default"], SharedClientRedisCache):
        pytest.skip("the embedded default has no Redis (REDIS_URL unset)")
    backend = caches["default"]._cache
    assert backend.get_client(write=True) is backend.get_client(write=True)

    def roundtrip(i):
        cache.set(f"core-test:t{i}", i)
        return cache.get(f"core-test:t{i}")

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(roundtrip, range(64))) == list(range(64))


def test_clear_empties_only_this_caches_prefix(settings):
    """Test runs, xdist workers and deployments sharing one Redis: clearing one keeps the rest."""
    other_params = {**settings.CACHES["default"], "KEY_PREFIX": "core-test-other-site"}
    other = SharedClientRedisCache(other_params["LOCATION"], other_params)
    other.set("k", "theirs")
    cache.set("core-test:mine", "mine")
    try:
        cache.clear()
        assert cache.get("core-test:mine") is None
        assert other.get("k") == "theirs"
    finally:
        other.clear()
    assert other.get("k") is None
