"""The README's roles table is the permission table in planner/people/roles.py, cell for
cell, so the two cannot drift apart. On failure the message shows the table to paste."""

from __future__ import annotations

from pathlib import Path

from planner.i18n import t
from planner.i18n.people import ACTION_NAMES
from planner.models import Role
from planner.people.roles import PERMISSIONS, Action, Scope

README = Path(__file__).resolve().parent.parent / "README.md"
CELLS = {Scope.ANY: "✓", Scope.OWN: "own", Scope.SANDBOX: "practice", None: "—"}


def roles_table() -> str:
    """The table as markdown: one row per action, one column per role."""
    roles = [r.value for r in Role]
    lines = [
        "| May … | " + " | ".join(t(f"role.{r}", "en") for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        cells = [CELLS[PERMISSIONS[r].get(action)] for r in roles]
        lines.append(f"| {ACTION_NAMES[action.name][1]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def test_readme_roles_table_is_the_permission_table() -> None:
    table = roles_table()
    assert table in README.read_text(), "README.md needs this roles table:\n\n" + table


def test_every_scope_has_a_cell_and_the_legend_explains_it() -> None:
    assert set(CELLS) - {None} == set(Scope)
    readme = README.read_text()
    assert "*practice*" in readme and "*own*" in readme
