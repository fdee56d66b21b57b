"""Reads in selectors, writes in services: a selector never imports a service (issue 15)."""

import ast
from pathlib import Path

import school_coops

SELECTORS = Path(school_coops.__file__).parent / "selectors"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_selectors_never_import_services():
    files = sorted(SELECTORS.glob("*.py"))
    assert {f.name for f in files} >= {"__init__.py", "shu.py", "statements.py", "founding.py"}
    offenders = {
        f.name: sorted(m for m in _imports(f) if m.startswith("school_coops.services"))
        for f in files
    }
    assert {name: mods for name, mods in offenders.items() if mods} == {}
