"""Importing collection items from CSV or MARC 21 (.mrc / MARCXML)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlmodel import Session

from planner.importing.marc import is_marcxml, read_records, record_to_values
from planner.importing.report import ImportFileError, ImportReport
from planner.importing.rows import RowRefused, Warned, run_rows
from planner.importing.tabular import read_table
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.sources import ItemIn, SourceError, normalize_isbn, store_item

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("judul", "judul buku", "book title"),
    "subtitle": ("anak judul", "subjudul", "sub judul"),
    "author": ("pengarang", "penulis", "pengarang utama", "pengarang penulis", "authors"),
    "publisher": ("penerbit",),
    "year": ("tahun", "tahun terbit", "thn terbit", "published"),
    "isbn": ("isbn issn", "no isbn", "nomor isbn"),
    "call_number": ("nomor panggil", "no panggil", "call number", "callnumber", "klasifikasi"),
    "subjects": ("subjek", "subject", "topik", "tajuk subjek"),
    "summary": ("ringkasan", "sinopsis", "abstrak", "abstract", "deskripsi"),
    "opac_url": ("opac", "tautan", "link", "url", "tautan katalog"),
    "key": ("kode", "kode buku"),
}


def row_to_item(row: dict[str, Any]) -> Warned:
    """One CSV row, MARC or OAI record as an ItemIn; RowRefused naming what is wrong.

    An invalid ISBN (a typo, a cancelled number: common in real catalogues) does not cost
    the title: it is taken without the ISBN and the row carries a warning saying so.
    """
    if not row.get("title"):
        raise RowRefused("no_title")
    values = {k: v for k, v in row.items() if k in ItemIn.model_fields}
    subjects = values.get("subjects")
    if isinstance(subjects, str):
        values["subjects"] = [s for s in re.split(r"\s*[;|]\s*", subjects) if s]
    warnings: list[tuple[str, dict[str, Any]]] = []
    try:
        normalize_isbn(values.get("isbn"))
    except SourceError as exc:
        warnings.append(("isbn_dropped", {"isbn": exc.values["isbn"]}))
        values["isbn"] = None
    return Warned(ItemIn(**values), warnings)


def _marc_rows(data: bytes) -> list[tuple[int, Any]]:
    rows: list[tuple[int, Any]] = []
    for position, record, problem in read_records(data):
        rows.append((position, record_to_values(record) if record is not None else problem))
    return rows


def _prepare_marc(raw: Any) -> Warned:
    if isinstance(raw, str):  # the reader could not parse this record
        raise RowRefused("unreadable_record", detail=raw)
    return row_to_item(raw)


def import_collection(
    session: Session, data: bytes, filename: str, *, actor: Actor
) -> ImportReport:
    """Import items from CSV, .mrc or MARCXML bytes (chosen by name and content)."""
    check(session, actor, Action.EDIT_SOURCES, ("import", filename))
    suffix = Path(filename).suffix.lower()
    if suffix in (".mrc", ".marc", ".iso", ".xml") or is_marcxml(data):
        if not data.strip():
            raise ImportFileError("empty")
        xml = is_marcxml(data)
        report = ImportReport(
            kind="collection", filename=filename, file_format="marcxml" if xml else "marc"
        )
        rows = _marc_rows(data)
        if not rows:
            raise ImportFileError("empty")
        prepare = _prepare_marc
    elif suffix in (".csv", ".txt", ".tsv", ""):
        table = read_table(data, ALIASES, required=("title",))
        report = table.report("collection", filename)
        rows, prepare = table.rows, row_to_item
    else:
        raise ImportFileError("format", name=Path(filename).name)
    result = run_rows(
        session,
        report,
        rows,
        prepare=prepare,
        key_of=lambda item: item.stable_key(),
        save=lambda s, item: store_item(s, item),
    )
    audit.record(session, actor, "sources.import", ("import", filename), **result.counts)
    return result
