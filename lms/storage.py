"""Storage for files that must never be reachable by a public URL (login cards, member cards,
roster uploads waiting for confirmation).

They live under `PRIVATE_MEDIA_ROOT`, outside `MEDIA_ROOT` (which nginx serves), and are
only ever streamed by a view that checks who asks (e.g. `schools:login-cards-download`,
`school_coops:member-cards-download`). `check_private_storage` refuses a configuration in
which the two folders overlap, so a setting change cannot publish them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


# Lazy: the location is read from settings at first use, after a test has changed VAR_DIR.
class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = _PrivateStorage()


def get_private_storage() -> Any:
    """For `FileField(storage=get_private_storage)`: migrations name the callable, not the
    lazy object (assignment hand-ins, courses.SubmissionVersion.file)."""
    return private_storage


@dataclass(frozen=True)
class KeptUpload:
    """An upload kept in private storage between a preview and its confirmation (the roster
    imports ask about duplicates first). The session remembers one file per user under
    `session_key`, with the id of the object it is for in `owner`; the form carries a random
    token, so a stale or forged confirmation finds nothing."""

    session_key: str
    folder: str  # inside private storage
    owner: str  # the session field naming what the file is for ("school", "batch")

    def keep(self, request: Any, data: bytes, filename: str, owner_id: int) -> str:
        """Store `data` (replacing the user's previous one) and return its token."""
        self.discard(request)
        token = secrets.token_urlsafe(24)
        private_storage.save(f"{self.folder}/{token}", ContentFile(data))
        request.session[self.session_key] = {"token": token, "name": filename, self.owner: owner_id}
        return token

    def discard(self, request: Any) -> None:
        kept = request.session.pop(self.session_key, None)
        if kept:
            private_storage.delete(f"{self.folder}/{kept['token']}")

    def read(self, request: Any, token: str, owner_id: int) -> tuple[bytes, str] | None:
        """(data, filename) of the kept file when `token` and `owner_id` are the user's."""
        kept = request.session.get(self.session_key)
        if not kept or kept["token"] != token or kept[self.owner] != owner_id:
            return None
        path = f"{self.folder}/{kept['token']}"
        if not private_storage.exists(path):
            return None
        with private_storage.open(path, "rb") as stream:
            return stream.read(), kept["name"]


def _overlap(a: Path, b: Path) -> bool:
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


@checks.register(checks.Tags.security)
def check_private_storage(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    public = {"MEDIA_ROOT": settings.MEDIA_ROOT, "STATIC_ROOT": settings.STATIC_ROOT}
    return [
        checks.Error(
            f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({path}): login cards and member "
            "cards would be downloadable without a login.",
            hint=f"Keep PRIVATE_MEDIA_ROOT outside {name}, e.g. next to it.",
            id="kopsis.E001",
        )
        for name, path in public.items()
        if path and _overlap(private, Path(path))
    ]
