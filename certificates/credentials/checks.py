"""`check --deploy`: the certificate signing keys are where they must be.

Why a missing key is only an Info here: `make deploy-check` (and CI) run `check --deploy
--fail-level WARNING` on a machine that holds no production keys, and the keys are created on
the issuing host by the operator (`manage.py cert_keys rotate`, README). A web server without
keys still serves every page; only issuing needs a key, and there the missing key is a hard
failure: `sign()` raises `SigningKeyMissing`, the certificate is marked failed with the reason,
and nothing is issued unsigned. What IS an Error, because it is wrong wherever it is found:
a key folder that the web server would publish, a private key file that other users can read,
a `CERT_SIGNING_KEY_ID` that names no private key, a key file that does not parse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core import checks

from certificates.credentials.keys import key_folder


def _inside(child: Path, parent: Path) -> bool:
    child, parent = child.resolve(), parent.resolve()
    return child == parent or parent in child.parents


def _folder_problems(folder: Path) -> list[checks.CheckMessage]:
    public = {"MEDIA_ROOT": settings.MEDIA_ROOT, "STATIC_ROOT": settings.STATIC_ROOT}
    return [
        checks.Error(
            f"CERT_SIGNING_KEYS_DIR ({folder}) is inside {name}: the private signing keys "
            "would be downloadable.",
            hint="Keep the key folder outside every served folder.",
            id="certificates.E001",
        )
        for name, path in public.items()
        if path and _inside(folder, Path(path))
    ]


def _file_problems(folder: Path) -> tuple[list[checks.CheckMessage], set[str]]:
    problems: list[checks.CheckMessage] = []
    private: set[str] = set()
    for path in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
        is_public = path.name.endswith(".pub.pem")
        try:
            data = path.read_bytes()
            if is_public:
                serialization.load_pem_public_key(data)
            else:
                serialization.load_pem_private_key(data, password=None)
        except (OSError, ValueError, TypeError):
            problems.append(
                checks.Error(f"{path} is not a readable PEM key.", id="certificates.E003")
            )
            continue
        if not is_public:
            private.add(path.name.removesuffix(".pem"))
            if path.stat().st_mode & 0o077:
                problems.append(
                    checks.Error(
                        f"{path} can be read by other users.",
                        hint=f"chmod 600 {path}",
                        id="certificates.E002",
                    )
                )
    return problems, private


@checks.register(checks.Tags.security, deploy=True)
def check_signing_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    folder = key_folder()
    problems = _folder_problems(folder)
    file_problems, private = _file_problems(folder)
    problems += file_problems
    wanted = settings.CERT_SIGNING_KEY_ID
    if wanted and wanted not in private:
        problems.append(
            checks.Error(
                f"CERT_SIGNING_KEY_ID={wanted!r} names no private key in {folder}.",
                id="certificates.E004",
            )
        )
    if not private:
        problems.append(
            checks.Info(
                f"No certificate signing key in {folder}: issuing certificates fails until "
                "one is created on the issuing host with `manage.py cert_keys rotate`.",
                id="certificates.I001",
            )
        )
    return problems
