"""Render jobs from plain fields: the CLI's options, a CSV or JSON batch file, a form.

One vocabulary for every way in: `title`, `subtitle`, `detail`s, `image`, `kicker`,
`date`, `time`, `place`, `speaker`, `audience`, `day`, `month`, `author`, `call_number`,
`book`s ('Title|Author|cover.jpg'), `quote`, `attribution`, `number`, `label`, `row`s
('Senin–Kamis=08.00–15.00'). Relative image paths are read from the batch file's folder.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from planner.imaging.batch import RenderJob
from planner.imaging.brand import Brand
from planner.imaging.errors import ImagingError
from planner.imaging.files import plain_name
from planner.imaging.layouts import TEXT_FIELDS, Cover, LayoutInput, layout_named
from planner.imaging.output import EXTENSION, spec_for
from planner.imaging.sizes import size_named

MAX_JOBS = 1000


class JobError(ValueError):
    """A render request that cannot be understood, naming the row and the field."""


def _list(value: Any, separator: str = ";") -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(separator) if part.strip()]


def _path(value: str, base: Path | None, where: str) -> Path:
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = base / path
    if not path.is_file():
        raise JobError(f"{where}: no such image file: {value}")
    return path


def _book(value: Any, base: Path | None, where: str) -> Cover:
    if isinstance(value, Mapping):
        title, author, image = value.get("title", ""), value.get("author", ""), value.get("image")
    else:
        parts = [p.strip() for p in str(value).split("|")]
        title, author, image = [*parts, "", "", ""][:3]
    return Cover(str(title), str(author), _path(str(image), base, where) if image else None)


def _row(value: Any, where: str) -> tuple[str, str]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return str(value[0]), str(value[1])
    text = str(value)
    if "=" not in text:
        raise JobError(f"{where}: a row is written LABEL=VALUE, e.g. 'Jumat=08.00–11.00'")
    label, _, val = text.partition("=")
    return label.strip(), val.strip()


def layout_input(
    fields: Mapping[str, Any], base: Path | None = None, where: str = "input"
) -> LayoutInput:
    """A LayoutInput from plain fields (unknown fields are refused, so typos show)."""
    known = {*TEXT_FIELDS, "detail", "details", "image", "book", "books", "row", "rows", "locale"}
    known |= {"layout", "size", "file", "format", "platform"}
    unknown = sorted(k for k, v in fields.items() if k not in known and v not in (None, ""))
    if unknown:
        raise JobError(f"{where}: unknown field(s) {', '.join(unknown)}")
    values = {k: str(fields.get(k) or "").strip() for k in TEXT_FIELDS}
    if not values["title"] and not (values["quote"] or values["number"]):
        raise JobError(f"{where}: a title is required")
    image = fields.get("image")
    books = _list(fields.get("books") or fields.get("book"))
    if isinstance(fields.get("books"), list):
        books = fields["books"]
    rows = fields.get("rows") or fields.get("row") or []
    rows = rows if isinstance(rows, list) else _list(rows)
    return LayoutInput(
        **values,
        details=_list(fields.get("details") or fields.get("detail")),
        image=_path(str(image), base, where) if image else None,
        covers=[_book(b, base, where) for b in books],
        rows=[_row(r, where) for r in rows],
        locale=str(fields.get("locale") or "id"),
    )


def job_from_fields(
    fields: Mapping[str, Any], base: Path | None, index: int, brand: Brand | None, where: str
) -> RenderJob:
    """One RenderJob; layout, size, format and platform are checked here, not mid-batch."""
    layout = str(fields.get("layout") or "").strip()
    size = str(fields.get("size") or "square").strip()
    fmt = str(fields.get("format") or "jpeg").strip()
    platform = str(fields.get("platform") or "").strip() or None
    try:
        layout_named(layout)
        size_named(size)
        spec = spec_for(fmt, platform)
    except ValueError as exc:
        raise JobError(f"{where}: {exc}") from exc
    data = layout_input(fields, base, where)
    name = str(fields.get("file") or "").strip()
    if name:
        try:
            plain_name(name)
        except ImagingError:
            raise JobError(
                f"{where}: 'file' must be a plain file name, without folders (not {name!r})"
            ) from None
    name = name or f"{index:03d}-{layout}-{size}{EXTENSION[spec.format]}"
    return RenderJob(layout, size, data, brand, spec.format, platform, name)


def load_jobs(path: Path, brand: Brand | None = None) -> list[RenderJob]:
    """Render jobs from a CSV (one row per image) or JSON file (a list, or {'jobs': [...]})."""
    if not path.is_file():
        raise JobError(f"no such batch file: {path}")
    base = path.parent
    rows: Iterable[Mapping[str, Any]]
    if path.suffix.lower() == ".json":
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise JobError(f"{path.name} is not valid JSON: {exc}") from exc
        rows = loaded.get("jobs", []) if isinstance(loaded, dict) else loaded
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise JobError(f"{path.name}: expected a list of objects (or {{'jobs': [...]}})")
        first_line = 1
    elif path.suffix.lower() == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JobError(f"{path.name} is not UTF-8 text; save the CSV as UTF-8") from exc
        rows = list(csv.DictReader(text.splitlines()))
        first_line = 2
    else:
        raise JobError(f"{path.name}: a batch file is .csv or .json")
    rows = list(rows)
    if not rows:
        raise JobError(f"{path.name} has no jobs")
    if len(rows) > MAX_JOBS:
        raise JobError(f"{path.name} has {len(rows)} jobs; at most {MAX_JOBS} per batch")
    jobs = [
        job_from_fields(row, base, i + 1, brand, f"{path.name} row {i + first_line}")
        for i, row in enumerate(rows)
    ]
    names = [j.name for j in jobs]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise JobError(f"{path.name}: file name(s) used twice: {', '.join(duplicates)}")
    return jobs
