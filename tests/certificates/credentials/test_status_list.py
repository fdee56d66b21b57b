"""W3C Bitstring Status List: encoding both ways, the signed credential, the public endpoint."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime

import pytest
from django.test import Client

from certificates.credentials import status_list, verify
from certificates.credentials.jws import b64decode
from certificates.credentials.status_list import (
    MIN_ENTRIES,
    StatusListError,
    decode,
    encode,
    is_set,
)
from certificates.models import CertificateStatus


def test_an_empty_list_is_16_kb_of_zero_bits_gzipped_as_multibase_base64url():
    encoded = encode([])
    assert encoded.startswith("u") and "=" not in encoded and "+" not in encoded
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert raw == bytes(MIN_ENTRIES // 8) and len(raw) == 16_384


def test_index_zero_is_the_left_most_bit_and_indices_round_trip():
    indices = [0, 7, 8, 41, 131_071]
    bits = decode(encode(indices))
    assert bits[0] == 0b1000_0001 and bits[1] == 0b1000_0000
    assert [i for i in range(MIN_ENTRIES) if is_set(bits, i)] == indices


def test_a_hand_built_bitstring_decodes_to_the_same_indices():
    raw = bytearray(MIN_ENTRIES // 8)
    raw[5] = 0b0010_0000  # index 42
    encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(raw))).rstrip(b"=").decode()
    bits = decode(encoded)
    assert is_set(bits, 42) and not is_set(bits, 41) and not is_set(bits, 43)
    assert decode(encode([42])) == bytes(raw)


def test_a_list_grows_past_the_minimum_for_a_large_index():
    bits = decode(encode([MIN_ENTRIES + 5]))
    assert len(bits) * 8 >= MIN_ENTRIES + 6 and is_set(bits, MIN_ENTRIES + 5)


def test_encoding_is_deterministic():
    assert encode([3, 1, 2]) == encode([1, 2, 3, 3])


@pytest.mark.parametrize(
    "bad",
    ["", "zH4sI", "u!!!", "u" + base64.urlsafe_b64encode(b"not gzip").decode().rstrip("=")],
)
def test_garbage_is_refused(bad):
    with pytest.raises(StatusListError):
        decode(bad)


def test_a_short_list_and_a_decompression_bomb_are_refused():
    short = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(100))).rstrip(b"=").decode()
    with pytest.raises(StatusListError, match="shorter"):
        decode(short)
    bomb = encode([8 * 1024 * 1024 * 4])  # 4 MB of bitstring, ~4 KB compressed
    with pytest.raises(StatusListError, match="larger"):
        decode(bomb, max_entries=MIN_ENTRIES * 2)


def test_the_credential_has_the_shape_of_the_spec_and_is_secured_as_vc_jose(keys_dir):
    when = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    credential = status_list.status_list_credential(1, [4, 9], when)
    assert credential["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert credential["id"].endswith("/v/status/1")
    assert credential["validFrom"] == "2026-12-03T09:00:00Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["id"] == credential["id"] + "#list"
    assert is_set(decode(subject["encodedList"]), 9)
    token = status_list.secure(credential)
    assert json.loads(b64decode(token.split(".")[0]))["typ"] == "vc+jwt"
    assert verify(token) == credential
    superseded = status_list.status_list_credential(2, [9], when)["credentialSubject"]
    assert superseded["statusPurpose"] == "message" and superseded["statusSize"] == 1
    assert [m["status"] for m in superseded["statusMessage"]] == ["0x0", "0x1"]


def _subject(response) -> dict:
    return verify(response.content.decode())["credentialSubject"]


def test_the_endpoint_publishes_revoked_and_superseded_with_an_etag(keys_dir, make_certificate):
    make_certificate(1)
    make_certificate(2, CertificateStatus.REVOKED)
    make_certificate(3, CertificateStatus.SUPERSEDED)
    make_certificate(4, CertificateStatus.PENDING)
    client = Client()
    response = client.get("/v/status/1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert "max-age=60" in response["Cache-Control"] and "public" in response["Cache-Control"]
    bits = decode(_subject(response)["encodedList"])
    assert [i for i in range(1, 5) if is_set(bits, i)] == [2, 3]
    superseded = decode(_subject(client.get("/v/status/2"))["encodedList"])
    assert [i for i in range(1, 5) if is_set(superseded, i)] == [3]
    again = client.get("/v/status/1", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["ETag"] == response["ETag"]
    assert client.get("/v/status/3").status_code == 404


def test_a_revocation_changes_the_list_and_its_etag_at_once(keys_dir, make_certificate):
    cert = make_certificate(7)
    client = Client()
    before = client.get("/v/status/1")
    assert not is_set(decode(_subject(before)["encodedList"]), 7)
    cert.status = CertificateStatus.REVOKED
    cert.save(update_fields=["status"])
    after = client.get("/v/status/1", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert is_set(decode(_subject(after)["encodedList"]), 7)


def test_the_key_set_lists_current_and_retired_keys(keys_dir, make_certificate):
    make_certificate(1)
    response = Client().get("/v/kunci.json")
    assert response.status_code == 200 and response["ETag"]
    (key,) = response.json()["keys"]
    assert key == {**key, "kty": "OKP", "crv": "Ed25519", "alg": "EdDSA", "kid": "dev1"}
    assert "d" not in key
