"""The import report: one line per row or record, in the language of whoever reads it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

REASONS: dict[str, dict[str, str]] = {
    "no_title": {"id": "judul kosong", "en": "the title is empty"},
    "no_date": {"id": "tanggal kosong", "en": "the date is empty"},
    "no_time": {"id": "jam kosong", "en": "the time is empty"},
    "bad_date": {"id": "tanggal tidak terbaca: {value!r}", "en": "unreadable date: {value!r}"},
    "wrong_weekday": {
        "id": "{value!r}: {date} jatuh pada hari {weekday_id}, bukan {written}; perbaiki hari "
        "atau tanggalnya",
        "en": "{value!r}: {date} is a {weekday_en}, not {written}; correct the day or the date",
    },
    "bad_time": {"id": "jam tidak terbaca: {value!r}", "en": "unreadable time: {value!r}"},
    "invalid": {"id": "{detail}", "en": "{detail}"},
    "duplicate_row": {
        "id": "sama dengan baris {row} di berkas ini (dilewati)",
        "en": "same as row {row} in this file (skipped)",
    },
    "database": {
        "id": "tidak dapat disimpan: {detail}",
        "en": "could not be saved: {detail}",
    },
    "isbn_dropped": {
        "id": "ISBN “{isbn}” tidak valid (digit periksa atau panjangnya); judul diimpor tanpa ISBN",
        "en": (
            "ISBN “{isbn}” is not valid (check digit or length); the title was imported without it"
        ),
    },
    "unreadable_oai": {
        "id": "rekaman katalog tidak terbaca: {detail}",
        "en": "unreadable catalogue record: {detail}",
    },
    "unreadable_record": {
        "id": "rekaman MARC rusak: {detail}",
        "en": "damaged MARC record: {detail}",
    },
}
FILE_PROBLEMS: dict[str, dict[str, str]] = {
    "empty": {"id": "Berkas kosong.", "en": "The file is empty."},
    "no_header": {
        "id": "Baris judul kolom tidak dikenali; perlu kolom {needed}.",
        "en": "The header row is not recognised; it needs these columns: {needed}.",
    },
    "format": {
        "id": "Format berkas tidak dikenali ({name}); gunakan CSV, .mrc atau MARCXML.",
        "en": "Unknown file format ({name}); use CSV, .mrc or MARCXML.",
    },
    "bad_xml": {
        "id": "Berkas MARCXML tidak dapat dibaca: {detail}",
        "en": "The MARCXML file cannot be read: {detail}",
    },
    "bad_csv": {
        "id": "Berkas CSV tidak dapat dibaca di baris {row}: {detail}. Tidak ada yang diimpor.",
        "en": "The CSV file cannot be read at line {row}: {detail}. Nothing was imported.",
    },
    "too_many_rows": {
        "id": "Berkas berisi {rows} baris; maksimal {limit} baris sekali impor. Bagi berkasnya.",
        "en": "The file has {rows} rows; at most {limit} can be imported at once. Split it.",
    },
    "interrupted": {
        "id": (
            "Impor berhenti di baris {row} ({detail}); {saved} baris pertama sudah tersimpan. "
            "Impor ulang berkas yang sama: baris yang sudah tersimpan tidak akan digandakan."
        ),
        "en": (
            "The import stopped at row {row} ({detail}); the first {saved} rows were saved. "
            "Import the same file again: rows already saved will not be doubled."
        ),
    },
    "too_big": {
        "id": "Berkas terlalu besar: maksimal {mb} MB.",
        "en": "The file is too large: at most {mb} MB.",
    },
}


class ImportFileError(ValueError):
    """A whole file that cannot be read (nothing was imported from it)."""

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(self.text("en"))

    def text(self, locale: str = "id") -> str:
        """The reason in `locale`."""
        messages = FILE_PROBLEMS[self.code]
        values = {  # a value may itself be worded per language ({"id": …, "en": …})
            k: v.get(locale) or v["id"] if isinstance(v, dict) else v
            for k, v in self.values.items()
        }
        return (messages.get(locale) or messages["id"]).format(**values)


@dataclass
class RowResult:
    """What happened to one row (CSV) or record (MARC)."""

    row: int
    status: str  # created | updated | unchanged | skipped | refused
    key: str = ""
    title: str = ""
    record_id: int | None = None
    reason_code: str = ""
    reason_values: dict[str, Any] = field(default_factory=dict)
    # A row taken with something left out (an invalid ISBN): (code, values) as for reasons.
    warnings: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def reason(self, locale: str = "id") -> str:
        """Why the row was refused or skipped, in `locale` ('' when it was taken)."""
        if not self.reason_code:
            return ""
        return _worded(self.reason_code, self.reason_values, locale)

    def warning_texts(self, locale: str = "id") -> list[str]:
        """What was left out of a taken row, one sentence each, in `locale`."""
        return [_worded(code, values, locale) for code, values in self.warnings]


def _worded(code: str, values: dict[str, Any], locale: str) -> str:
    """A REASONS message in `locale`; a value may itself be worded per language."""
    messages = REASONS[code]
    local = {k: v.get(locale) or v["id"] if isinstance(v, dict) else v for k, v in values.items()}
    return (messages.get(locale) or messages["id"]).format(**local)


@dataclass
class ImportReport:
    """Everything one import did, row by row."""

    kind: str  # events | collection
    filename: str
    file_format: str  # csv | marc | marcxml
    encoding: str = ""
    delimiter: str = ""
    rows: list[RowResult] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    saved: int = 0  # rows whose batch was committed (all of them once the import ends)
    batches: int = 0

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(r.status for r in self.rows)
        return {
            s: counted.get(s, 0) for s in ("created", "updated", "unchanged", "skipped", "refused")
        }

    @property
    def refused(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == "refused"]

    @property
    def warned(self) -> list[RowResult]:
        """Rows taken with a warning (e.g. imported without their invalid ISBN)."""
        return [r for r in self.rows if r.warnings]

    def as_dict(self, locale: str = "en") -> dict[str, Any]:
        """The report as plain data (for --json and the UI table)."""
        return {
            "kind": self.kind,
            "file": self.filename,
            "format": self.file_format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "counts": self.counts,
            "saved": self.saved,
            "batches": self.batches,
            "ignored_columns": self.ignored_columns,
            "rows": [
                {
                    "row": r.row,
                    "status": r.status,
                    "key": r.key,
                    "title": r.title,
                    "id": r.record_id,
                    "reason": r.reason(locale),
                    "warnings": r.warning_texts(locale),
                }
                for r in self.rows
            ],
        }
