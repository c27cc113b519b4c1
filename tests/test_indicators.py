"""Recording the programme's indicators: service use per month, attendance, feedback notes.

Modules under test: planner.evaluation.indicators.service_use, .attendance, .feedback,
.imports and .parsing — who may record, what is refused (worded in both languages), and
that importing the same file again updates rather than duplicates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from planner.db import session_scope
from planner.evaluation.indicators.attendance import set_attendance
from planner.evaluation.indicators.errors import IndicatorError
from planner.evaluation.indicators.feedback import (
    FeedbackIn,
    add_feedback,
    delete_feedback,
    list_feedback,
)
from planner.evaluation.indicators.imports import import_feedback, import_service_months
from planner.evaluation.indicators.parsing import parse_count, parse_month
from planner.evaluation.indicators.service_use import ServiceFigures, set_service_month
from planner.importing.report import ImportFileError
from planner.models import AuditEntry, Event, FeedbackNote, ServiceMonth
from planner.people.roles import PermissionDenied
from tests.factories import add_event
from tests.people_helpers import make_user

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 10, 3, tzinfo=UTC)


def _months() -> dict[str, ServiceMonth]:
    with session_scope() as s:
        return {r.month: r for r in s.exec(select(ServiceMonth)).all()}


@pytest.mark.parametrize(
    ("text", "month"),
    [("2026-11", "2026-11"), ("2026/1", "2026-01"), ("11/2026", "2026-11"),
     ("November 2026", "2026-11"), ("Des 2026", "2026-12"), (" oktober  2026 ", "2026-10")],
)  # fmt: skip
def test_months_as_staff_write_them(text: str, month: str) -> None:
    assert parse_month(text) == month


@pytest.mark.parametrize("text", ["2026-13", "13/2026", "Novembr 2026", "2026", "kemarin"])
def test_an_unreadable_month_is_refused_in_both_languages(text: str) -> None:
    with pytest.raises(IndicatorError) as refused:
        parse_month(text)
    assert "bulan tidak terbaca" in refused.value.text("id")
    assert "unreadable month" in refused.value.text("en")


@pytest.mark.parametrize(
    ("text", "value"),
    [("1250", 1250), ("1.250", 1250), ("1,250", 1250), ("12 000", 12000), ("0", 0), ("", None)],
)
def test_counts_as_staff_write_them(text: str, value: int | None) -> None:
    assert parse_count(text, "visits") == value


@pytest.mark.parametrize(
    ("text", "code"),
    [("1.5", "bad_number"), ("12a", "bad_number"), ("1.25.000", "bad_number"), ("-3", "negative")],
)
def test_a_count_that_is_not_one_is_refused(text: str, code: str) -> None:
    with pytest.raises(IndicatorError) as refused:
        parse_count(text, "loans")
    assert refused.value.code == code
    assert refused.value.text("id").startswith("peminjaman")  # the column in Indonesian


def test_a_month_is_set_then_updated_never_doubled(any_db: str) -> None:
    staff = make_user("staff")
    with session_scope() as s:
        row, status = set_service_month(
            s, ServiceFigures("11/2026", visits=1200, loans=800), actor=staff, zone=WIB, now=NOW
        )
        assert (row.month, status, row.updated_by_id) == ("2026-11", "created", staff.id)
    with session_scope() as s:
        _, status = set_service_month(
            s,
            ServiceFigures("2026-11", new_members=30, note="ramai"),
            actor=staff,
            zone=WIB,
            now=NOW,
        )
        assert status == "updated"
    with session_scope() as s:
        _, status = set_service_month(
            s, ServiceFigures("2026-11", visits=1200), actor=staff, zone=WIB, now=NOW
        )
        assert status == "unchanged"
        audited = s.exec(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "indicators.record", AuditEntry.object_id == "2026-11")
        ).one()
    nov = _months()["2026-11"]
    assert (nov.visits, nov.loans, nov.new_members, nov.note) == (1200, 800, 30, "ramai")
    assert len(_months()) == 1 and audited == 2


@pytest.mark.parametrize(
    ("figures", "code"),
    [
        (ServiceFigures("2027-01", visits=5), "future_month"),  # NOW is 10 December 2026
        (ServiceFigures("2026-11", visits=-1), "negative"),
        (ServiceFigures("2026-11"), "no_figures"),
        (ServiceFigures("Nov", visits=1), "bad_month"),
    ],
)
def test_bad_figures_are_refused_and_nothing_is_saved(
    sqlite_db: str, figures: ServiceFigures, code: str
) -> None:
    with pytest.raises(IndicatorError) as refused, session_scope() as s:
        set_service_month(s, figures, actor=make_user("manager"), zone=WIB, now=NOW)
    assert refused.value.code == code and refused.value.text("id") != refused.value.text("en")
    assert _months() == {}


@pytest.mark.parametrize("role", ["trainer", "trainee"])
def test_only_staff_managers_and_admins_record_indicators(sqlite_db: str, role: str) -> None:
    actor = make_user(role)
    with session_scope() as s:
        event = add_event(s, starts_at=NOW - timedelta(days=2)).id
    calls = [
        lambda s: set_service_month(s, ServiceFigures("2026-11", visits=1), actor=actor, zone=WIB),
        lambda s: set_attendance(s, event, 12, actor=actor),
        lambda s: add_feedback(s, FeedbackIn(date(2026, 11, 2), "positive", "Bagus"), actor=actor),
        lambda s: import_service_months(
            s, b"bulan;kunjungan\n2026-11;5\n", "a.csv", WIB, actor=actor
        ),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied), session_scope() as s:
            call(s)
    assert _months() == {}


CSV = (
    "Bulan;Kunjungan;Peminjaman;Anggota baru;Catatan\n"
    "2026-09;1.250;800;35;\n"
    "10/2026;1300;;;pameran buku\n"
    "2026-13;5;5;5;\n"
    "2026-11;lima;1;1;\n"
    "2026-09;1.250;800;35;\n"
).encode("cp1252")


def test_csv_import_reports_each_bad_row_and_keeps_the_good_ones(any_db: str) -> None:
    staff = make_user("staff")
    with session_scope() as s:
        report = import_service_months(s, CSV, "layanan.csv", WIB, actor=staff, now=NOW)
    assert report.counts == {
        "created": 2, "updated": 0, "unchanged": 0, "skipped": 1, "refused": 2
    }  # fmt: skip
    reasons = {r.row: (r.status, r.reason("id"), r.reason("en")) for r in report.rows}
    assert reasons[4] == (
        "refused",
        "bulan tidak terbaca: “2026-13” (tulis TTTT-BB, mis. 2026-11)",
        "unreadable month: “2026-13” (write YYYY-MM, e.g. 2026-11)",
    )
    assert reasons[5][1:] == (
        "kunjungan: “lima” bukan bilangan bulat",
        "visits: “lima” is not a whole number",
    )
    assert reasons[6][0] == "skipped"
    stored = _months()
    assert (stored["2026-09"].visits, stored["2026-09"].new_members) == (1250, 35)
    assert (stored["2026-10"].visits, stored["2026-10"].loans, stored["2026-10"].note) == (
        1300, None, "pameran buku"
    )  # fmt: skip
    # The same file again: nothing new; a corrected sheet updates the month in place.
    with session_scope() as s:
        again = import_service_months(s, CSV, "layanan.csv", WIB, actor=staff, now=NOW)
        fixed = import_service_months(
            s, b"month,visits\n2026-09,1260\n", "fix.csv", WIB, actor=staff, now=NOW
        )
    assert (again.counts["created"], again.counts["unchanged"]) == (0, 2)
    assert fixed.counts["updated"] == 1
    stored = _months()
    assert len(stored) == 2 and (stored["2026-09"].visits, stored["2026-09"].loans) == (1260, 800)


def test_a_file_without_a_month_column_is_refused_as_a_whole(sqlite_db: str) -> None:
    with pytest.raises(ImportFileError) as refused, session_scope() as s:
        import_service_months(s, b"kunjungan\n5\n", "x.csv", WIB, actor=make_user("staff"))
    assert "bulan" in refused.value.text("id") and "month" in refused.value.text("en")


def test_attendance_is_recorded_after_the_event_and_can_be_cleared(any_db: str) -> None:
    staff = make_user("staff")
    with session_scope() as s:
        past = add_event(s, key="lalu", starts_at=NOW - timedelta(days=3)).id
        later = add_event(s, key="nanti", title="Lomba", starts_at=NOW + timedelta(days=3)).id
    with session_scope() as s:
        assert set_attendance(s, past, 42, actor=staff, now=NOW).attendance == 42
    for event_id, value, code in [(later, 10, "event_not_begun"), (past, -2, "negative"),
                                  (999, 5, "no_event")]:  # fmt: skip
        with pytest.raises(IndicatorError) as refused, session_scope() as s:
            set_attendance(s, event_id, value, actor=staff, now=NOW)
        assert refused.value.code == code
    with session_scope() as s:
        assert s.get(Event, past).attendance == 42
        set_attendance(s, past, None, actor=staff, now=NOW)
    with session_scope() as s:
        assert s.get(Event, past).attendance is None


def test_feedback_notes_are_added_listed_and_deleted(any_db: str) -> None:
    staff = make_user("staff")
    today = date(2026, 12, 10)
    with session_scope() as s:
        kept = add_feedback(
            s, FeedbackIn(date(2026, 11, 3), "Positif", " Ruang baca nyaman ", "front_desk"),
            actor=staff, today=today,
        ).id  # fmt: skip
        gone = add_feedback(
            s, FeedbackIn(date(2026, 11, 4), "negatif", "Wifi lambat", "suggestion_box"),
            actor=staff, today=today,
        ).id  # fmt: skip
    for note, code in [
        (FeedbackIn(date(2026, 11, 4), "senang", "x"), "bad_sentiment"),
        (FeedbackIn(date(2026, 12, 11), "positive", "x"), "future_date"),
        (FeedbackIn(date(2026, 11, 4), "positive", "   "), "no_text"),
        (FeedbackIn(date(2026, 11, 4), "positive", "x", post_id=999), "no_post"),
    ]:
        with pytest.raises(IndicatorError) as refused, session_scope() as s:
            add_feedback(s, note, actor=staff, today=today)
        assert refused.value.code == code
    with session_scope() as s:
        listed = list_feedback(s, date(2026, 11, 1), date(2026, 11, 30))
        assert [(n.id, n.sentiment, n.text) for n in listed] == [
            (gone, "negative", "Wifi lambat"),
            (kept, "positive", "Ruang baca nyaman"),
        ]
        assert [n.id for n in list_feedback(s, date(2026, 11, 1), date(2026, 11, 30),
                                            sentiment="positive")] == [kept]  # fmt: skip
        delete_feedback(s, gone, actor=staff)
    with session_scope() as s:
        assert [n.id for n in s.exec(select(FeedbackNote)).all()] == [kept]
        with pytest.raises(IndicatorError):
            delete_feedback(s, gone, actor=staff)


def test_feedback_csv_import_refuses_a_bad_row_and_never_doubles_a_note(any_db: str) -> None:
    staff = make_user("staff")
    data = (
        b"Tanggal,Sumber,Sentimen,Isi\n"
        b"03/11/2026,Kotak saran,positif,Koleksi komik bertambah\n"
        b"04/11/2026,Meja layanan,marah,Antrean panjang\n"
        b"05/11/2026,Meja layanan,negatif,Antrean panjang\n"
    )
    with session_scope() as s:
        report = import_feedback(s, data, "masukan.csv", WIB, actor=staff, now=NOW)
    assert report.counts["created"] == 2 and report.counts["refused"] == 1
    assert report.refused[0].row == 3
    assert "sentimen tidak dikenali: “marah”" in report.refused[0].reason("id")
    with session_scope() as s:
        again = import_feedback(s, data, "masukan.csv", WIB, actor=staff, now=NOW)
        assert again.counts["unchanged"] == 2
        assert s.exec(select(func.count()).select_from(FeedbackNote)).one() == 2
