"""tests.programs: a missing external program fails the test, never skips it."""

import pytest

from tests.programs import require_program


def test_a_missing_program_fails_the_test_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.fail.Exception, match="pdftotext is not installed"):
        require_program("pdftotext")


def test_a_missing_program_fails_outside_ci_too(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.fail.Exception, match=r"install\.sh dev"):
        require_program("pdftotext")


def test_an_installed_program_is_found_by_its_path(monkeypatch, tmp_path):
    program = tmp_path / "pdftotext"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert require_program("pdftotext") == str(program)
