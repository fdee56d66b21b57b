"""The demo serves static files as production does: hashed names, compressed, cached for a year.

scripts/e2e.sh runs the demo settings (lms/settings/dev.py) after `collectstatic`, exactly as
`make demo` does, so what a phone downloads here is what it downloads from a district server.
"""

from __future__ import annotations

import re
import urllib.request

import pytest

pytestmark = pytest.mark.e2e

ONE_YEAR = 365 * 24 * 3600


def _get(url: str, encoding: str = "identity") -> tuple[bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return response.read(), {k.lower(): v for k, v in response.headers.items()}


def _static_urls(base_url: str) -> list[str]:
    html, _ = _get(base_url + "/akun/masuk/")
    return sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html.decode())))


def test_pages_link_hashed_static_names(base_url: str) -> None:
    urls = _static_urls(base_url)
    assert urls, "the login page links no static file"
    for url in urls:
        # kopsis.3f2a9c1b4d5e.css: the manifest storage's content hash in the name.
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), f"{url} is not cache-busted"


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_are_compressed_and_cached_for_a_year(base_url: str, encoding: str) -> None:
    css = next(u for u in _static_urls(base_url) if u.endswith(".css"))
    plain, _ = _get(base_url + css)
    body, headers = _get(base_url + css, encoding)
    assert headers.get("content-encoding") == encoding
    assert len(body) < len(plain) / 2, (len(body), len(plain))
    cache = headers.get("cache-control", "")
    assert "immutable" in cache, cache
    max_age = int(re.search(r"max-age=(\d+)", cache).group(1))  # type: ignore[union-attr]
    assert max_age >= ONE_YEAR, cache
