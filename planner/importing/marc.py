"""MARC 21 bibliographic records (ISO 2709 `.mrc` and MARCXML) read through pymarc.

Only the fields a post needs are taken: title and subtitle (245 $a $b), author (100, 700),
ISBN (020 $a), publisher and year (264 or 260 $b $c), call number (090, else 082), subjects
(650) and summary (520), plus a catalogue link (856 $u) and the control number (001) as a
stable key when a record has no ISBN.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any
from xml.sax import SAXParseException

import pymarc

from planner.importing.report import ImportFileError

_TRAILING = re.compile(r"[\s/:;,=.]+$")


def _clean(value: str | None) -> str:
    """A subfield without ISBD punctuation at its end ('Laut bercerita /' → 'Laut bercerita')."""
    return _TRAILING.sub("", " ".join((value or "").split()))


def _name(value: str | None) -> str:
    """A name without its closing punctuation, keeping the dot of a final initial ('Leila S.')."""
    name = " ".join((value or "").split()).rstrip(" ,;:/=")
    if name.endswith(".") and not re.search(r"\b\w\.$", name):
        name = name[:-1]
    return name


def _natural_name(field: pymarc.Field) -> str:
    name = _name(field.get("a"))
    # First indicator 1 means "Surname, Forename": show it as people say it.
    if field.indicator1 == "1" and "," in name:
        surname, forename = (p.strip() for p in name.split(",", 1))
        name = f"{forename} {surname}".strip()
    return name


def _first(record: pymarc.Record, *tags: str) -> pymarc.Field | None:
    for tag in tags:
        fields = record.get_fields(tag)
        if fields:
            return fields[0]
    return None


def _publication(record: pymarc.Record) -> pymarc.Field | None:
    for field in record.get_fields("264"):
        if field.indicator2 == "1":  # 264 _1 is the publication statement
            return field
    return _first(record, "264", "260")


def record_to_values(record: pymarc.Record) -> dict[str, Any]:
    """The item fields found in one record (empty strings for what it lacks)."""
    values: dict[str, Any] = {}
    title = _first(record, "245")
    if title is not None:
        values["title"] = _clean(title.get("a"))
        values["subtitle"] = _clean(title.get("b"))
    authors = [_natural_name(f) for f in record.get_fields("100", "700") if f.get("a")]
    values["author"] = ", ".join(dict.fromkeys(a for a in authors if a))
    isbns = [f.get("a") for f in record.get_fields("020") if f.get("a")]
    values["isbn"] = isbns[0] if isbns else None
    publication = _publication(record)
    if publication is not None:
        values["publisher"] = _clean(publication.get("b"))
        year = re.search(r"\d{4}", publication.get("c") or "")
        values["year"] = year.group(0) if year else ""
    local = _first(record, "090")
    dewey = _first(record, "082")
    if local is not None:
        values["call_number"] = " ".join(_clean(v) for v in local.get_subfields("a", "b"))
    elif dewey is not None:
        values["call_number"] = _clean(dewey.get("a")).replace("/", "")
    values["subjects"] = [
        " -- ".join(_clean(v) for v in f.get_subfields("a", "x", "y", "z") if _clean(v))
        for f in record.get_fields("650")
    ]
    summary = _first(record, "520")
    values["summary"] = " ".join((summary.get("a") or "").split()) if summary else ""
    link = _first(record, "856")
    values["opac_url"] = (link.get("u") or "").strip() if link else ""
    control = _first(record, "001")
    values["key"] = f"marc-{control.data.strip()}" if control is not None and control.data else ""
    return values


def is_marcxml(data: bytes) -> bool:
    """Whether `data` looks like XML rather than ISO 2709."""
    head = data.lstrip()[:200]
    return head.startswith(b"<") or head.startswith(b"\xef\xbb\xbf<")


def read_records(data: bytes) -> Iterator[tuple[int, pymarc.Record | None, str]]:
    """(position, record or None, problem) for each record in an .mrc or MARCXML file."""
    if is_marcxml(data):
        try:
            records = pymarc.parse_xml_to_array(io.BytesIO(data), strict=False)
        except (SAXParseException, ValueError) as exc:
            raise ImportFileError("bad_xml", detail=str(exc).splitlines()[0]) from exc
        for position, record in enumerate(records, start=1):
            yield position, record, ""
        return
    # Split on the record terminator ourselves: a damaged record then costs only itself,
    # where a reader trusting each leader's length would lose its place for the rest.
    position = 0
    for chunk in data.split(pymarc.END_OF_RECORD.encode()):
        if not chunk.strip():
            continue
        position += 1
        try:
            record = pymarc.Record(
                data=chunk.lstrip() + pymarc.END_OF_RECORD.encode(),
                to_unicode=True,
                utf8_handling="replace",
            )
        except (pymarc.PymarcException, ValueError, UnicodeDecodeError, IndexError) as exc:
            yield position, None, f"leader or directory damaged ({exc.__class__.__name__})"
            continue
        yield position, record, ""
