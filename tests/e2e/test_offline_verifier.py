"""The offline verifier in Chromium with the network cut (issue 10, point 4).

Online once: /v/offline/ installs the service worker, which caches the page, its JS, the key
set and the status lists. Then offline: a valid QR URL shows "Sah"; every tampered token
(a changed character, an unknown key id, alg none, HS256, another Ed25519 key) shows
"Tidak sah"; the revoked certificate shows "Dicabut". The certificates come from
`manage.py cert_verifier_e2e` (the demo's, or two it creates once), run with the same
settings and state as the server (scripts/e2e.sh exports them).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.e2e


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64json(obj: dict) -> str:
    return b64(json.dumps(obj, separators=(",", ":")).encode())


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture(scope="module")
def certificates() -> dict[str, str]:
    out = subprocess.run(
        [sys.executable, "manage.py", "cert_verifier_e2e"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def tampered_tokens(jws: str) -> dict[str, str]:
    header_b64, payload_b64, signature_b64 = jws.split(".")
    header = json.loads(unb64(header_b64))
    claims = json.loads(unb64(payload_b64))
    stranger = Ed25519PrivateKey.generate()

    def signed(head: dict, key: Ed25519PrivateKey = stranger) -> str:
        signing_input = f"{b64json(head)}.{b64json(claims)}"
        return f"{signing_input}.{b64(key.sign(signing_input.encode()))}"

    flipped_claims = {**claims, "h": claims["h"] + "X"}
    mac_input = f"{b64json({'alg': 'HS256', 'kid': header['kid']})}.{payload_b64}"
    mac = hmac.new(b"public-key-as-secret", mac_input.encode(), hashlib.sha256).digest()
    middle = len(payload_b64) // 2
    char = payload_b64[middle]
    return {
        "flipped payload character": ".".join(
            [
                header_b64,
                payload_b64[:middle] + ("B" if char == "A" else "A") + payload_b64[middle + 1 :],
                signature_b64,
            ]
        ),
        "flipped signature padding bit": jws[:-1] + ("B" if jws[-1] == "A" else "A"),
        "changed claims, old signature": f"{header_b64}.{b64json(flipped_claims)}.{signature_b64}",
        "unknown key id": signed({**header, "kid": "tidak-dikenal"}),
        "alg none": f"{b64json({'alg': 'none', 'kid': header['kid']})}.{payload_b64}.",
        "HS256": f"{mac_input}.{b64(mac)}",
        "another Ed25519 key": signed(header),
    }


def open_offline(page: Page, url: str) -> None:
    """A full load each time (a changed fragment alone would not reload the page)."""
    page.goto("about:blank")
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-checked", "1")


def verdict(page: Page) -> str:
    result = page.locator("#result")
    expect(result).to_be_visible()
    expect(result).not_to_have_attribute("data-state", "checking")
    return result.get_attribute("data-state") or ""


def install(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/v/offline/")
    page.wait_for_function(
        "navigator.serviceWorker.controller !== null || "
        "navigator.serviceWorker.ready.then(() => true)"
    )
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # The worker caches on install; reload once so it controls the page and data are cached.
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    expect(page.locator("body")).to_have_attribute("data-ready", "1")
    expect(page.locator("#conn")).to_contain_text("Daring")


def test_the_cached_verifier_checks_certificates_with_the_network_cut(
    phone: Page, context: BrowserContext, base_url: str, certificates: dict[str, str]
):
    install(phone, base_url)
    context.set_offline(True)

    open_offline(phone, base_url + certificates["valid"])
    assert verdict(phone) == "valid"
    expect(phone.locator("#verdict")).to_have_text("Sah")
    expect(phone.locator("#conn")).to_contain_text("Luring")
    expect(phone.locator("#cache-line")).to_contain_text("disimpan pada")
    expect(phone.locator("#claims")).to_contain_text("Nomor")

    path, jws = certificates["valid"].split("#", 1)
    for name, token in tampered_tokens(jws).items():
        open_offline(phone, f"{base_url}{path}#{token}")
        assert verdict(phone) == "invalid", name
        expect(phone.locator("#verdict")).to_have_text("Tidak sah")

    open_offline(phone, base_url + certificates["revoked"])
    assert verdict(phone) == "revoked"
    expect(phone.locator("#verdict")).to_have_text("Dicabut")

    # A valid signature under another certificate's address is refused too.
    revoked_jws = certificates["revoked"].split("#", 1)[1]
    open_offline(phone, f"{base_url}{path}#{revoked_jws}")
    assert verdict(phone) == "invalid"
    context.set_offline(False)


def test_the_paste_box_checks_a_pasted_link_offline(
    phone: Page, context: BrowserContext, base_url: str, certificates: dict[str, str]
):
    install(phone, base_url)
    context.set_offline(True)
    phone.goto(f"{base_url}/v/offline/")
    phone.get_by_label("Tempel tautan dari kode QR atau tokennya").fill(
        base_url + certificates["valid"]
    )
    phone.get_by_role("button", name="Periksa").click()
    assert verdict(phone) == "valid"
    phone.get_by_label("Tempel tautan dari kode QR atau tokennya").fill("bukan.token.sah")
    phone.get_by_role("button", name="Periksa").click()
    assert verdict(phone) == "invalid"
    context.set_offline(False)
