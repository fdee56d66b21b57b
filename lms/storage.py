"""Storage for files that must never be reachable by a public URL (login cards, exports)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


# Lazy: the location is read from settings at first use, after a test has changed VAR_DIR.
class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.VAR_DIR / "private", base_url=None)


private_storage = _PrivateStorage()
