"""AppTest of the page planner/ui/indicators.py: staff record service use, attendance and
feedback (with a CSV import that has a bad row); managers read the four views in both
languages; trainees are not offered the page."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.evaluation.period import this_month
from planner.models import Event, FeedbackNote, ServiceMonth
from tests.factories import add_event
from tests.people_helpers import app_as

PAGE = "planner/ui/indicators.py"
LAST_MONTH = this_month(datetime.now(UTC)).previous()
TRAINING = importlib.util.find_spec("planner.training") is not None


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _texts(at) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "success", "error", "subheader")
             for e in at.get(kind)]  # fmt: skip
    return "\n".join(str(p) for p in parts)


def _on_last_month(role: str):
    at = app_as(role, PAGE)
    at.selectbox(key="indicators_month").set_value(LAST_MONTH.month).run()
    assert not at.exception
    return at


def test_staff_enter_the_months_figures(sqlite_db: str) -> None:
    at = _on_last_month("staff")
    month = LAST_MONTH.month
    tabs = ["Ringkasan", "Layanan bulanan", "Kehadiran acara", "Masukan pengguna"]
    assert [t.label for t in at.tabs] == tabs
    at.number_input(key=f"service_visits_{month}").set_value(1250)
    at.number_input(key=f"service_loans_{month}").set_value(800)
    at.text_input(key=f"service_note_{month}").input("pameran buku")
    _button(at, "Simpan angka layanan").click().run()
    assert not at.exception
    assert any("disimpan" in s.value for s in at.success)
    with session_scope() as s:
        rows = s.exec(select(ServiceMonth)).all()
    assert [(r.month, r.visits, r.loans, r.new_members, r.note) for r in rows] == [
        (month, 1250, 800, None, "pameran buku")
    ]
    # The form shows what is stored; saving it again changes nothing and says so.
    assert at.number_input(key=f"service_visits_{month}").value == 1250
    _button(at, "Simpan angka layanan").click().run()
    assert any("Tidak ada yang berubah" in i.value for i in at.info)


def test_csv_import_lands_the_good_rows_and_names_the_bad_one(sqlite_db: str) -> None:
    at = _on_last_month("staff")
    sheet = b"bulan;kunjungan;peminjaman\n2026-09;1.100;700\n2026-10;banyak;5\n"
    at.file_uploader(key="indicators_upload_service").upload("layanan.csv", sheet, "text/csv").run()
    at.button(key="import_service").click().run()
    assert not at.exception
    reasons = [str(v) for df in at.dataframe for v in df.value.get("Alasan", [])]
    assert "kunjungan: “banyak” bukan bilangan bulat" in reasons
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Baru"], metrics["Ditolak"]) == ("1", "1")
    with session_scope() as s:
        assert [(m.month, m.visits) for m in s.exec(select(ServiceMonth)).all()] == [
            ("2026-09", 1100)
        ]


def test_attendance_is_recorded_for_an_event_that_has_taken_place(sqlite_db: str) -> None:
    with session_scope() as s:
        event = add_event(
            s, key="lalu", title="Dongeng Kancil", starts_at=LAST_MONTH.start + timedelta(days=3)
        ).id
    at = _on_last_month("staff")
    at.number_input(key=f"attendance_people_{event}").set_value(37)
    at.button(key="attendance_save").click().run()
    assert not at.exception
    assert any("Dongeng Kancil" in s.value for s in at.success)
    with session_scope() as s:
        assert s.get(Event, event).attendance == 37


def test_a_feedback_note_is_recorded_listed_and_deleted(sqlite_db: str) -> None:
    at = app_as("staff", PAGE)
    at.text_area(key="feedback_text").input("Ruang baca anak nyaman dan terang")
    at.radio(key="feedback_sentiment").set_value("positive")
    _button(at, "Simpan masukan").click().run()
    assert not at.exception
    assert any("Masukan dicatat" in s.value for s in at.success)
    with session_scope() as s:
        [note] = s.exec(select(FeedbackNote)).all()
    assert (note.sentiment, note.source, note.text) == (
        "positive", "front_desk", "Ruang baca anak nyaman dan terang"
    )  # fmt: skip
    listed = [df.value for df in at.dataframe if "Isi" in df.value.columns]
    assert listed and list(listed[0]["Isi"]) == ["Ruang baca anak nyaman dan terang"]
    at.button(key="feedback_delete").click().run()
    assert any(f"Catatan #{note.id} dihapus" in s.value for s in at.success)
    with session_scope() as s:
        assert s.exec(select(FeedbackNote)).all() == []


def test_an_empty_note_is_refused_in_the_page_language(sqlite_db: str) -> None:
    at = app_as("staff", PAGE)
    _button(at, "Simpan masukan").click().run()
    assert [e.value for e in at.error] == ["isi masukan kosong"]


def _some_figures() -> None:
    with session_scope() as s:
        event = add_event(
            s, key="ev", title="Kelas Menulis", starts_at=LAST_MONTH.start + timedelta(days=2)
        )
        event.attendance = 25
        s.add(ServiceMonth(month=LAST_MONTH.month, visits=1300, loans=900))
        s.add(FeedbackNote(noted_on=LAST_MONTH.first + timedelta(days=1), sentiment="negative",
                           source="survey", text="AC mati"))  # fmt: skip


def test_managers_read_the_four_views_with_charts_tables_and_downloads(sqlite_db: str) -> None:
    _some_figures()
    at = _on_last_month("manager")
    assert not at.exception
    assert at.tabs[0].label == "Ringkasan"
    subheaders = [h.value for h in at.subheader]
    assert subheaders[:4] == [
        "Acara dan promosinya",
        "Layanan perpustakaan dan promosi per bulan",
        "Masukan pengguna per bulan",
        "Pelatihan dan partisipasi",
    ]
    # Training is drawn once this installation has the training module, else explained.
    sections = 4 if TRAINING else 3
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert len(charts) == sections
    events = at.dataframe[0].value
    assert list(events["Acara"]) == ["Kelas Menulis"]
    assert (events["Kehadiran"][0], events["Jangkauan"][0]) == ("25", "tidak dilaporkan")
    assert len(at.get("download_button")) == sections
    assert ("Modul pelatihan belum terpasang" in _texts(at)) is not TRAINING
    if TRAINING:
        assert {m.label: m.value for m in at.metric}["Sesi pelatihan"] == "0"
    at.selectbox(key="locale").set_value("en").run()
    assert not at.exception
    assert [h.value for h in at.subheader][:4] == [
        "Events and their promotion",
        "Library service use and promotion per month",
        "User feedback per month",
        "Training and participation",
    ]
    assert at.dataframe[0].value["Reach"][0] == "not reported"
    assert ("no training module yet" in _texts(at)) is not TRAINING


def test_trainers_only_read_and_trainees_are_not_offered_the_page(sqlite_db: str) -> None:
    at = app_as("trainer", PAGE)
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Ringkasan"]
    at = app_as("trainee")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
