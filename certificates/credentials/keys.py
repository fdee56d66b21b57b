"""The Ed25519 key set: one PEM file per key id in `CERT_SIGNING_KEYS_DIR`.

`<kid>.pem` holds a private key (it can sign and verify); `<kid>.pub.pem` holds only the public
key of a retired key, so certificates signed with it keep verifying after rotation. The key that
signs is `CERT_SIGNING_KEY_ID`, or the newest private key file. Outside production an empty
folder gets a fresh key on first use; production refuses to start without one
(lms/settings/production.py).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

KID_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class KeySet:
    signing_kid: str
    private: dict[str, Ed25519PrivateKey]
    public: dict[str, Ed25519PublicKey]


def _folder() -> Path:
    return Path(settings.CERT_SIGNING_KEYS_DIR)


def generate_key(folder: Path | None = None, kid: str | None = None) -> str:
    """Write a new private key file and return its key id (rotation: the newest one signs)."""
    folder = folder or _folder()
    folder.mkdir(parents=True, exist_ok=True)
    kid = kid or datetime.now(UTC).strftime("k%Y%m%d%H%M%S")
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path = folder / f"{kid}.pem"
    path.write_bytes(pem)
    path.chmod(0o600)
    load_keyset.cache_clear()
    return kid


@cache
def load_keyset() -> KeySet:
    folder = _folder()
    if not any(folder.glob("*.pem")):
        if not getattr(settings, "CERT_SIGNING_KEYS_AUTOCREATE", False):
            raise RuntimeError(f"No certificate signing key in {folder}")
        generate_key(folder, kid="dev1")
    private: dict[str, Ed25519PrivateKey] = {}
    public: dict[str, Ed25519PublicKey] = {}
    for path in sorted(folder.glob("*.pem")):
        kid = path.name.removesuffix(".pub.pem").removesuffix(".pem")
        if not KID_RE.match(kid):
            continue
        if path.name.endswith(".pub.pem"):
            key = serialization.load_pem_public_key(path.read_bytes())
            if isinstance(key, Ed25519PublicKey):
                public[kid] = key
            continue
        priv = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if isinstance(priv, Ed25519PrivateKey):
            private[kid] = priv
            public[kid] = priv.public_key()
    wanted = getattr(settings, "CERT_SIGNING_KEY_ID", "") or ""
    signing = (
        wanted
        if wanted in private
        else max(private, key=lambda k: (folder / f"{k}.pem").stat().st_mtime_ns)
    )
    return KeySet(signing_kid=signing, private=private, public=public)


def current_key_id() -> str:
    return load_keyset().signing_kid


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def public_jwks() -> dict[str, list[dict[str, str]]]:
    """The public keys as a JWK Set (RFC 8037 OKP/Ed25519): what the offline verifier caches."""
    keys = []
    for kid, key in sorted(load_keyset().public.items()):
        raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        keys.append(
            {
                "kty": "OKP",
                "crv": "Ed25519",
                "x": _b64(raw),
                "kid": kid,
                "alg": "EdDSA",
                "use": "sig",
            }
        )
    return {"keys": keys}
