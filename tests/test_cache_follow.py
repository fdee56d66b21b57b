"""lms.cache.get_many_follow: get_many plus the key a found value names, on Redis in one Lua
script and on any other cache in two calls, with the same answers."""

import pytest
from django.core.cache.backends.locmem import LocMemCache

from lms.cache import get_many_follow


def _answers(cache):
    cache.set_many({"a": {"x": 1}, "ptr": 7, "v:7": 42, "bad": "seven"})
    return [
        get_many_follow(cache, ["a", "missing"], "ptr", "v:"),
        get_many_follow(cache, ["a"], "nothing", "v:"),
        get_many_follow(cache, [], "bad", "v:"),  # not an int: nothing followed
        get_many_follow(cache, ["a"], "ptr", "w:"),  # followed key missing
    ]


EXPECTED = [
    {"a": {"x": 1}, "ptr": 7, "v:7": 42},
    {"a": {"x": 1}},
    {"bad": "seven"},
    {"a": {"x": 1}, "ptr": 7},
]


def test_any_cache_in_two_calls():
    assert _answers(LocMemCache("follow", {})) == EXPECTED


@pytest.mark.postgres
def test_redis_in_one_script(redis_cache):
    assert _answers(redis_cache) == EXPECTED
    redis_cache.set("v:7", 43)
    assert get_many_follow(redis_cache, [], "ptr", "v:")["v:7"] == 43
