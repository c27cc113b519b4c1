"""The `planner import …` command group; its commands live with their areas.

`import events` and `import collection` come from the sources module, `import posts` from
the scheduling module; each registers itself on `import_app`.
"""

from __future__ import annotations

import typer

import_app = typer.Typer(no_args_is_help=True, help="Import events, collection items or posts.")
