"""The lesson fast path's tests again on a real Redis: a hit reads the session, the page and
the person's version in one round trip (lms.cache.get_many_follow's Lua script), and is still
never stale or another person's."""

import pytest

from tests.courses.test_lesson_fast_path import (  # noqa: F401  # collected again here
    test_a_hit_runs_no_query_and_carries_this_requests_token_and_nonce,
    test_a_teachers_session_skips_the_version_reads_after_its_first_page,
    test_after_logout_the_cached_page_is_gone,
    test_consent_withdrawal_shows_at_once,
    test_my_learning_is_cached_and_follows_progress,
    test_publish_and_unpublish_reach_the_cached_page,
    test_submit_shows_at_once,
    test_two_students_never_see_each_others_state,
)
from tests.courses.test_lesson_fast_path_wsgi import (  # noqa: F401  # and in front of Django
    app,
    test_a_hit_skips_django_and_sends_the_full_stacks_headers,
    test_a_miss_looks_up_once_and_django_renders_the_fresh_page,
    test_teachers_static_files_and_a_broken_cache_go_to_django,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _on_redis(redis_cache):
    return redis_cache


def test_a_hit_is_one_round_trip(client, student, lesson, redis_cache, monkeypatch):
    from redis.client import Redis

    client.force_login(student)
    client.get(lesson.url)  # the miss stores the page and the session -> user pointer
    calls = []
    real = Redis.execute_command

    def counted(self, *args, **options):
        calls.append(args[0])
        return real(self, *args, **options)

    monkeypatch.setattr(Redis, "execute_command", counted)
    response = client.get(lesson.url)
    assert response.status_code == 200 and "Mulai kuis" in response.content.decode()
    assert calls == ["EVALSHA"]
