"""The `planner` command line: the same services as the app, for cron, scripts and tests.

Exit status 0 on success and 1 on a user error, which is printed as one line on stderr
(never a traceback); `--json` prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import sys

import typer

from planner.cli import (
    accounts,
    acting,
    backup,
    catalogue,
    content,
    core,
    imaging,
    indicators,
    observances,
    report,
    review,
    schedule,
    sources,
    training,
)
from planner.cli.imports import import_app
from planner.cli.metrics import metrics_app
from planner.cli.users import user_app

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Library social media planner.")
app.callback()(acting.root)  # the global --as NAME / PLANNER_USER
core.register(app)
content.register(app)
sources.register(app)
schedule.register(app)
imaging.register(app)
accounts.register(app)
backup.register(app)
review.register(app)
training.register(app)
report.register(app)
indicators.register(app)
observances.register(app)
catalogue.register(app)
app.add_typer(import_app, name="import")  # `import events|collection|posts`, from two modules
app.add_typer(user_app, name="user")
app.add_typer(metrics_app, name="metrics")


def main() -> None:
    """Console-script entry point: run the app, turning known errors into one clean line."""
    from planner.cli.errors import run_cli

    sys.exit(run_cli(app))
