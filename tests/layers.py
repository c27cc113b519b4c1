"""The import graph of a package tree, read with `ast`, and the layer rules it must keep.

Used by tests/test_architecture.py on planner/ itself and on small planted trees that break
each rule (so every rule is shown to fail). Imports under `if TYPE_CHECKING:` count: a cycle
that only type checkers see is still a cycle a reader has to untangle.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

UI_ONLY = ("streamlit", "pandas", "altair")  # drawing pages: planner/ui/ and app.py only
SERVER_STARTER = "cli/core.py"  # `planner serve` starts Streamlit's server from here
IMAGING_MAY_NOT = ("models", "db", "platforms", "sqlmodel", "sqlalchemy")
DATABASE_LIBRARIES = ("sqlmodel", "sqlalchemy")  # pages ask the domain, never the database
QUERY_CALLS = ("select", "exec", "execute")  # building or running a query


@dataclass(frozen=True)
class Import:
    """One import statement: which module of the tree made it, of what, on which line."""

    module: str  # dotted name of the importing module, e.g. planner.publishing.worker
    path: Path
    line: int
    target: str  # dotted name imported, e.g. planner.models or streamlit.web


def module_name(path: Path, root: Path) -> str:
    """The dotted name of `path` inside the package at `root` (its __init__ is the package)."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path) -> list[Import]:
    """Every import in one file, relative ones resolved, `from a import b` also as `a.b`."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[Import] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [Import(name, path, node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append(Import(name, path, node.lineno, target))
            found += [Import(name, path, node.lineno, f"{target}.{a.name}") for a in node.names]
    return found


def all_imports(root: Path) -> list[Import]:
    """The imports of every module under the package directory `root`."""
    return [i for path in sorted(root.rglob("*.py")) for i in imports_of(path, root)]


def unit(name: str, root_name: str) -> str | None:
    """The top-level part of the tree a module belongs to: a subpackage or a flat module."""
    parts = name.split(".")
    if parts[0] != root_name or len(parts) < 2:
        return None
    return ".".join(parts[:2])


def _relative(imp: Import, root: Path) -> str:
    return imp.path.relative_to(root).as_posix()


def ui_library_outside_ui(root: Path) -> list[str]:
    """Streamlit, pandas or Altair imported outside ui/ (and the server starter)."""
    return [
        f"{_relative(i, root)}:{i.line} imports {i.target}"
        for i in all_imports(root)
        if i.target.split(".")[0] in UI_ONLY
        and not _relative(i, root).startswith("ui/")
        and _relative(i, root) != SERVER_STARTER
    ]


def domain_importing_ui_or_cli(root: Path) -> list[str]:
    """A module outside ui/ and cli/ that imports from ui/ or cli/."""
    outer = {f"{root.name}.ui", f"{root.name}.cli"}
    return [
        f"{_relative(i, root)}:{i.line} imports {i.target}"
        for i in all_imports(root)
        if unit(i.module, root.name) not in outer and unit(i.target, root.name) in outer
    ]


def imaging_reaching_out(root: Path) -> list[str]:
    """imaging/ importing the database models, the database, or the platform adapters."""
    banned = {f"{root.name}.{m}" for m in IMAGING_MAY_NOT[:3]} | set(IMAGING_MAY_NOT[3:])
    return [
        f"{_relative(i, root)}:{i.line} imports {i.target}"
        for i in all_imports(root)
        if unit(i.module, root.name) == f"{root.name}.imaging"
        and any(i.target == b or i.target.startswith(b + ".") for b in banned)
    ]


def _called_name(node: ast.Call) -> str | None:
    """`select` for both `select(...)` and `sqlmodel.select(...)`; None for other callees."""
    if isinstance(node.func, ast.Name):
        return node.func.id
    return node.func.attr if isinstance(node.func, ast.Attribute) else None


def database_in_ui(root: Path) -> list[str]:
    """A page (ui/) that imports SQLModel or SQLAlchemy, or builds or runs a query itself."""
    found = [
        (i.path, i.line, f"imports {i.target}")
        for i in all_imports(root)
        if _relative(i, root).startswith("ui/") and i.target.split(".")[0] in DATABASE_LIBRARIES
    ]
    for path in sorted((root / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Call) and _called_name(node) in QUERY_CALLS:
                found.append((path, node.lineno, f"calls {_called_name(node)}()"))
    return [
        f"{path.relative_to(root).as_posix()}:{line} {what}"
        for path, line, what in sorted(found, key=lambda f: (f[0], f[1]))
    ]


def unit_graph(root: Path) -> dict[str, set[str]]:
    """Which top-level parts of the tree import which others (known modules only)."""
    known = {module_name(p, root) for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for imp in all_imports(root):
        source, target = unit(imp.module, root.name), unit(imp.target, root.name)
        if source and target and source != target and imp.target in known:
            graph.setdefault(source, set()).add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def module_graph(root: Path) -> dict[str, set[str]]:
    """Which modules import which (inside the tree), for cycles within a package too."""
    known = {module_name(p, root) for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for imp in all_imports(root):
        if imp.target in known and imp.target != imp.module:
            graph.setdefault(imp.module, set()).add(imp.target)
    return graph
