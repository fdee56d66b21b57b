"""A typed request for views: django-htmx adds `htmx`, auth adds our `User`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from lms.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails
    user: User


def site_base_url(request: HttpRequest) -> str:
    """Scheme and host to print on paper (cards): SITE_BASE_URL, else this request's."""
    from django.conf import settings

    return (settings.SITE_BASE_URL or request.build_absolute_uri("/")).rstrip("/")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or, when that is a trusted proxy, the nearest
    address in X-Forwarded-For (then X-Real-IP) that is not itself a trusted proxy.

    Used by django-axes (AXES_CLIENT_IP_CALLABLE): behind nginx every REMOTE_ADDR is the
    proxy's, so without this one wrong password locked a username for the whole internet.
    The header is read right to left because nginx appends ($proxy_add_x_forwarded_for):
    whatever a client wrote itself sits further left and is never trusted.
    """
    from django.conf import settings

    remote = request.META.get("REMOTE_ADDR") or None
    if not _is_trusted_proxy(remote, settings.TRUSTED_PROXIES):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops and request.META.get("HTTP_X_REAL_IP"):
        hops = [request.META["HTTP_X_REAL_IP"].strip()]
    for hop in reversed(hops):
        if not _valid_ip(hop):
            return remote  # a malformed header: fall back to the proxy, never guess
        if not _is_trusted_proxy(hop, settings.TRUSTED_PROXIES):
            return hop
    return remote


def _valid_ip(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _is_trusted_proxy(address: str | None, trusted: list[str]) -> bool:
    import ipaddress

    if not address or not _valid_ip(address):
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in ipaddress.ip_network(network, strict=False) for network in trusted)
