"""Signed certificate payloads (JWS compact, EdDSA/Ed25519) and the key set that verifies them.

`sign(claims)` gives the compact token the QR code carries; `verify(token)` gives the claims back
or raises `CredentialError`. The algorithm is fixed: a token whose header says anything but
`EdDSA` (`none`, `HS256`, ...) or names a key id outside the configured key set is refused before
any signature maths runs. See docs/certificates.md.
"""

from certificates.credentials.jws import CredentialError, sign, verify
from certificates.credentials.keys import current_key_id, public_jwks

__all__ = ["CredentialError", "current_key_id", "public_jwks", "sign", "verify"]
