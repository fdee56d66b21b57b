"""Storage for files that must never be reachable by a public URL (login cards, member cards,
roster uploads waiting for confirmation).

They live under `PRIVATE_MEDIA_ROOT`, outside `MEDIA_ROOT` (which nginx serves), and are
only ever streamed by a view that checks who asks (e.g. `schools:login-cards-download`,
`school_coops:member-cards-download`). `check_private_storage` refuses a configuration in
which the two folders overlap, so a setting change cannot publish them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


# Lazy: the location is read from settings at first use, after a test has changed VAR_DIR.
class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = _PrivateStorage()


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
