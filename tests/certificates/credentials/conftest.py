"""A throwaway key folder per test: no test signs with the developer's var/keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


@pytest.fixture
def keys_dir(tmp_path: Path, settings) -> Path:
    folder = tmp_path / "keys"
    settings.CERT_SIGNING_KEYS_DIR = folder
    settings.CERT_SIGNING_KEY_ID = ""
    settings.CERT_SIGNING_KEYS_AUTOCREATE = True
    return folder


@pytest.fixture
def stranger_key() -> Ed25519PrivateKey:
    """An Ed25519 key that is not in the key set."""
    return Ed25519PrivateKey.generate()
