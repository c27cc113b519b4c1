"""Printing results: a JSON object with --json, readable lines otherwise."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any

import typer

# The `--json` flag every command takes (the CLI contract in the README).
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def emit(data: dict[str, Any], as_json: bool, lines: list[str] | None = None) -> None:
    """One JSON object (as_json) or the given human-readable lines."""
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, default=_default))
    else:
        for line in lines if lines is not None else [f"{k}: {v}" for k, v in data.items()]:
            typer.echo(line)
