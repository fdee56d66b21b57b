"""JWS compact serialization with one algorithm: EdDSA over Ed25519 (RFC 7515, RFC 8037).

What the server verifier refuses before any signature maths runs: a token longer than
`MAX_TOKEN_LENGTH`, anything but three segments, a segment that is not canonical unpadded
base64url (so two spellings of one signature cannot both verify), a header that is not a JSON
object, an `alg` other than `EdDSA` (`none`, `HS256`, ...), a header that brings its own key or
extension (`jwk`, `jku`, `x5u`, `x5c`, `crit`, ...), and a `kid` outside the configured key set.
The offline verifier (static/verify/verify.js) applies the same rules in the browser.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.utils.translation import gettext as _

from certificates.credentials.keys import SigningKeyMissing, load_keyset, signing_keyset

ALG = "EdDSA"
# A QR payload is a few hundred bytes; a full Open Badges credential a few kilobytes.
MAX_TOKEN_LENGTH = 16_384
# Header fields a verifier may read; anything else (a key, a key URL, `crit`) is refused.
ALLOWED_HEADER = frozenset({"alg", "kid", "typ", "cty"})
_SEGMENT = re.compile(r"^[A-Za-z0-9_-]+$")
SIGNATURE_LENGTH = 64


class CredentialError(ValueError):
    """A token that does not verify; the message is safe to show to a verifier."""


def _unreadable() -> CredentialError:
    return CredentialError(_("Token tidak dapat dibaca."))


def b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64decode(text: str) -> bytes:
    """Strict unpadded base64url: the only spelling `b64encode` would give, or an error."""
    if not text or not _SEGMENT.match(text) or len(text) % 4 == 1:
        raise _unreadable()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise _unreadable() from exc
    # Unused low bits of the last character must be zero: otherwise a flipped character could
    # decode to the same bytes and a changed token would still "verify".
    if b64encode(raw) != text:
        raise _unreadable()
    return raw


def _json(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def sign(claims: dict[str, Any], *, typ: str = "JWT", kid: str | None = None) -> str:
    """Sign `claims` with the current key (or `kid`) and return `header.payload.signature`."""
    keyset = signing_keyset()
    kid = kid or keyset.signing_kid
    header = {"alg": ALG, "kid": kid, "typ": typ}
    signing_input = f"{b64encode(_json(header))}.{b64encode(_json(claims))}"
    signature = keyset.private[kid].sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64encode(signature)}"


def _json_object(segment: str) -> dict[str, Any]:
    try:
        value = json.loads(b64decode(segment))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _unreadable() from exc
    if not isinstance(value, dict):
        raise _unreadable()
    return value


def _parse_header(text: str) -> dict[str, Any]:
    header = _json_object(text)
    # The algorithm is ours to choose, never the token's: `none` and HMAC never get this far.
    if header.get("alg") != ALG:
        raise CredentialError(_("Algoritma tanda tangan tidak diizinkan."))
    if not set(header) <= ALLOWED_HEADER or not isinstance(header.get("kid"), str):
        raise CredentialError(_("Kepala token tidak diizinkan."))
    return header


def split(token: object) -> list[str]:
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise _unreadable()
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise _unreadable()
    return parts


def verify_header(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, claims) of a token signed by a key of the key set; `CredentialError` otherwise."""
    parts = split(token)
    header = _parse_header(parts[0])
    try:
        key = load_keyset().public.get(header["kid"])
    except SigningKeyMissing:
        key = None
    if key is None:
        raise CredentialError(_("Kunci penanda tangan tidak dikenal."))
    signature = b64decode(parts[2])
    if len(signature) != SIGNATURE_LENGTH:
        raise CredentialError(_("Tanda tangan tidak sah: sertifikat ini telah diubah."))
    try:
        key.verify(signature, f"{parts[0]}.{parts[1]}".encode("ascii"))
    except InvalidSignature as exc:
        raise CredentialError(_("Tanda tangan tidak sah: sertifikat ini telah diubah.")) from exc
    return header, _json_object(parts[1])


def verify(token: str) -> dict[str, Any]:
    """The claims of a token signed by a key of the key set; `CredentialError` otherwise."""
    return verify_header(token)[1]
