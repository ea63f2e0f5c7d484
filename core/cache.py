"""Django's Redis cache backend, keeping one client per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache operation,
and building one registers ~170 response callbacks — about as long as the round trip to Redis
itself. A `redis.Redis` over a connection pool is safe to share between threads (redis-py), so
one per pool is kept. The bill page makes three cache reads per request (issue 4 "Speed")."""

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction


class _SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClient

    def clear(self):
        """Only this cache's own keys when it has a KEY_PREFIX: a Redis shared by several
        deployments (CACHE_KEY_PREFIX) or test runs (config/settings/test.py) keeps the others'
        entries. Without a prefix, the whole Redis database, as Django does."""
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True


def forget(keys) -> None:
    """Delete cache entries now, and again when the current transaction commits: a request
    that read the rows before the commit may have stored the old answer in between."""
    keys = list(keys)
    if not keys:
        return
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))
