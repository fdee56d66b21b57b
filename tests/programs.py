"""External programs some tests drive (poppler's pdftotext).

`scripts/install.sh dev` installs them and CI runs it. A missing program fails the test with
the command that installs it, on a developer's machine as in CI: a skipped test proves nothing.
"""

from __future__ import annotations

import shutil

import pytest


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    pytest.fail(f"{name} is not installed: run scripts/install.sh dev")
