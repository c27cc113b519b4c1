"""Reading spreadsheet exports: any of the encodings and separators Indonesian offices produce.

Excel and LibreOffice in an Indonesian locale save CSV with `;` (the comma is the decimal
mark there), often in Windows-1252; Google Sheets saves UTF-8 with `,`; Excel's "CSV UTF-8"
adds a byte-order mark. Headers are matched by meaning in Indonesian or English, ignoring
case, spaces, dots and underscores.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from planner.importing.report import ImportFileError, ImportReport

DELIMITERS = (";", ",", "\t", "|")


def csv_problem(exc: csv.Error, line: int) -> ImportFileError:
    """A CSV the reader gave up on (a cell over 128 KiB, a stray NUL) as one sentence."""
    detail = str(exc)
    if "field limit" in detail:
        detail = f"a cell is longer than {csv.field_size_limit() // 1024} KiB"
    return ImportFileError("bad_csv", row=line, detail=detail)


def checked_rows(reader: Any, skip: int = 0) -> Iterator[Any]:
    """The reader's rows; a CSV error becomes ImportFileError naming its line, not a traceback."""
    try:
        yield from reader
    except csv.Error as exc:
        raise csv_problem(exc, reader.line_num + 1 + skip) from exc


@dataclass
class Table:
    """Decoded rows keyed by our column names, with what was learned about the file."""

    rows: list[tuple[int, dict[str, str]]]  # (line number in the file, values)
    encoding: str
    delimiter: str
    ignored_columns: list[str] = field(default_factory=list)

    def report(self, kind: str, filename: str) -> ImportReport:
        """An empty report for importing this table, saying how the file was read."""
        return ImportReport(
            kind=kind,
            filename=filename,
            file_format="csv",
            encoding=self.encoding,
            delimiter=self.delimiter,
            ignored_columns=self.ignored_columns,
        )


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding it was in (UTF-8 with or without BOM, UTF-16, 1252)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        # Five byte values are unassigned in 1252; Latin-1 maps every byte, losing nothing.
        return data.decode("latin-1"), "iso-8859-1"


def _norm(header: str) -> str:
    return re.sub(r"[\s._\-/]+", " ", header.strip().casefold()).strip()


def sniff_delimiter(header_line: str) -> str:
    """The separator used most often in the header line (`;` wins a tie, as in Indonesia)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(
    data: bytes, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> Table:
    """Rows of a CSV file as dicts keyed by the names in `aliases`; blank rows are skipped."""
    if not data.strip():
        raise ImportFileError("empty")
    text, encoding = decode(data)
    lines = text.splitlines()
    skip = 0
    delimiter = ""
    if lines and lines[0].strip().lower().startswith("sep="):  # Excel's separator hint line
        delimiter = lines[0].strip()[4:5] or ","
        skip = 1
    body = "\n".join(lines[skip:])
    first = next((line for line in lines[skip:] if line.strip()), "")
    delimiter = delimiter or sniff_delimiter(first)
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    lookup = {_norm(alias): name for name, names in aliases.items() for alias in (name, *names)}
    header: list[str] | None = None
    columns: list[str | None] = []
    ignored: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    last = 0
    for values in checked_rows(reader, skip):
        # A quoted cell may span lines: report the line where the row starts, as a sheet does.
        line, last = last + 1 + skip, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if header is None:
            header = values
            columns = [lookup.get(_norm(h)) for h in header]
            ignored = [
                h.strip() for h, c in zip(header, columns, strict=True) if c is None and h.strip()
            ]
            missing = [r for r in required if r not in columns]
            if missing:
                # Named as the import help names them: "judul" in Indonesian, "title" in English.
                needed = {
                    "id": ", ".join(aliases[r][0] if aliases.get(r) else r for r in missing),
                    "en": ", ".join(r.replace("_", " ") for r in missing),
                }
                raise ImportFileError("no_header", needed=needed)
            continue
        row: dict[str, str] = {}
        for name, value in zip(columns, values, strict=False):
            if name is not None and value.strip():
                row.setdefault(name, value.strip())
        rows.append((line, row))
    if header is None:
        raise ImportFileError("empty")
    return Table(rows=rows, encoding=encoding, delimiter=delimiter, ignored_columns=ignored)
