"""Registries through which apps add navigation links and dashboard panels.

Apps register in their AppConfig.ready(); the core never imports feature apps directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]
    order: int = 100


@dataclass(frozen=True)
class DashboardPanel:
    """A block on the role-aware dashboard; `context` returns None to hide the panel."""

    template: str
    context: Callable[[Any], dict[str, Any] | None]
    order: int = 100


_nav_items: list[NavItem] = []
_panels: list[DashboardPanel] = []


def register_nav(item: NavItem) -> None:
    if item not in _nav_items:
        _nav_items.append(item)


def register_panel(panel: DashboardPanel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def navigation_for(user: Any) -> list[dict[str, str]]:
    items = sorted((i for i in _nav_items if i.visible(user)), key=lambda i: i.order)
    return [{"label": str(i.label), "url": reverse(i.url_name)} for i in items]


def dashboard_panels_for(user: Any) -> list[dict[str, Any]]:
    rendered = []
    for panel in sorted(_panels, key=lambda p: p.order):
        context = panel.context(user)
        if context is not None:
            rendered.append({"template": panel.template, "context": context})
    return rendered
