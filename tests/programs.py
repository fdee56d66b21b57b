"""External programs some tests drive (poppler's pdftotext).

`scripts/install.sh dev` installs them and CI runs it, so in CI (CI=true) a missing program
is a broken machine and the test fails. On a developer's machine without them the test is
skipped with the command that installs them.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require_program(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed: run scripts/install.sh dev"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
