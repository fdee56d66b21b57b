"""W3C Bitstring Status List v1.0: which certificates are no longer valid, in one signed file.

A certificate's `status_index` is its position in the list. Bit 0 is the left-most
(most significant) bit of the first byte. The bitstring has at least 131,072 entries (16 KB),
is GZIP-compressed and written as multibase base64url without padding (prefix `u`), and sits in
a `BitstringStatusListCredential` (VC Data Model 2.0) secured as VC-JOSE: a JWS compact over
the credential JSON with `typ: vc+jwt`, served as `application/vc+jwt`.

Two lists are published (status_list_url):
- list 1, purpose `revocation`: revoked AND superseded certificates (neither is valid any more;
  this is the entry in the Open Badges credential, so wallets see both as revoked);
- list 2, purpose `message`: the superseded ones only, so a verifier can say "diganti" (replaced
  by a new certificate) instead of "dicabut" (revoked).
Verifiers bound decompression: `decode` refuses a list that inflates past `MAX_ENTRIES`.
"""

from __future__ import annotations

import base64
import gzip
import io
import zlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse

from certificates.credentials.jws import sign

MIN_ENTRIES = 131_072  # 16 KB: the herd-privacy minimum of the spec
MAX_ENTRIES = 8 * 1024 * 1024 * 8  # decoding refuses more than 8 MB of bitstring
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
MEDIA_TYPE = "application/vc+jwt"
REVOCATION = 1
SUPERSEDED = 2
LIST_PURPOSE = {REVOCATION: "revocation", SUPERSEDED: "message"}
SUPERSEDED_MESSAGES = [
    {"status": "0x0", "message": "tidak diganti"},
    {"status": "0x1", "message": "diganti dengan sertifikat baru"},
]


class StatusListError(ValueError):
    """An encoded list that is not a valid (or a too large) bitstring."""


def site_url(path: str) -> str:
    return (settings.SITE_BASE_URL or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path


def status_list_url(list_id: int = REVOCATION) -> str:
    return site_url(reverse("verify:status-list", args=[list_id]))


def issuer_id() -> str:
    return site_url(reverse("verify:issuer"))


def encode(indices: Iterable[int], size: int = MIN_ENTRIES) -> str:
    """The multibase (`u`) base64url of the GZIP'd bitstring with `indices` set."""
    chosen = sorted({int(i) for i in indices})
    if chosen and chosen[0] < 0:
        raise StatusListError("negative status index")
    entries = max(size, MIN_ENTRIES, (chosen[-1] + 1) if chosen else 0)
    bits = bytearray((entries + 7) // 8)
    for index in chosen:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same list always gives the same bytes (a stable ETag and signature).
    compressed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded: str, *, max_entries: int = MAX_ENTRIES) -> bytes:
    """The bitstring of an `encodedList`, refusing more than `max_entries` bits once inflated."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError("encodedList must be multibase base64url ('u')")
    body = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise StatusListError("encodedList is not base64url") from exc
    limit = max_entries // 8
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
            bits = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise StatusListError("encodedList is not GZIP") from exc
    if len(bits) > limit:
        raise StatusListError("status list larger than the verifier accepts")
    if len(bits) * 8 < MIN_ENTRIES:
        raise StatusListError("status list shorter than 131,072 entries")
    return bits


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError("status index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(list_id: int, indices: Iterable[int], valid_from: datetime) -> dict:
    """The unsigned `BitstringStatusListCredential` of list `list_id`."""
    url = status_list_url(list_id)
    subject: dict[str, Any] = {
        "id": f"{url}#list",
        "type": "BitstringStatusList",
        "statusPurpose": LIST_PURPOSE[list_id],
        "encodedList": encode(indices),
        "ttl": 300_000,  # milliseconds: the offline verifier refreshes at most every 5 minutes
    }
    if list_id == SUPERSEDED:
        subject["statusSize"] = 1
        subject["statusMessage"] = SUPERSEDED_MESSAGES
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": valid_from.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": subject,
    }


def secure(credential: dict[str, Any]) -> str:
    """VC-JOSE: the credential JSON itself is the JWS payload (no `vc` claim), `typ: vc+jwt`."""
    return sign(credential, typ="vc+jwt")
