"""Keep cached lesson navigation fresh when editors publish, unpublish, move or delete pages."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move


def _clear(sender: Any, **kwargs: Any) -> None:
    from courses.selectors import nav_cache_clear

    nav_cache_clear()


def _clear_on_page_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        _clear(sender)


page_published.connect(_clear, dispatch_uid="courses-nav-published")
page_unpublished.connect(_clear, dispatch_uid="courses-nav-unpublished")
post_page_move.connect(_clear, dispatch_uid="courses-nav-moved")
post_delete.connect(_clear_on_page_delete, dispatch_uid="courses-nav-deleted")


def _clear_on_assignment_change(sender: Any, **kwargs: Any) -> None:
    _clear(sender)  # the lesson page shows its assignment's title and due date from the cache


post_save.connect(
    _clear_on_assignment_change, sender="courses.Assignment", dispatch_uid="courses-nav-assignment"
)
post_delete.connect(
    _clear_on_assignment_change,
    sender="courses.Assignment",
    dispatch_uid="courses-nav-assignment-deleted",
)
