"""OAI records as collection items: Dublin Core (SLiMS, INLISLite) and MARC 21 (INLISLite, Koha).

MARC records go through the MARC import's own reader (`record_to_values`), so a book
harvested from the catalogue gets the same key as the same book imported from a `.mrc`
file, and harvesting again adds nothing twice. Dublin Core is mapped field by field as
SLiMS writes it: `dc:identifier` carries the OPAC link, the ISBN and the call number,
`dc:relation` the cover picture, the last `dc:subject` the classification number.
"""

from __future__ import annotations

import re
from typing import Any

import pymarc

from planner.importing.marc import record_to_values

DC = "{http://purl.org/dc/elements/1.1/}"
MARC = "{http://www.loc.gov/MARC21/slim}"
IMAGE = re.compile(r"\.(jpe?g|png|gif|webp)(\?.*)?$", re.IGNORECASE)
_ISBN_LIKE = re.compile(r"^(?:ISBN[:\s]*)?[0-9][0-9\- ]{7,16}[0-9Xx]\b")
_CLASS_NUMBER = re.compile(r"^\d{3}(\.\d+)?(\s.*)?$")  # a Dewey number, not a subject


def _texts(metadata: Any, name: str) -> list[str]:
    return [
        " ".join(e.text.split()) for e in metadata.iter(f"{DC}{name}") if e.text and e.text.strip()
    ]


def _natural(name: str) -> str:
    """'Chudori, Leila S.' → 'Leila S. Chudori' (catalogues file people surname first)."""
    if name.count(",") == 1:
        surname, forename = (p.strip() for p in name.split(","))
        if forename and not re.search(r"\d", forename):
            return f"{forename} {surname}"
    return name


def dc_values(metadata: Any) -> tuple[dict[str, Any], str]:
    """Item values from an `oai_dc:dc` element, and the cover picture's address ('' if none)."""
    titles = _texts(metadata, "title")
    title, _, subtitle = (titles[0] if titles else "").partition(" : ")
    title = title.split(" / ")[0]
    identifiers = _texts(metadata, "identifier")
    links = [i for i in identifiers if i.lower().startswith(("http://", "https://"))]
    others = [i for i in identifiers if i not in links]
    isbns = [i for i in others if _ISBN_LIKE.match(i)]
    calls = [i for i in others if i not in isbns]
    pictures = [u for u in _texts(metadata, "relation") + links if IMAGE.search(u)]
    year = re.search(r"\d{4}", " ".join(_texts(metadata, "date")))
    descriptions = _texts(metadata, "description") + _texts(metadata, "abstract")
    values = {
        "title": title.strip(" /:;"),
        "subtitle": subtitle.strip(" /:;"),
        "author": ", ".join(dict.fromkeys(_natural(c) for c in _texts(metadata, "creator"))),
        "publisher": next(iter(_texts(metadata, "publisher")), ""),
        "year": year.group(0) if year else "",
        "isbn": isbns[0] if isbns else None,
        "call_number": calls[0] if calls else "",
        "subjects": [s for s in _texts(metadata, "subject") if not _CLASS_NUMBER.match(s)],
        "summary": descriptions[0] if descriptions else "",
        "opac_url": next((u for u in links if not IMAGE.search(u)), ""),
    }
    return values, pictures[0] if pictures else ""


def marc_record(element: Any) -> pymarc.Record:
    """A pymarc record from a MARCXML `<record>` element already parsed by the harvester."""
    record = pymarc.Record(force_utf8=True)
    leader = element.find(f"{MARC}leader")
    if leader is not None and leader.text:
        record.leader = pymarc.Leader(leader.text.ljust(24)[:24])
    for control in element.iter(f"{MARC}controlfield"):
        record.add_field(pymarc.Field(tag=control.get("tag", ""), data=control.text or ""))
    for data in element.iter(f"{MARC}datafield"):
        record.add_field(
            pymarc.Field(
                tag=data.get("tag", ""),
                indicators=pymarc.Indicators(data.get("ind1", " "), data.get("ind2", " ")),
                subfields=[
                    pymarc.Subfield(code=sub.get("code", ""), value=sub.text or "")
                    for sub in data.iter(f"{MARC}subfield")
                ],
            )
        )
    return record


def marc_values(metadata: Any) -> tuple[dict[str, Any], str]:
    """Item values from a MARCXML record (as the MARC import reads it) and its cover picture.

    An 856 pointing at a picture is the cover, not the record's link.
    """
    element = metadata if metadata.tag == f"{MARC}record" else metadata.find(f".//{MARC}record")
    if element is None:
        raise ValueError("no MARCXML record in the metadata")
    record = marc_record(element)
    values = record_to_values(record)
    links = [(f.get("u") or "").strip() for f in record.get_fields("856") if f.get("u")]
    pictures = [u for u in links if IMAGE.search(u)]
    values["opac_url"] = next((u for u in links if not IMAGE.search(u)), "")
    return values, pictures[0] if pictures else ""


def record_values(prefix: str, metadata: Any) -> tuple[dict[str, Any], str]:
    """Item values and cover address from one record's metadata in `prefix`'s format."""
    if metadata is None:
        raise ValueError("the record has no metadata")
    if prefix == "oai_dc":
        return dc_values(metadata)
    return marc_values(metadata)
