"""The Ed25519 key set: one PEM file per key id in `CERT_SIGNING_KEYS_DIR`.

`<kid>.pem` holds a private key (it can sign and verify); `<kid>.pub.pem` holds only the public
key of a retired key, so certificates signed with it keep verifying after rotation. The key that
signs is `CERT_SIGNING_KEY_ID`, or the newest private key file. Outside production an empty
folder gets a fresh key on first use; in production (`CERT_SIGNING_KEYS_AUTOCREATE = False`)
signing without a key raises `SigningKeyMissing`, so an issuing task fails visibly.

The folder is re-read whenever its listing changes (names, sizes, modification times), so a
`manage.py cert_keys rotate` on the worker host is seen by every web process without a restart.
Rotation and retirement: `manage.py cert_keys` (certificates/management/commands/cert_keys.py).
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

KID_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class SigningKeyMissing(RuntimeError):
    """No private key in the key folder, and the settings forbid creating one."""


@dataclass(frozen=True)
class KeySet:
    signing_kid: str
    private: dict[str, Ed25519PrivateKey]
    public: dict[str, Ed25519PublicKey]


def key_folder() -> Path:
    return Path(settings.CERT_SIGNING_KEYS_DIR)


def _write_atomic(path: Path, data: bytes, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def generate_key(folder: Path | None = None, kid: str | None = None) -> str:
    """Write a new private key file and return its key id (rotation: the newest one signs)."""
    folder = folder or key_folder()
    folder.mkdir(parents=True, exist_ok=True)
    kid = kid or datetime.now(UTC).strftime("k%Y%m%d%H%M%S")
    if not KID_RE.match(kid) or any(folder.glob(f"{kid}.*pem")):
        raise ValueError(f"Key id {kid!r} is invalid or already used")
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_atomic(folder / f"{kid}.pem", pem, 0o600)
    return kid


def retire_key(kid: str, folder: Path | None = None) -> Path:
    """Keep only the public half of `kid` (`<kid>.pub.pem`): it verifies, it no longer signs."""
    folder = folder or key_folder()
    private_path = folder / f"{kid}.pem"
    if not KID_RE.match(kid) or not private_path.exists():
        raise ValueError(f"No private key {kid!r} in {folder}")
    others = [
        p for p in folder.glob("*.pem") if not p.name.endswith(".pub.pem") and p != private_path
    ]
    if not others:
        raise ValueError("Cannot retire the only private key: rotate first")
    priv = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    public_pem = priv.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    public_path = folder / f"{kid}.pub.pem"
    _write_atomic(public_path, public_pem, 0o644)
    private_path.unlink()
    return public_path


def _listing(folder: Path) -> tuple[tuple[str, int, int], ...]:
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(".pem") and e.is_file()]
    except FileNotFoundError:
        return ()
    return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries))


def load_keyset() -> KeySet:
    folder = key_folder()
    listing = _listing(folder)
    if not any(not name.endswith(".pub.pem") for name, _, _ in listing):
        if not getattr(settings, "CERT_SIGNING_KEYS_AUTOCREATE", False):
            if not listing:
                raise SigningKeyMissing(f"No certificate signing key in {folder}")
        else:
            generate_key(folder, kid="dev1" if not listing else None)
            listing = _listing(folder)
    wanted = getattr(settings, "CERT_SIGNING_KEY_ID", "") or ""
    return _read(str(folder), listing, wanted)


@lru_cache(maxsize=8)
def _read(folder: str, listing: tuple[tuple[str, int, int], ...], wanted: str) -> KeySet:
    private: dict[str, Ed25519PrivateKey] = {}
    public: dict[str, Ed25519PublicKey] = {}
    mtimes: dict[str, int] = {}
    for name, mtime, _size in listing:
        kid = name.removesuffix(".pub.pem").removesuffix(".pem")
        if not KID_RE.match(kid):
            continue
        data = (Path(folder) / name).read_bytes()
        if name.endswith(".pub.pem"):
            key = serialization.load_pem_public_key(data)
            if isinstance(key, Ed25519PublicKey):
                public.setdefault(kid, key)
            continue
        priv = serialization.load_pem_private_key(data, password=None)
        if isinstance(priv, Ed25519PrivateKey):
            private[kid] = priv
            public[kid] = priv.public_key()
            mtimes[kid] = mtime
    # Only retired public keys left: verifying still works, signing raises KeyError -> missing.
    signing = wanted if wanted in private else max(mtimes, key=lambda k: (mtimes[k], k), default="")
    return KeySet(signing_kid=signing, private=private, public=public)


def signing_keyset() -> KeySet:
    """The key set for signing: `SigningKeyMissing` when no private key can sign."""
    keyset = load_keyset()
    if keyset.signing_kid not in keyset.private:
        raise SigningKeyMissing(f"No private certificate signing key in {key_folder()}")
    return keyset


def current_key_id() -> str:
    return signing_keyset().signing_kid


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def public_jwks() -> dict[str, list[dict[str, str]]]:
    """The public keys as a JWK Set (RFC 8037 OKP/Ed25519): what the offline verifier caches."""
    try:
        public = load_keyset().public
    except SigningKeyMissing:
        public = {}
    keys = []
    for kid, key in sorted(public.items()):
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
