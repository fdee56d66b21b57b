"""The "never" arrows of docs/architecture.md §3, checked on the source (no import is run).

The core (`lms/`) knows no capability; `courses` never touches money (`school_coops`);
selectors read and never call services. Every `import` counts, also one inside a function
and one spelt `importlib.import_module("...")`, because a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CAPABILITIES = ("courses", "school_coops", "certificates")


@dataclass(frozen=True)
class Rule:
    source: str  # a folder or module path relative to the repository root
    forbidden: tuple[str, ...]  # dotted module prefixes it must not import
    why: str


RULES = [
    Rule("lms", CAPABILITIES, "the core imports no capability (docs/architecture.md §3)"),
    Rule("courses", ("school_coops",), "courses never touch money (docs/architecture.md §3)"),
    Rule("courses/selectors", ("courses.services",), "selectors never import services"),
    Rule(
        "school_coops",
        ("courses.services", "courses.assignments", "courses.grading", "courses.models"),
        "the cooperative only reads learning data (approved business plans, issue 14 point 4) "
        "through courses.selectors; it never writes it",
    ),
    Rule(
        "certificates/portfolio.py",
        ("school_coops.services", "certificates.services"),
        "the books portfolio only reads a cooperative's books: selectors, never its services",
    ),
    Rule(
        "certificates/views/portfolio.py",
        ("school_coops.services",),
        "certification staff read a candidate's cooperative books; they never write them",
    ),
]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every module the file imports, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.append((node.lineno, module))
            # `from school_coops import services` imports the submodule too.
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def violations(root: Path, rules: list[Rule]) -> list[str]:
    problems = []
    for rule in rules:
        source = root / rule.source
        files = sorted(source.rglob("*.py")) if source.is_dir() else [source.with_suffix(".py")]
        files = [path for path in files if path.is_file()]
        for path in files:
            for line, name in imported_modules(path, root):
                for prefix in rule.forbidden:
                    if name == prefix or name.startswith(prefix + "."):
                        where = path.relative_to(root)
                        problems.append(f"{where}:{line} imports {name}: {rule.why}")
    return sorted(set(problems))


def test_no_module_crosses_a_never_arrow():
    assert violations(ROOT, RULES) == []


def test_the_rules_cover_real_code():
    """A rule whose folder moved would check nothing and pass for ever."""
    for rule in RULES:
        path = ROOT / rule.source
        assert path.is_dir() or path.with_suffix(".py").is_file(), rule.source


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # the core reaching into a capability, at module level
        ({"lms/navigation.py": "from courses.selectors import my_learning\n"}, "courses.selectors"),
        # ...or lazily inside a function
        (
            {"lms/exports.py": "def f():\n    import school_coops.models\n"},
            "school_coops.models",
        ),
        # ...or through importlib
        (
            {"lms/x.py": "import importlib\nm = importlib.import_module('certificates.pdf')\n"},
            "certificates.pdf",
        ),
        # courses touching money
        ({"courses/views.py": "from school_coops import services\n"}, "school_coops"),
        # a courses selector calling a service through a relative import
        (
            {"courses/selectors/quiz.py": "from ..services import question_view\n"},
            "courses.services",
        ),
    ],
)
def test_a_crossed_arrow_is_reported(tmp_path, files, expected):
    root = _tree(tmp_path, files)
    found = violations(root, RULES)
    assert len(found) >= 1 and expected in found[0], found


def test_allowed_arrows_are_not_reported(tmp_path):
    root = _tree(
        tmp_path,
        {
            "lms/urls.py": 'from django.urls import include\nx = include("courses.urls")\n',
            "lms/accounts/models.py": "from lms.schools.validators import validate_nisn\n",
            "courses/selectors/quiz.py": "from courses.grading import question_view\n",
            "courses/services.py": "from courses.selectors import course_lessons\n",
            "school_coops/models.py": "from lms.fields import MoneyField\n",
        },
    )
    assert violations(root, RULES) == []


# Code comments cite the rules in docs/domain.md; a person who clones the repository has no
# copy of the notes the project started from. school_coops joins this list once its
# comments are repointed (docs/domain.md keeps the same section numbers).
SELF_CONTAINED = [
    "lms",
    "courses",
    "school_coops",
    "certificates",
    "templates",
    "tests",
    "scripts",
    "docs",
]
OUTSIDE_REFERENCE = re.compile(r"\bDOMAIN (§|rule|case)|\.\./shared/|docs/DOMAIN\.md")


def outside_references(root: Path, folders: list[str]) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in {".py", ".html", ".txt", ".md", ".sh"} or path == Path(__file__):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OUTSIDE_REFERENCE.search(line):
                    found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_no_comment_points_outside_the_repository():
    assert outside_references(ROOT, SELF_CONTAINED) == []


def test_a_reference_outside_the_repository_is_found(tmp_path):
    root = _tree(
        tmp_path,
        {
            "lms/a.py": "# see DOMAIN §3.3 for the rounding\n",
            "docs/b.md": "Rules in ../shared/DOMAIN.md\n",
            "lms/c.py": "# see docs/domain.md §3.3\n",
        },
    )
    assert [r.split(":")[0] for r in outside_references(root, ["lms", "docs"])] == [
        "lms/a.py",
        "docs/b.md",
    ]


# A function longer than this is split into named steps, or says why not in a comment line
# `# long: <reason>` inside it. Migrations and demo data are generated or flat tables.
MAX_FUNCTION_LINES = 40
APPLICATION_CODE = ["lms", "courses", "school_coops", "certificates"]


def _is_generated_or_demo(path: Path) -> bool:
    return "migrations" in path.parts or path.name == "demo.py" or path.stem.endswith("_demo")


def long_functions(root: Path, folders: list[str], limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """`path:name (lines)` of every function over `limit` lines with no `# long:` reason."""
    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            if _is_generated_or_demo(path.relative_to(root)):
                continue
            text = path.read_text(encoding="utf-8")
            lines = text.splitlines()
            for node in ast.walk(ast.parse(text, filename=str(path))):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                body = lines[node.lineno - 1 : node.end_lineno]
                if length > limit and not any(s.strip().startswith("# long:") for s in body):
                    found.append(f"{path.relative_to(root).as_posix()}:{node.name} ({length})")
    return sorted(found)


def test_no_function_is_longer_than_40_lines_without_a_reason():
    assert long_functions(ROOT, APPLICATION_CODE) == []


def test_a_long_function_is_found_unless_it_says_why(tmp_path):
    long_body = "".join(f"    x{i} = {i}\n" for i in range(41))
    root = _tree(
        tmp_path,
        {
            "lms/a.py": f"def too_long():\n{long_body}",
            "lms/b.py": f"def explained():\n    # long: one flat table\n{long_body}",
            "lms/c.py": "def short():\n    return 1\n",
            "lms/demo.py": f"def seed():\n{long_body}",
            "lms/migrations/0001_x.py": f"def forwards():\n{long_body}",
        },
    )
    assert long_functions(root, ["lms"]) == ["lms/a.py:too_long (42)"]
