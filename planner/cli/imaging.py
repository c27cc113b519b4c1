"""`planner render`: one branded image to a file, or a whole batch on every core."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.errors import UserError
from planner.cli.output import JsonOpt, emit
from planner.config import get_settings


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("render")(render)


def _brand(default_brand: bool):
    """The saved brand kit when a database is set up, else the demo brand (said on stderr)."""
    from planner.imaging.brand import DEFAULT_BRAND

    if default_brand:
        return DEFAULT_BRAND
    settings = get_settings()
    if not settings.database_url and not (settings.data_dir / "planner.db").exists():
        return DEFAULT_BRAND
    from sqlalchemy.exc import SQLAlchemyError

    from planner.brand_kit import active_brand
    from planner.db import DatabaseUnavailable, session_scope

    try:
        with session_scope() as session:
            return active_brand(session)
    except (DatabaseUnavailable, SQLAlchemyError):
        typer.echo(
            "planner: note: no saved brand kit could be read; using the demo brand", err=True
        )
        return DEFAULT_BRAND


def _write(path: Path, data: bytes) -> None:
    """Write atomically, so an interrupted run or a full disk never leaves half an image."""
    from planner.imaging.errors import ImagingError
    from planner.imaging.files import write_atomic

    try:
        write_atomic(path, data)
    except ImagingError as exc:
        raise UserError(str(exc)) from exc


def render(
    out: Annotated[
        Path, typer.Option("--out", help="Image file to write (a folder with --batch).")
    ],
    layout: Annotated[
        str, typer.Option("--layout", help="event_poster, new_arrival, …")
    ] = "event_poster",
    size: Annotated[
        str, typer.Option("--size", help="square, portrait, landscape, link, story")
    ] = "square",
    title: Annotated[str, typer.Option("--title")] = "",
    subtitle: Annotated[str, typer.Option("--subtitle")] = "",
    image: Annotated[
        Path | None, typer.Option("--image", help="A photo or cover to include.")
    ] = None,
    kicker: Annotated[str, typer.Option("--kicker", help="Small label above the title.")] = "",
    date: Annotated[str, typer.Option("--date")] = "",
    time_: Annotated[str, typer.Option("--time")] = "",
    place: Annotated[str, typer.Option("--place")] = "",
    speaker: Annotated[str, typer.Option("--speaker")] = "",
    audience: Annotated[str, typer.Option("--audience")] = "",
    day: Annotated[str, typer.Option("--day", help="Date badge day, e.g. 6.")] = "",
    month: Annotated[str, typer.Option("--month", help="Date badge month, e.g. Des.")] = "",
    author: Annotated[str, typer.Option("--author")] = "",
    call_number: Annotated[str, typer.Option("--call-number")] = "",
    book: Annotated[
        list[str] | None, typer.Option("--book", help="TITLE|AUTHOR|COVER (repeat, book_list).")
    ] = None,
    quote: Annotated[str, typer.Option("--quote")] = "",
    attribution: Annotated[str, typer.Option("--attribution")] = "",
    number: Annotated[str, typer.Option("--number", help="Statistic, e.g. 1.250.")] = "",
    label: Annotated[str, typer.Option("--label", help="What the number counts.")] = "",
    row: Annotated[
        list[str] | None, typer.Option("--row", help="LABEL=VALUE (repeat, notice).")
    ] = None,
    detail: Annotated[
        list[str] | None, typer.Option("--detail", help="Extra line (repeat).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="jpeg or png.")] = "jpeg",
    platform: Annotated[
        str | None,
        typer.Option("--platform", help="Apply x, facebook, instagram, threads or bluesky limits."),
    ] = None,
    locale: Annotated[str | None, typer.Option("--locale", help="id or en labels.")] = None,
    default_brand: Annotated[
        bool, typer.Option("--default-brand", help="Use the demo brand, not the saved kit.")
    ] = False,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="CSV or JSON file with one image per row.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Processes (default: all cores).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Render a branded image to FILE, or every row of a --batch file into a folder."""
    from planner.imaging.jobs import JobError

    brand = _brand(default_brand)
    try:
        if batch is not None:
            _render_batch(batch, out, brand, workers, as_json)
            return
        fields = {
            "layout": layout,
            "size": size,
            "title": title,
            "subtitle": subtitle,
            "image": str(image) if image else None,
            "kicker": kicker,
            "date": date,
            "time": time_,
            "place": place,
            "speaker": speaker,
            "audience": audience,
            "day": day,
            "month": month,
            "author": author,
            "call_number": call_number,
            "books": book or [],
            "quote": quote,
            "attribution": attribution,
            "number": number,
            "label": label,
            "rows": row or [],
            "details": detail or [],
            "format": fmt,
            "platform": platform,
            "locale": locale or get_settings().locale,
        }
        _render_one(fields, out, brand, as_json)
    except JobError as exc:
        raise UserError(str(exc)) from exc


def _render_one(fields: dict, out: Path, brand, as_json: bool) -> None:
    from planner.imaging.alt_text import describe
    from planner.imaging.jobs import job_from_fields
    from planner.imaging.render import render as draw_image

    if not out.parent.is_dir():
        raise UserError(f"no such folder for --out: {out.parent}")
    job = job_from_fields(fields, Path.cwd(), 1, brand, "render")
    result = draw_image(job.layout, job.size, job.data, brand, fmt=job.fmt, platform=job.platform)
    _write(out, result.data)
    alt = describe(job.layout, job.data, brand.name)
    emit(
        {
            "ok": True,
            "out": str(out),
            "bytes": len(result.data),
            "width": result.width,
            "height": result.height,
            "mime": result.mime,
            "cached": result.cached,
            "alt_text": alt,
        },
        as_json,
        [
            f"wrote {out} ({len(result.data)} bytes, {result.width}×{result.height})",
            f"alt text: {alt}",
        ],
    )


def _render_batch(batch: Path, out: Path, brand, workers: int | None, as_json: bool) -> None:
    from planner.imaging.batch import default_workers, render_batch
    from planner.imaging.jobs import load_jobs

    jobs = load_jobs(batch, brand)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out must be a folder for --batch: {out}")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    count = workers or default_workers()
    with typer.progressbar(
        length=len(jobs), label=f"Rendering on {count} core(s)", file=sys.stderr
    ) as bar:
        results = render_batch(
            jobs, workers=count, progress=lambda done, _total: bar.update(done - bar.pos)
        )
    files, failed = [], []
    for number, result in enumerate(results, start=1):
        if result.data is None:
            failed.append({"row": number, "file": result.job.name, "error": result.error})
            continue
        _write(out / result.job.name, result.data)
        files.append(result.job.name)
    seconds = round(time.perf_counter() - started, 2)
    emit(
        {
            "ok": not failed,
            "out": str(out),
            "rendered": len(files),
            "cached": sum(1 for r in results if r.cached),
            "failed": failed,
            "files": files,
            "seconds": seconds,
            "workers": count,
        },
        as_json,
        [f"wrote {len(files)} image(s) to {out} in {seconds} s"]
        + [f"row {f['row']} ({f['file']}): {f['error']}" for f in failed],
    )
    if failed:
        first = failed[0]
        raise UserError(
            f"{len(failed)} of {len(jobs)} image(s) could not be rendered "
            f"(row {first['row']}: {first['error']})"
        )
