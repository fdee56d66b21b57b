"""JWS compact serialization with one algorithm: EdDSA over Ed25519 (RFC 7515, RFC 8037)."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.utils.translation import gettext as _

from certificates.credentials.keys import load_keyset

ALG = "EdDSA"


class CredentialError(ValueError):
    """A token that does not verify; the message is safe to show to a verifier."""


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64decode(text: str) -> bytes:
    if not text or any(
        c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" for c in text
    ):
        raise CredentialError(_("Token tidak dapat dibaca."))
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise CredentialError(_("Token tidak dapat dibaca.")) from exc


def _json(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def sign(claims: dict[str, Any], *, typ: str = "JWT", kid: str | None = None) -> str:
    """Sign `claims` with the current key (or `kid`) and return `header.payload.signature`."""
    keyset = load_keyset()
    kid = kid or keyset.signing_kid
    header = {"alg": ALG, "kid": kid, "typ": typ}
    signing_input = f"{_b64encode(_json(header))}.{_b64encode(_json(claims))}"
    signature = keyset.private[kid].sign(signing_input.encode("ascii"))
    return f"{signing_input}.{_b64encode(signature)}"


def _parse_header(text: str) -> dict[str, Any]:
    try:
        header = json.loads(_b64decode(text))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CredentialError(_("Token tidak dapat dibaca.")) from exc
    if not isinstance(header, dict):
        raise CredentialError(_("Token tidak dapat dibaca."))
    # The algorithm is ours to choose, never the token's: `none` and HMAC never get this far.
    if header.get("alg") != ALG:
        raise CredentialError(_("Algoritma tanda tangan tidak diizinkan."))
    return header


def verify(token: str) -> dict[str, Any]:
    """The claims of a token signed by a key of the key set; `CredentialError` otherwise."""
    parts = token.strip().split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        raise CredentialError(_("Token tidak dapat dibaca."))
    header = _parse_header(parts[0])
    key = load_keyset().public.get(str(header.get("kid", "")))
    if key is None:
        raise CredentialError(_("Kunci penanda tangan tidak dikenal."))
    try:
        key.verify(_b64decode(parts[2]), f"{parts[0]}.{parts[1]}".encode("ascii"))
    except (InvalidSignature, UnicodeEncodeError) as exc:
        raise CredentialError(_("Tanda tangan tidak sah: sertifikat ini telah diubah.")) from exc
    try:
        claims = json.loads(_b64decode(parts[1]))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CredentialError(_("Token tidak dapat dibaca.")) from exc
    if not isinstance(claims, dict):
        raise CredentialError(_("Token tidak dapat dibaca."))
    return claims
