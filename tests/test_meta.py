"""Tests that keep the project complete as it grows (in the spirit of datasette's meta-tests)."""

from __future__ import annotations

from pathlib import Path

from planner.config import PROJECT_ROOT
from planner.limits import PLATFORMS

TESTS = Path(__file__).resolve().parent


def test_every_platform_module_has_a_test_file() -> None:
    modules = [
        p.stem
        for p in (PROJECT_ROOT / "planner" / "platforms").glob("*.py")
        if p.stem not in ("__init__", "base", "limits")
    ]
    missing = [m for m in modules if not (TESTS / f"test_platform_{m}.py").exists()]
    assert missing == []


# The publishing package and the test file that guards each of its modules by name.
# Not listed on their own: what only wires the steps together or holds no behaviour of its own
# (tested through tests/test_worker.py, test_races.py and test_concurrency.py).
PUBLISHING_WIRING = ("__init__", "context", "results", "embedded", "maintenance", "worker")
# A person's decisions (send again, drop, confirm) are scheduling actions and are tested there.
PUBLISHING_TESTED_ELSEWHERE = {"attention": "test_scheduling.py"}


def untested_modules(
    package: Path, tests: Path, wiring: tuple[str, ...], elsewhere: dict[str, str]
) -> list[str]:
    """Modules of `package` whose test file is missing or never imports the module by name."""
    missing = []
    for module in sorted(p.stem for p in package.glob("*.py")):
        if module in wiring:
            continue
        test = tests / elsewhere.get(module, f"test_{module}.py")
        dotted = f"planner.{package.name}.{module}"
        if not test.exists() or dotted not in test.read_text():
            missing.append(f"{module} → tests/{test.name}")
    return missing


def test_every_publishing_step_has_its_own_test_file() -> None:
    package = PROJECT_ROOT / "planner" / "publishing"
    assert untested_modules(package, TESTS, PUBLISHING_WIRING, PUBLISHING_TESTED_ELSEWHERE) == []


def test_publishing_exemptions_name_modules_that_exist() -> None:
    """A module renamed or removed must not leave a stale exemption behind."""
    modules = {p.stem for p in (PROJECT_ROOT / "planner" / "publishing").glob("*.py")}
    assert sorted({*PUBLISHING_WIRING, *PUBLISHING_TESTED_ELSEWHERE} - modules) == []


def test_untested_module_check_finds_a_planted_gap(tmp_path: Path) -> None:
    package, tests = tmp_path / "planner" / "publishing", tmp_path / "tests"
    package.mkdir(parents=True)
    tests.mkdir()
    for module in ("__init__", "worker", "claims", "queue", "sending", "attention"):
        (package / f"{module}.py").write_text("")
    (tests / "test_claims.py").write_text("from planner.publishing.claims import claim_due\n")
    (tests / "test_sending.py").write_text("from planner.publishing.worker import Worker\n")
    (tests / "test_scheduling.py").write_text("from planner.scheduling import cancel_post\n")
    found = untested_modules(
        package, tests, ("__init__", "worker"), {"attention": "test_scheduling.py"}
    )
    assert found == [
        "attention → tests/test_scheduling.py",  # the named file does not test it
        "queue → tests/test_queue.py",  # no test file at all
        "sending → tests/test_sending.py",  # a test file that only reaches it through another
    ]


def test_every_ui_page_has_an_apptest() -> None:
    pages = [
        p.name
        for p in (PROJECT_ROOT / "planner" / "ui").glob("*.py")
        if p.stem not in ("__init__", "runtime", "session", "pages", "access")  # helpers
    ]
    tested = "".join(f.read_text() for f in TESTS.glob("test_app_*.py"))
    assert [p for p in pages if f"planner/ui/{p}" not in tested] == []


def test_every_cli_command_is_documented_in_readme() -> None:
    from planner.cli import app

    readme = (PROJECT_ROOT / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    assert [n for n in names if f"planner {n}" not in readme] == []


def test_known_platforms() -> None:
    assert PLATFORMS == ("x", "facebook", "instagram", "threads", "bluesky")


def _platform_lists(root: Path) -> list[str]:
    """Literal lists, tuples and sets naming two or more platforms, outside limits.py.

    A table keyed by platform (a dict of limits, icons, adapters) says something per platform
    and is fine; a hand-written list of them is a second copy of `limits.PLATFORMS` that a new
    platform would miss.
    """
    import ast

    found = []
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name == "limits.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.List | ast.Tuple | ast.Set):
                named = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(named & set(PLATFORMS)) >= 2:
                    found.append(f"{name}:{node.lineno}")
    return found


def test_platforms_are_listed_only_in_limits() -> None:
    assert _platform_lists(PROJECT_ROOT / "planner") == []


def test_platform_list_check_finds_planted_lists(tmp_path: Path) -> None:
    files = {
        "ui/calendar.py": 'shown = options or ["x", "facebook", "instagram"]\n',
        "ui/studio.py": 'CHOICES = ["", "x", "facebook", "instagram"]\n',
        "cli/schedule.py": 'texts = {p: text for p in (\n    "x",\n    "facebook",\n)}\n',
        "limits.py": 'PLATFORMS = ("x", "facebook", "instagram")\n',  # the one list
        "previews.py": 'RULES = {"x": 280, "facebook": 477}\n',  # a table per platform
        "imaging/text.py": 'AXES = ("x", "y")\nONLY = ["x"]\n',  # not two platforms
    }
    for name, body in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    assert _platform_lists(tmp_path) == ["cli/schedule.py:1", "ui/calendar.py:1", "ui/studio.py:1"]


def test_every_setting_is_documented() -> None:
    """Each Settings field appears, as its environment variable, in the README or docs/."""
    from planner.config import Settings

    docs = (PROJECT_ROOT / "README.md").read_text()
    docs += "".join(p.read_text() for p in (PROJECT_ROOT / "docs").glob("*.md"))
    missing = []
    for name, field in Settings.model_fields.items():
        names = [f"PLANNER_{name.upper()}"]
        if field.validation_alias is not None:
            names += list(field.validation_alias.choices)
        if not any(n in docs for n in names):
            missing.append(names[0])
    assert missing == []


def test_every_variable_the_docs_name_is_a_setting() -> None:
    """No README or docs/ page names a PLANNER_ variable that planner does not read."""
    import re

    from planner.config import Settings

    known = {f"PLANNER_{name.upper()}" for name in Settings.model_fields}
    tooling = {"PLANNER_TEST_PG", "PLANNER_BENCH_PG", "PLANNER_SCREENSHOTS"}  # tests, bench
    tooling.add("PLANNER_USER")  # the command line's --as, read by planner/cli/acting.py
    docs = (PROJECT_ROOT / "README.md").read_text()
    docs += "".join(p.read_text() for p in (PROJECT_ROOT / "docs").glob("*.md"))
    named = set(re.findall(r"PLANNER_[A-Z0-9_]*[A-Z0-9]", docs))
    prefixes = {n for n in named if any(k.startswith(n + "_") for k in known)}  # PLANNER_SMTP_*
    assert sorted(named - known - tooling - prefixes) == []


_PROJECT_DIRS = ("planner/", "tests/", "docs/", "bench/", "migrations/", "content_templates/")
_PATH = r"(?<![\w/.-])((?:[\w.-]+/)+[\w.-]+\.(?:py|md|yaml|js|toml|png|ttf))\b"


def _named_paths(text: str) -> list[str]:
    """Project paths a page names, e.g. `planner/publishing/worker.py` or `docs/imaging.md`."""
    import re

    return [m for m in re.findall(_PATH, text) if m.startswith(_PROJECT_DIRS)]


def test_docs_name_only_files_that_exist() -> None:
    """README and docs/ never send a reader to a file that is not there (moved or renamed)."""
    pages = [PROJECT_ROOT / "README.md", *sorted((PROJECT_ROOT / "docs").glob("*.md"))]
    missing = [
        f"{page.name}: {name}"
        for page in pages
        for name in _named_paths(page.read_text())
        if not (PROJECT_ROOT / name).exists()
    ]
    assert missing == []


def test_docs_check_finds_a_planted_missing_file() -> None:
    text = "see `planner/worker.py` and [x](docs/architecture.md), not example/file.py"
    assert _named_paths(text) == ["planner/worker.py", "docs/architecture.md"]
    assert not (PROJECT_ROOT / "planner/worker.py").exists()


def test_code_names_no_development_history() -> None:
    """Comments and docstrings use topic headings, not issue numbers (history lives in git)."""
    import re

    history = re.compile(r"\b[Ii]ssue \d+\b|" + "DESIGN" + r"\.md")
    hits = [
        f"{p.relative_to(PROJECT_ROOT)}:{n}"
        for folder in ("planner", "tests", "bench")
        for p in (PROJECT_ROOT / folder).rglob("*.py")
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if history.search(line)
    ]
    hits += [
        f"{p.name}"
        for p in [PROJECT_ROOT / "README.md", *(PROJECT_ROOT / "docs").glob("*.md")]
        if history.search(p.read_text())
    ]
    assert hits == []


def test_every_picture_the_app_shows_carries_alt_text() -> None:
    """st.image(...) or column.image(...) without alt= renders an <img> with no alt (WCAG 1.1.1)."""
    import ast

    missing = []
    for path in sorted((PROJECT_ROOT / "planner" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "image"
                and not any(k.arg == "alt" for k in node.keywords)
            ):
                missing.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert missing == []
