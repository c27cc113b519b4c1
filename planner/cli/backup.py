"""`planner backup` and `planner restore`: the database and the media in one file, and back.

Only an admin (named with --as) may make a backup or restore over data; restoring onto an
empty installation (a new machine) needs nobody, as nobody exists there yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.output import JsonOpt, emit


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("backup")(backup)
    app.command("restore")(restore)


def backup(
    out: Annotated[Path, typer.Option("--out", help="The new backup file (.tar.gz).")],
    as_json: JsonOpt = False,
) -> None:
    """Back up the database, the media library and the brand kit into one file (not the key)."""
    from planner.backup import create_backup

    report = create_backup(out, actor=acting_user())
    emit(
        {
            "ok": True,
            "file": str(report.path),
            "database": report.database,
            "revision": report.revision,
            "media_files": report.media_files,
            "size_bytes": report.size_bytes,
            "secret_key_included": False,
            "reminder": report.key_reminder,
        },
        as_json,
        [
            f"backup written to {report.path} ({report.database} database at revision "
            f"{report.revision}, {report.media_files} media file(s), "
            f"{max(1, report.size_bytes // 1024)} KB)",
            f"remember: {report.key_reminder}",
        ],
    )


def restore(
    file: Annotated[Path, typer.Argument(help="A backup made with `planner backup`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace an installation that already has data.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Restore a backup: database and media replaced, then migrated if the backup is older."""
    from planner.backup import in_use, restore_backup
    from planner.config import get_settings, make_private_dir

    # Not the key file: the backup's own key must be put back, not a new one made.
    make_private_dir(get_settings().data_dir)
    # Over data an admin must be named; a new, empty machine has nobody to name.
    actor = acting_user() if in_use() else None
    report = restore_backup(file, actor=actor, force=force)
    migrated = report.backup_revision != report.revision
    emit(
        {
            "ok": True,
            "database": report.database,
            "backup_revision": report.backup_revision,
            "revision": report.revision,
            "migrated": migrated,
            "media_files": report.media_files,
            "planner_version": report.planner_version,
            "replaced": report.replaced,
            "key_problem": report.key_problem,
        },
        as_json,
        [
            f"restored the {report.database} database and {report.media_files} media file(s) "
            f"from {file.name} (planner {report.planner_version})",
            f"migrated from revision {report.backup_revision} to {report.revision}"
            if migrated
            else f"database at revision {report.revision}",
            *([f"warning: {report.key_problem}"] if report.key_problem else []),
        ],
    )
