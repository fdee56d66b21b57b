"""Key rotation: `manage.py cert_keys`, old certificates keep verifying; the deploy check."""

from __future__ import annotations

import os
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from certificates.credentials import CredentialError, public_jwks, sign, verify
from certificates.credentials.checks import check_signing_keys
from certificates.credentials.jws import b64decode
from certificates.credentials.keys import current_key_id, load_keyset


def cert_keys(*args: str) -> str:
    out = StringIO()
    call_command("cert_keys", *args, stdout=out)
    return out.getvalue()


def kid_of(token: str) -> str:
    import json

    return json.loads(b64decode(token.split(".")[0]))["kid"]


def test_rotate_makes_a_new_key_sign_and_old_tokens_keep_verifying(keys_dir):
    old = sign({"n": "A/1"})
    time.sleep(0.01)
    out = cert_keys("rotate")
    new_kid = current_key_id()
    assert new_kid != "dev1" and new_kid in out
    new = sign({"n": "A/2"})
    assert kid_of(new) == new_kid
    assert verify(old) == {"n": "A/1"}
    assert verify(new) == {"n": "A/2"}
    assert {k["kid"] for k in public_jwks()["keys"]} == {"dev1", new_kid}


def test_retire_keeps_the_public_half_so_old_tokens_verify_but_it_never_signs_again(keys_dir):
    old = sign({"n": "A/1"})
    time.sleep(0.01)
    cert_keys("rotate")
    out = cert_keys("retire", "dev1")
    assert "dev1.pub.pem" in out
    assert not (keys_dir / "dev1.pem").exists()
    assert (keys_dir / "dev1.pub.pem").exists()
    assert "dev1" not in load_keyset().private
    assert verify(old) == {"n": "A/1"}
    assert kid_of(sign({"n": "A/3"})) != "dev1"
    assert "pensiun" in cert_keys("list")
    with pytest.raises(KeyError):
        sign({"n": "A/4"}, kid="dev1")


def test_the_only_private_key_cannot_be_retired(keys_dir):
    sign({"n": "A/1"})
    with pytest.raises(CommandError, match="rotate first"):
        cert_keys("retire", "dev1")
    with pytest.raises(CommandError):
        cert_keys("retire", "nope")
    assert verify(sign({"n": "A/1"}))


def test_a_removed_public_key_stops_verifying_its_tokens(keys_dir):
    old = sign({"n": "A/1"})
    time.sleep(0.01)
    cert_keys("rotate")
    cert_keys("retire", "dev1")
    (keys_dir / "dev1.pub.pem").unlink()
    with pytest.raises(CredentialError, match="tidak dikenal"):
        verify(old)


def test_a_pinned_key_id_wins_over_the_newest_key(keys_dir, settings):
    sign({"n": "A/1"})
    time.sleep(0.01)
    out = cert_keys("rotate")
    settings.CERT_SIGNING_KEY_ID = "dev1"
    assert current_key_id() == "dev1"
    assert "CERT_SIGNING_KEY_ID" not in out


def test_the_deploy_check_is_info_without_keys_and_errors_on_unsafe_keys(keys_dir, settings):
    settings.CERT_SIGNING_KEYS_AUTOCREATE = False
    assert [m.id for m in check_signing_keys()] == ["certificates.I001"]
    settings.CERT_SIGNING_KEYS_AUTOCREATE = True
    sign({"n": "A/1"})
    assert check_signing_keys() == []
    os.chmod(keys_dir / "dev1.pem", 0o644)
    settings.CERT_SIGNING_KEY_ID = "gone"
    (keys_dir / "broken.pem").write_text("not a key")
    assert {m.id for m in check_signing_keys()} == {
        "certificates.E002",
        "certificates.E003",
        "certificates.E004",
    }


def test_the_deploy_check_refuses_a_key_folder_the_web_server_publishes(keys_dir, settings):
    settings.MEDIA_ROOT = keys_dir.parent
    assert "certificates.E001" in {m.id for m in check_signing_keys()}
