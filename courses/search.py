"""Search over published courses and lessons (Wagtail's database backend)."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from courses.models import CoursePage, LessonPage
from courses.selectors import hidden_ancestor


def search_learning(*, query: str, limit: int = 30) -> list[Any]:
    """Published, public courses and lessons, best match first.

    A live lesson inside an unpublished course or module would answer 404: it is dropped
    here (the search backend cannot filter on ancestors), so a few more hits are fetched.
    """
    # operator="and": every word must match, so a two-word query from a phone stays precise.
    pages = Page.objects.live().public().type(CoursePage, LessonPage).search(query, operator="and")
    ids = [page.pk for page in pages[: limit * 2]]
    found = Page.objects.filter(pk__in=ids).exclude(hidden_ancestor()).specific().in_bulk()
    return [found[pk] for pk in ids if pk in found][:limit]  # back in relevance order
