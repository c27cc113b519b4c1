"""The layer rules of docs/architecture.md, kept by tests: each on planner/ itself, and each
shown to fail on a small planted tree that breaks it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from planner.config import PROJECT_ROOT
from tests import layers

PLANNER = PROJECT_ROOT / "planner"


def test_streamlit_pandas_and_altair_only_in_the_pages() -> None:
    assert layers.ui_library_outside_ui(PLANNER) == []


def test_the_domain_never_imports_the_pages_or_the_cli() -> None:
    assert layers.domain_importing_ui_or_cli(PLANNER) == []


def test_no_import_cycle_between_packages() -> None:
    assert layers.cycles(layers.unit_graph(PLANNER)) == []


def test_no_import_cycle_between_modules() -> None:
    assert layers.cycles(layers.module_graph(PLANNER)) == []


def test_imaging_only_draws() -> None:
    assert layers.imaging_reaching_out(PLANNER) == []


def test_pages_ask_the_domain_and_never_query_the_database() -> None:
    """No page imports SQLModel or SQLAlchemy or builds a query: the domain modules own them."""
    assert layers.database_in_ui(PLANNER) == []


def test_the_entry_script_only_builds_navigation() -> None:
    """app.py imports Streamlit and the runtime helpers, no domain module."""
    imports = layers.imports_of(PROJECT_ROOT / "app.py", PROJECT_ROOT / "app.py")
    domain = [i.target for i in imports if i.target.startswith("planner.")]
    assert all(t.startswith("planner.ui") for t in domain), domain


# -- each rule fails on a planted violation -------------------------------------------------
def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "planner"
    for name, body in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.parent != root and not (path.parent / "__init__.py").exists():
            (path.parent / "__init__.py").write_text("")
        path.write_text(textwrap.dedent(body))
    return root


def test_planted_streamlit_outside_the_pages_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "ui/page.py": "import streamlit as st\nimport pandas\n",
            "scheduling.py": "def f():\n    import streamlit as st\n",
            "cli/core.py": "from streamlit.web import cli\n",
            "evaluation/charts.py": "import altair as alt\n",
        },
    )
    assert layers.ui_library_outside_ui(root) == [
        "evaluation/charts.py:1 imports altair",
        "scheduling.py:2 imports streamlit",
    ]


def test_planted_query_in_a_page_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "ui/calendar.py": """\
                import streamlit as st
                from sqlmodel import select

                rows = session.exec(select(Post).where(Post.id == 1))
                st.multiselect("a", [])
            """,
            "ui/widgets/form.py": """\
                def targets(session):
                    import sqlalchemy
                    return session.execute(sqlalchemy.text("SELECT 1"))
            """,
            "ui/settings.py": "from sqlalchemy.engine import make_url\n",
            "ui/studio.py": "import streamlit as st\nst.selectbox('a', [])\n",  # not a query
            "scheduling.py": "from sqlmodel import select\nq = select(1)\n",  # the domain may
        },
    )
    assert layers.database_in_ui(root) == [
        "ui/calendar.py:2 imports sqlmodel",
        "ui/calendar.py:2 imports sqlmodel.select",
        "ui/calendar.py:4 calls exec()",
        "ui/calendar.py:4 calls select()",
        "ui/settings.py:1 imports sqlalchemy.engine",
        "ui/settings.py:1 imports sqlalchemy.engine.make_url",
        "ui/widgets/form.py:2 imports sqlalchemy",
        "ui/widgets/form.py:3 calls execute()",
    ]


def test_planted_domain_import_of_a_page_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "ui/runtime.py": "X = 1\n",
            "cli/output.py": "Y = 2\n",
            "ui/page.py": "from planner.cli.output import Y\n",  # ui → cli is allowed
            "drafting.py": "from planner.ui.runtime import X\n",
            "publishing/worker.py": "from ..cli import output\n",
        },
    )
    assert layers.domain_importing_ui_or_cli(root) == [
        "drafting.py:1 imports planner.ui.runtime",
        "drafting.py:1 imports planner.ui.runtime.X",
        "publishing/worker.py:1 imports planner.cli",
        "publishing/worker.py:1 imports planner.cli.output",
    ]


def test_planted_cycle_through_type_checking_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "publishing/worker.py": "from planner.publishing import sending\n",
            "publishing/sending.py": "from planner.scheduling import x\n",
            "scheduling.py": """\
                from typing import TYPE_CHECKING
                x = 1
                if TYPE_CHECKING:
                    from planner.publishing.worker import Worker
            """,
            "models.py": "",
        },
    )
    assert layers.cycles(layers.unit_graph(root)) == [["planner.publishing", "planner.scheduling"]]
    assert layers.cycles(layers.module_graph(root)) == [
        ["planner.publishing.sending", "planner.publishing.worker", "planner.scheduling"]
    ]


def test_planted_cycle_inside_a_package_is_found(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "publishing/worker.py": "from planner.publishing.sending import send\n",
            "publishing/sending.py": "from planner.publishing.worker import Worker\n",
        },
    )
    assert layers.cycles(layers.unit_graph(root)) == []
    assert layers.cycles(layers.module_graph(root)) == [
        ["planner.publishing.sending", "planner.publishing.worker"]
    ]


@pytest.mark.parametrize(
    "line",
    [
        "from planner.models import Event",
        "from planner import models",
        "import planner.platforms.x",
        "from planner.db import session_scope",
        "from sqlmodel import Session",
        "from ..platforms.limits import LIMITS",
    ],
)
def test_planted_imaging_import_of_models_or_platforms_is_found(tmp_path: Path, line) -> None:
    root = _tree(
        tmp_path,
        {
            "models.py": "Event = 1\n",
            "db.py": "",
            "platforms/x.py": "",
            "platforms/limits.py": "LIMITS = {}\n",
            "limits.py": "LIMITS = {}\n",
            "imaging/render.py": f"from planner.limits import LIMITS\n{line}\n",
        },
    )
    assert len(layers.imaging_reaching_out(root)) >= 1
    assert all(v.startswith("imaging/render.py:2 ") for v in layers.imaging_reaching_out(root))
