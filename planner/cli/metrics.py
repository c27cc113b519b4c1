"""`planner metrics collect [--post N]`: fresh figures from the platforms now, as a person.

The worker takes the regular snapshots by itself (`collect-metrics` runs that pass alone);
this is the on-demand refresh the post panel's "Perbarui angka" button makes, so it acts
as the person named with `--as` / PLANNER_USER and is refused to roles that may not.
"""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.output import JsonOpt, emit

metrics_app = typer.Typer(no_args_is_help=True, help="Engagement and audience figures.")


@metrics_app.command("collect")
def collect(
    post: Annotated[
        int | None,
        typer.Option("--post", help="Only this post (default: every post still collected)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ask the platforms for figures now: post snapshots and today's followers."""
    from planner.collecting import refresh_figures
    from planner.db import check_connection

    check_connection()
    done = refresh_figures(actor=acting_user(), post_id=post)
    emit(
        {"ok": True, "post": post, **done.as_dict()},
        as_json,
        [f"{done.snapshots} snapshot(s), {done.audience} audience figure(s) stored"],
    )
