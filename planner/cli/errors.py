"""Which exceptions are a user's problem (one line, exit 1) rather than a bug (traceback)."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from planner.db import DatabaseUnavailable


class UserError(Exception):
    """Bad input from the command line; printed as one line."""


USER_ERRORS: tuple[type[BaseException], ...] = (
    UserError,
    DatabaseUnavailable,
    ValueError,  # our domain errors (SchedulingError, TemplateProblem, DraftError…) derive from it
    FileNotFoundError,
    PermissionError,  # also PermissionDenied: a role refused, worded in one line
    ValidationError,
    OperationalError,  # the database went away or refused us: a one-line reason, not a bug
)


def fail(reason: str) -> NoReturn:
    """Exit 1 with the one-line reason on stderr, after a report was printed on stdout.

    The same line `run_cli` prints for a UserError, for commands that print their full
    report (or JSON object) first and then fail (a refused row, a text that does not pass).
    """
    typer.echo(f"planner: error: {' '.join(reason.split())}", err=True)
    raise typer.Exit(1)


def run_cli(app: typer.Typer) -> int:
    """Run `app`; known errors become 'planner: error: …' on stderr and exit status 1."""
    try:
        code = app(standalone_mode=False)
    except USER_ERRORS as exc:
        print(f"planner: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("planner: aborted", file=sys.stderr)
        return 1
    except Exception as exc:
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return 1 if exc.exit_code == 0 else exc.exit_code
        raise
    # Without standalone mode click hands back the code of a typer.Exit instead of exiting.
    return code if isinstance(code, int) else 0


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, OperationalError):
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else "operational error"
        return f"database error: {reason}"
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        return f"{'.'.join(str(p) for p in first['loc'])}: {message}"
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    return " ".join(str(exc).split()) or exc.__class__.__name__
