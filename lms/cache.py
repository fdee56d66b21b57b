"""Django's Redis cache with one redis-py client per connection pool, not one per call.

`django.core.cache.backends.redis.RedisCacheClient.get_client()` builds a new `redis.Redis`
for every cache call; redis-py's constructor fills its response-callback table each time
(~0.1-0.2 ms, measured in bench/lesson_page.py's profile: the largest part of a cached
page's cost). The client object is thread-safe and only wraps the pool, so one per pool does
the same work. The pools themselves stay Django's (redis-py re-creates connections after a
fork).
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        base: Any = self  # the stubs do not list the private helpers this one reuses
        index = base._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = base._client(
                connection_pool=base._get_connection_pool(write)
            )
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._follow_script: Any = None

    def get_many_follow(self, keys: list[str], pointer: str, prefix: str) -> dict[str, Any]:
        """See `get_many_follow()`: MGET and the followed GET in one Lua script."""
        made = [self.make_and_validate_key(key) for key in (*keys, pointer)]
        # The followed key's made name is the made prefix + the value only with Django's
        # default key function ("prefix:version:key"); another one gets two calls.
        made_prefix = self.make_and_validate_key(prefix)
        if self.make_and_validate_key(f"{prefix}0") != f"{made_prefix}0":
            return get_many_follow(_NoFollow(self), keys, pointer, prefix)
        inner: Any = self._cache  # the stubs do not list the serializer
        client = inner.get_client(None)
        if self._follow_script is None:
            self._follow_script = client.register_script(_FOLLOW)
        values = self._follow_script(keys=made, args=[made_prefix], client=client)
        loads = inner._serializer.loads
        names = [*keys, pointer]
        found = {name: loads(v) for name, v in zip(names, values, strict=False) if v is not None}
        target = found.get(pointer)
        if type(target) is int and values[-1] is not None:
            found[f"{prefix}{target}"] = loads(values[-1])
        return found


class _NoFollow:
    """A cache seen without its `get_many_follow` (the two-call fallback)."""

    def __init__(self, cache: Any) -> None:
        self.get_many = cache.get_many
        self.get = cache.get


# get_many and one key more, named by a value found: one round trip on Redis -----------------

# KEYS: the keys to read, the pointer last; ARGV[1]: the made name of the followed key up
# to the pointer's value. A missing value is `false` in Lua and comes back as None.
_FOLLOW = """
local found = redis.call('MGET', unpack(KEYS))
local target = found[#found]
if target then
  table.insert(found, redis.call('GET', ARGV[1] .. target))
else
  table.insert(found, false)
end
return found
"""


def get_many_follow(cache: Any, keys: list[str], pointer: str, prefix: str) -> dict[str, Any]:
    """`cache.get_many(keys + [pointer])` plus `prefix + str(value of pointer)` when the
    pointer holds an int. On Redis one round trip (a Lua script); elsewhere two calls.

    lms.fastpage reads the session, the page and the person's version at once: the version's
    key needs the user id, which the pointer (session -> user id) holds."""
    follow = getattr(cache, "get_many_follow", None)
    if follow is not None:
        return follow(keys, pointer, prefix)
    found = cache.get_many([*keys, pointer])
    target = found.get(pointer)
    if type(target) is int:
        value = cache.get(f"{prefix}{target}")
        if value is not None:
            found[f"{prefix}{target}"] = value
    return found
