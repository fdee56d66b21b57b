"""The server verifier refuses every token that was not signed, unchanged, by a key of the set."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates.credentials import CredentialError, public_jwks, sign, verify
from certificates.credentials.jws import MAX_TOKEN_LENGTH, b64decode
from certificates.credentials.keys import SigningKeyMissing, load_keyset

CLAIMS = {
    "n": "JB/3201/2026/0007",
    "h": "S*** R*******",
    "s": "JB-MADYA",
    "v": 2,
    "i": "2026-11-20",
    "e": None,
    "x": 41,
    "u": "Qm9vdGhieXRlc3RyaW5nMTIzNDU2Nzg5",
}
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def segment(obj: dict) -> str:
    return b64(json.dumps(obj, separators=(",", ":")).encode())


def forge(header: dict, claims: dict, key: Ed25519PrivateKey) -> str:
    signing_input = f"{segment(header)}.{segment(claims)}"
    return f"{signing_input}.{b64(key.sign(signing_input.encode()))}"


def flip(token: str, position: int) -> str:
    """The token with the character at `position` replaced by another one."""
    char = token[position]
    other = "A" if char == "." else B64[(B64.index(char) + 1) % 64]
    return token[:position] + other + token[position + 1 :]


def test_a_signed_token_verifies_and_gives_back_the_claims(keys_dir):
    token = sign(CLAIMS)
    header = json.loads(b64decode(token.split(".")[0]))
    assert header == {"alg": "EdDSA", "kid": "dev1", "typ": "JWT"}
    assert verify(token) == CLAIMS


def test_changing_any_character_of_header_payload_or_signature_is_refused(keys_dir):
    token = sign(CLAIMS)
    for position in range(len(token)):
        tampered = flip(token, position)
        assert tampered != token
        with pytest.raises(CredentialError):
            verify(tampered)


def test_flipping_any_bit_of_any_decoded_segment_is_refused(keys_dir):
    token = sign(CLAIMS)
    parts = token.split(".")
    for index in range(3):
        raw = b64decode(parts[index])
        for byte in range(len(raw)):
            changed = bytearray(raw)
            changed[byte] ^= 0x01
            tampered = parts.copy()
            tampered[index] = b64(bytes(changed))
            with pytest.raises(CredentialError):
                verify(".".join(tampered))


def test_a_signature_spelled_with_non_zero_padding_bits_is_refused(keys_dir):
    token = sign(CLAIMS)
    # 64 bytes = 85 full characters + one carrying 4 data bits: its 2 low bits are padding.
    last = token[-1]
    sibling = B64[B64.index(last) ^ 0x01]
    assert base64.urlsafe_b64decode(token.split(".")[2] + "==") == base64.urlsafe_b64decode(
        token.split(".")[2][:-1] + sibling + "=="
    )
    with pytest.raises(CredentialError):
        verify(token[:-1] + sibling)


def test_an_unknown_key_id_is_refused(keys_dir, stranger_key):
    sign(CLAIMS)
    token = forge({"alg": "EdDSA", "kid": "zzz", "typ": "JWT"}, CLAIMS, stranger_key)
    with pytest.raises(CredentialError, match="Kunci penanda tangan tidak dikenal"):
        verify(token)


def test_a_token_signed_by_another_key_under_our_key_id_is_refused(keys_dir, stranger_key):
    sign(CLAIMS)
    token = forge({"alg": "EdDSA", "kid": "dev1", "typ": "JWT"}, CLAIMS, stranger_key)
    with pytest.raises(CredentialError, match="Tanda tangan tidak sah"):
        verify(token)


def test_alg_none_is_refused(keys_dir):
    sign(CLAIMS)
    for signature in ("", "AAAA"):
        token = f"{segment({'alg': 'none', 'kid': 'dev1'})}.{segment(CLAIMS)}.{signature}"
        with pytest.raises(CredentialError):
            verify(token)
    unsigned = f"{segment({'alg': 'none', 'kid': 'dev1'})}.{segment(CLAIMS)}"
    with pytest.raises(CredentialError):
        verify(unsigned)


def test_an_hmac_token_keyed_with_the_public_key_is_refused(keys_dir):
    sign(CLAIMS)
    public = load_keyset().public["dev1"]
    for secret in (
        public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw),
        public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        public_jwks()["keys"][0]["x"].encode(),
    ):
        signing_input = f"{segment({'alg': 'HS256', 'kid': 'dev1'})}.{segment(CLAIMS)}"
        mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        with pytest.raises(CredentialError, match="Algoritma"):
            verify(f"{signing_input}.{b64(mac)}")


@pytest.mark.parametrize(
    "extra", [{"jwk": {"kty": "OKP"}}, {"jku": "https://x"}, {"crit": ["b64"]}]
)
def test_a_header_that_brings_its_own_key_or_extension_is_refused(keys_dir, extra):
    keyset = load_keyset()
    header = {"alg": "EdDSA", "kid": "dev1", "typ": "JWT", **extra}
    token = forge(header, CLAIMS, keyset.private["dev1"])
    with pytest.raises(CredentialError, match="Kepala token"):
        verify(token)


@pytest.mark.parametrize("count", [1, 2, 4, 5])
def test_a_wrong_segment_count_is_refused(keys_dir, count):
    parts = sign(CLAIMS).split(".")
    token = ".".join((parts * 2)[:count])
    with pytest.raises(CredentialError, match="tidak dapat dibaca"):
        verify(token)


def test_an_oversize_token_is_refused_before_it_is_parsed(keys_dir):
    token = sign({**CLAIMS, "pad": "x" * MAX_TOKEN_LENGTH})
    with pytest.raises(CredentialError, match="tidak dapat dibaca"):
        verify(token)


@pytest.mark.parametrize("bad", [None, 7, "", "...", "a.b.c", "e30.e30.", "W10.e30.AAAA"])
def test_garbage_is_refused_with_a_readable_message(keys_dir, bad):
    with pytest.raises(CredentialError):
        verify(bad)  # type: ignore[arg-type]


def test_without_a_key_and_without_autocreate_signing_fails_and_verifying_refuses(
    keys_dir, settings
):
    settings.CERT_SIGNING_KEYS_AUTOCREATE = False
    with pytest.raises(SigningKeyMissing):
        sign(CLAIMS)
    token = forge({"alg": "EdDSA", "kid": "dev1"}, CLAIMS, Ed25519PrivateKey.generate())
    with pytest.raises(CredentialError, match="Kunci penanda tangan tidak dikenal"):
        verify(token)
    assert public_jwks() == {"keys": []}
