"""CSV and MARC imports: good, bad, duplicate and mixed files, on SQLite and PostgreSQL.

MARC test files are made here with pymarc (ISO 2709 and MARCXML), so every case is visible
in the test that uses it.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from pymarc import Field, Indicators, Record, Subfield, record_to_xml
from sqlmodel import select

from planner.db import session_scope
from planner.importing.collection import import_collection
from planner.importing.dates import WeekdayMismatch, parse_date, parse_time_range
from planner.importing.events import import_events
from planner.importing.report import ImportFileError
from planner.models import CollectionItem, Event
from tests.people_helpers import ADMIN

JAKARTA = ZoneInfo("Asia/Jakarta")

EVENTS_CSV = (
    "Judul;Tanggal;Jam;Tempat;Narasumber;Keterangan\n"
    "Dongeng Anak: Si Kancil;06/12/2026;09.00–10.30;Ruang Baca Anak;Kak Rina;Dongeng seru\n"
    "Kelas Literasi Informasi;8 Desember 2026;13.00 WIB;Ruang Multimedia;Bu Siti;\n"
    "Bedah Buku “Kampung Batik”;2026-12-10;15:30;Aula;Nur Hidayah;Diskusi novel\n"
)


def _import_events(data: bytes, name: str = "acara.csv"):
    with session_scope() as session:
        return import_events(session, data, name, JAKARTA, actor=ADMIN)


def _import_items(data: bytes, name: str):
    with session_scope() as session:
        return import_collection(session, data, name, actor=ADMIN)


def _events() -> list[Event]:
    with session_scope() as session:
        return list(session.exec(select(Event).order_by(Event.starts_at)))


def _items() -> list[CollectionItem]:
    with session_scope() as session:
        return list(session.exec(select(CollectionItem).order_by(CollectionItem.id)))


@pytest.mark.parametrize(
    ("encoding", "delimiter", "bom"),
    [
        ("utf-8", ";", False),
        ("utf-8", ";", True),
        ("utf-8", ",", False),
        ("utf-8", ",", True),
        ("cp1252", ";", False),
        ("cp1252", ",", False),
    ],
)
def test_events_csv_in_every_encoding_and_separator(
    any_db: str, encoding: str, delimiter: str, bom: bool
) -> None:
    text = EVENTS_CSV.replace(";", "\t").replace("\t", delimiter)
    if delimiter == ",":
        text = text.replace("Bedah Buku “Kampung Batik”", '"Bedah Buku, “Kampung Batik”"')
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    report = _import_events(data)
    assert report.counts["created"] == 3, report.as_dict()
    assert report.delimiter == delimiter
    assert report.encoding == (
        "utf-8-sig" if bom else "utf-8" if encoding == "utf-8" else "windows-1252"
    )
    events = _events()
    first = events[0]
    assert first.title == "Dongeng Anak: Si Kancil"
    assert first.starts_at.astimezone(JAKARTA).strftime("%Y-%m-%d %H:%M") == "2026-12-06 09:00"
    assert first.ends_at is not None and first.ends_at.astimezone(JAKARTA).hour == 10
    assert first.speaker == "Kak Rina" and first.place == "Ruang Baca Anak"
    assert "“Kampung Batik”" in events[2].title  # curly quotes survive Windows-1252


def test_reimport_creates_no_duplicates_and_reports_unchanged(any_db: str) -> None:
    data = EVENTS_CSV.encode()
    _import_events(data)
    again = _import_events(data)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 3, "skipped": 0, "refused": 0}
    assert len(_events()) == 3
    changed = data.replace(b"Ruang Multimedia", b"Lab Komputer")
    third = _import_events(changed)
    assert third.counts["updated"] == 1 and third.counts["unchanged"] == 2
    assert len(_events()) == 3


def test_mixed_file_refuses_bad_rows_and_keeps_the_good(any_db: str) -> None:
    data = (
        b"judul,tanggal,jam,tempat,pendaftaran,catatan internal\n"
        b"Dongeng Anak,06/12/2026,09.00,Ruang Baca,,x\n"
        b",07/12/2026,09.00,Aula,,\n"  # no title
        b"Lomba Membaca,32/13/2026,08.00,Aula,,\n"  # impossible date
        b"Kelas Menulis,09/12/2026,jam sembilan,Aula,,\n"  # unreadable time
        b"Pameran Batik,10/12/2026,19.00,Halaman,bukan-tautan,\n"  # bad link
        b"Dongeng Anak,06/12/2026,09.00,Ruang Baca,,\n"  # same as row 2
        b"\n"
        b"Malam Puisi,11/12/2026,19.00,Halaman,https://perpus.example/puisi,\n"
    )
    report = _import_events(data)
    statuses = {r.row: r.status for r in report.rows}
    assert statuses == {
        2: "created",
        3: "refused",
        4: "refused",
        5: "refused",
        6: "refused",
        7: "skipped",
        9: "created",
    }
    reasons = {r.row: r.reason("en") for r in report.rows}
    assert reasons[3] == "the title is empty"
    assert "32/13/2026" in reasons[4]
    assert "jam sembilan" in reasons[5]
    assert "registration_url" in reasons[6] and "http" in reasons[6]
    assert reasons[7] == "same as row 2 in this file (skipped)"
    assert report.ignored_columns == ["catatan internal"]
    assert sorted(e.title for e in _events()) == ["Dongeng Anak", "Malam Puisi"]
    assert "tanggal tidak terbaca" in report.rows[2].reason("id")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"nama;umur\nBudi;7\n", "no_header"),
    ],
)
def test_unreadable_files_are_refused_whole(any_db: str, data: bytes, code: str) -> None:
    with pytest.raises(ImportFileError) as err:
        _import_events(data)
    assert err.value.code == code
    assert _events() == []


def test_excel_sep_line_and_utf16(any_db: str) -> None:
    data = "sep=,\njudul,tanggal,jam\nDongeng,06/12/2026,09.00\n"
    assert _import_events(data.encode()).counts["created"] == 1
    utf16 = "judul\ttanggal\tjam\nKelas Menulis\t07/12/2026\t10.00\n".encode("utf-16")
    report = _import_events(utf16)
    assert report.encoding == "utf-16" and report.counts["created"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("06/12/2026", (2026, 12, 6)),
        ("6-12-26", (2026, 12, 6)),
        ("2026-12-06", (2026, 12, 6)),
        ("Minggu, 6 Desember 2026", (2026, 12, 6)),
        ("Sabtu, 5 Desember 2026", (2026, 12, 5)),
        ("6 Des 2026", (2026, 12, 6)),
        ("6 December 2026", (2026, 12, 6)),
        ("17 Agustus 2026", (2026, 8, 17)),
    ],
)
def test_dates_as_typed_in_indonesia(text: str, expected: tuple[int, int, int]) -> None:
    assert parse_date(text).timetuple()[:3] == expected


def test_a_date_naming_the_wrong_weekday_is_refused_with_the_right_day(sqlite_db: str) -> None:
    """6 December 2026 is a Sunday: 'Sabtu, 6 Desember 2026' is refused, not silently taken."""
    data = (
        b"judul;tanggal;jam;tempat\n"
        b"Dongeng Anak;Sabtu, 6 Desember 2026;09.00;Ruang Baca\n"
        b"Malam Puisi;Sabtu, 5 Desember 2026;19.00;Halaman\n"
    )
    report = _import_events(data)
    assert [r.status for r in report.rows] == ["refused", "created"]
    assert report.rows[0].reason("id") == (
        "'Sabtu, 6 Desember 2026': 2026-12-06 jatuh pada hari Minggu, bukan Sabtu; "
        "perbaiki hari atau tanggalnya"
    )
    assert "is a Sunday, not Sabtu" in report.rows[0].reason("en")
    assert [e.title for e in _events()] == ["Malam Puisi"]
    with pytest.raises(WeekdayMismatch):
        parse_date("Saturday, 6 December 2026")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("09.00", "09:00", None),
        ("9:30 WIB", "09:30", None),
        ("09.00–11.30", "09:00", "11:30"),
        ("pukul 13.00 s.d. 15.00", "13:00", "15:00"),
    ],
)
def test_times_as_typed_in_indonesia(text: str, start: str, end: str | None) -> None:
    begin, finish = parse_time_range(text)
    assert begin.strftime("%H:%M") == start
    assert (finish.strftime("%H:%M") if finish else None) == end


ITEMS_CSV = (
    "Judul;Pengarang;Penerbit;Tahun;ISBN;No. Panggil;Subjek;Sinopsis\n"
    "Laut Bercerita;Leila S. Chudori;KPG;2017;978-602-424-694-5;899.221 3 CHU l;"
    "Fiksi Indonesia; Sejarah 1998;Kisah Biru Laut\n"
    "Gadis Kretek;Ratih Kumala;Gramedia;2012;;899.221 3 KUM g;Fiksi Indonesia;\n"
    "Buku Rusak;Anon;X;2020;978-0-00-000000-1;;;\n"  # wrong check digit
)


def test_collection_csv_good_bad_and_reimport(any_db: str) -> None:
    # In a ;-separated file the subjects of one cell are split on '|' or ';' inside quotes.
    data = ITEMS_CSV.replace("Fiksi Indonesia; Sejarah 1998", '"Fiksi Indonesia; Sejarah 1998"')
    report = _import_items(data.encode("cp1252"), "koleksi.csv")
    # A wrong check digit costs the ISBN, not the title: taken without it, with a warning.
    assert [r.status for r in report.rows] == ["created", "created", "created"]
    assert report.rows[2].warning_texts("en") == [
        "ISBN “978-0-00-000000-1” is not valid (check digit or length); the title was "
        "imported without it"
    ]
    assert report.as_dict("id")["rows"][2]["warnings"][0].startswith("ISBN “978-0-00-000000-1”")
    assert [r.row for r in report.warned] == [4]
    assert _items()[2].isbn is None and _items()[2].title == "Buku Rusak"
    laut = _items()[0]
    assert laut.isbn == "9786024246945"
    assert laut.subjects == ["Fiksi Indonesia", "Sejarah 1998"]
    assert laut.call_number == "899.221 3 CHU l"
    again = _import_items(data.encode("utf-8"), "koleksi.csv")
    assert again.counts["unchanged"] == 3 and len(_items()) == 3


def _record(control: str, title: str, isbn: str | None = None, **extra: str) -> Record:
    record = Record()
    record.leader = record.leader[:9] + "a" + record.leader[10:]  # UTF-8
    record.add_field(Field(tag="001", data=control))
    if isbn:
        record.add_field(
            Field(tag="020", indicators=Indicators(" ", " "), subfields=[Subfield("a", isbn)])
        )
    record.add_field(
        Field(
            tag="100",
            indicators=Indicators("1", " "),
            subfields=[Subfield("a", extra.get("author", "Chudori, Leila S.,"))],
        )
    )
    record.add_field(
        Field(
            tag="245",
            indicators=Indicators("1", "0"),
            subfields=[Subfield("a", f"{title} :"), Subfield("b", "sebuah novel /")],
        )
    )
    record.add_field(
        Field(
            tag="264",
            indicators=Indicators(" ", "1"),
            subfields=[
                Subfield("a", "Jakarta :"),
                Subfield("b", "Kepustakaan Populer Gramedia,"),
                Subfield("c", "2017."),
            ],
        )
    )
    record.add_field(
        Field(
            tag="090",
            indicators=Indicators(" ", " "),
            subfields=[Subfield("a", "899.221 3"), Subfield("b", "CHU l")],
        )
    )
    record.add_field(
        Field(
            tag="650",
            indicators=Indicators(" ", "4"),
            subfields=[Subfield("a", "Fiksi Indonesia."), Subfield("y", "1998")],
        )
    )
    record.add_field(
        Field(
            tag="520",
            indicators=Indicators(" ", " "),
            subfields=[Subfield("a", "Kisah Biru Laut.")],
        )
    )
    record.add_field(
        Field(tag="700", indicators=Indicators("0", " "), subfields=[Subfield("a", "Sukarno.")])
    )
    return record


def _marcxml(records: list[Record]) -> bytes:
    body = b"".join(record_to_xml(r, namespace=False) for r in records)
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<collection xmlns="http://www.loc.gov/MARC21/slim">' + body + b"</collection>"
    )


def test_marc_fields_are_mapped(any_db: str) -> None:
    data = _record("PKL1", "Laut bercerita", "9786024246945 (pbk.)").as_marc()
    report = _import_items(data, "baru.mrc")
    assert report.file_format == "marc" and report.counts["created"] == 1
    item = _items()[0]
    assert item.title == "Laut bercerita" and item.subtitle == "sebuah novel"
    assert item.author == "Leila S. Chudori, Sukarno"
    assert item.isbn == "9786024246945"
    assert (item.publisher, item.year) == ("Kepustakaan Populer Gramedia", "2017")
    assert item.call_number == "899.221 3 CHU l"
    assert item.subjects == ["Fiksi Indonesia -- 1998"]
    assert item.summary == "Kisah Biru Laut."


@pytest.mark.parametrize("form", ["mrc", "xml"])
def test_marc_mixed_file_and_reimport(any_db: str, form: str) -> None:
    records = [
        _record("PKL1", "Laut bercerita", "978-602-424-694-5"),
        _record("PKL2", "", None),  # no title: refused
        _record("PKL3", "Gadis kretek", "9780000000001"),  # bad ISBN: taken without it
        _record("PKL4", "Cantik itu luka", None),  # no ISBN: keyed by 001
        _record("PKL1", "Laut bercerita", "9786024246945"),  # same ISBN again: skipped
    ]
    if form == "mrc":
        data = b"".join(r.as_marc() for r in records[:2])
        data += b"00099nam  damaged record without a directory\x1d"
        data += b"".join(r.as_marc() for r in records[2:])
        expected = ["created", "refused", "refused", "created", "created", "skipped"]
    else:
        data = _marcxml(records)
        expected = ["created", "refused", "created", "created", "skipped"]
    report = _import_items(data, f"koleksi.{form}")
    assert [r.status for r in report.rows] == expected, report.as_dict()
    assert {i.title for i in _items()} == {"Laut bercerita", "Gadis kretek", "Cantik itu luka"}
    gadis = next(i for i in _items() if i.title == "Gadis kretek")
    assert gadis.isbn is None and gadis.key == "marc-PKL3"  # keyed by 001 once the ISBN is out
    assert [w for r in report.warned for w in r.warnings] == [
        ("isbn_dropped", {"isbn": "9780000000001"})
    ]
    assert _items()[2].key == "marc-PKL4"
    again = _import_items(data, f"koleksi.{form}")
    assert again.counts["created"] == 0 and again.counts["unchanged"] == 3
    assert len(_items()) == 3


def test_marc_and_csv_meet_on_isbn(any_db: str) -> None:
    _import_items(_record("PKL1", "Laut bercerita", "9786024246945").as_marc(), "a.mrc")
    report = _import_items(ITEMS_CSV.encode(), "b.csv")
    assert report.rows[0].status == "updated"  # same ISBN, richer CSV values
    assert len([i for i in _items() if i.isbn == "9786024246945"]) == 1


def test_broken_marcxml_is_refused_whole(any_db: str) -> None:
    with pytest.raises(ImportFileError) as err:
        _import_items(b"<collection><record>", "rusak.xml")
    assert err.value.code == "bad_xml"
    with pytest.raises(ImportFileError):
        _import_items(b"whatever", "foto.jpg")
    assert _items() == []


def test_a_failing_row_is_rolled_back_alone(any_db: str, monkeypatch) -> None:
    """A database error in one row (here forced) leaves the rows before and after it intact."""
    from planner.importing import events as events_module

    real = events_module.store_event

    def flaky(session, data, tz):
        event, status = real(session, data, tz)
        if data.title == "Kelas Literasi Informasi":
            raise ValueError("disk full")
        return event, status

    monkeypatch.setattr(events_module, "store_event", flaky)
    report = _import_events(EVENTS_CSV.encode())
    assert [r.status for r in report.rows] == ["created", "refused", "created"]
    assert "disk full" in report.rows[1].reason("en")
    assert [e.title for e in _events()] == ["Dongeng Anak: Si Kancil", "Bedah Buku “Kampung Batik”"]
