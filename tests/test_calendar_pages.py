"""AppTest walks through the calendar, inbox and planning pages as a person would."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.calendar import shift_month
from planner.config import get_settings
from planner.db import session_scope
from planner.models import Notification, Post, PostingSlot, PostTarget, Series
from planner.notify import notify
from planner.scheduling import PostCreate, schedule_post
from tests.people_helpers import ADMIN, signed_app


def _app(page: str) -> AppTest:
    at = signed_app(30).run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def _tomorrow_post(title: str = "Dongeng Besok") -> tuple[int, list[int]]:
    with session_scope() as session:
        post = schedule_post(
            session,
            data=PostCreate(
                title=title,
                texts={"x": "Besok ada dongeng!", "facebook": "Besok ada dongeng!"},
                account_ids=[1, 2],
                due_at=datetime.now(UTC) + timedelta(days=1),
            ),
            actor=ADMIN,
        )
        ids = [t.id for t in session.exec(select(PostTarget).where(PostTarget.post_id == post.id))]
        return post.id, ids


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_calendar_opens_a_post_with_its_attempts_and_reschedules(demo_db: str) -> None:
    post_id, _ = _tomorrow_post()
    at = _app("planner/ui/calendar.py")
    at.radio(key="cal_view").set_value("week").run()
    chips = [b for b in at.button if (b.key or "").startswith(f"cal_{post_id}_")]
    if not chips:  # tomorrow may be next week
        at.button(key="cal_next").click().run()
        chips = [b for b in at.button if (b.key or "").startswith(f"cal_{post_id}_")]
    chips[0].click().run()
    assert not at.exception
    assert f"Unggahan #{post_id}: Dongeng Besok" in [s.value for s in at.subheader]
    assert any("Belum ada percobaan" in c.value for c in at.caption)
    day = (datetime.now(get_settings().tz) + timedelta(days=3)).date()
    at.date_input(key=f"rs_day_{post_id}").set_value(day)
    at.time_input(key=f"rs_time_{post_id}").set_value(time(10, 15))
    _button(at, "Jadwalkan ulang").click().run()
    assert not at.exception
    assert any("dijadwalkan ulang" in s.value for s in at.success)
    with session_scope() as session:
        dues = {
            t.due_at for t in session.exec(select(PostTarget).where(PostTarget.post_id == post_id))
        }
    [due] = dues
    assert due.astimezone(get_settings().tz).strftime("%Y-%m-%d %H:%M") == f"{day} 10:15"


def test_published_post_shows_its_attempts_log(demo_db: str) -> None:
    with session_scope() as session:
        post_id = session.exec(select(Post.id).where(Post.status == "published")).first()
    at = signed_app(30).run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    frames = [df.value for df in at.dataframe]
    [attempts] = [f for f in frames if "Hasil" in f.columns]
    assert set(attempts["Hasil"]) == {"terkirim"}
    assert set(attempts["Platform"]) <= {"X", "Halaman Facebook", "Instagram"}


def test_needs_attention_is_one_click_from_the_inbox(demo_db: str) -> None:
    post_id, target_ids = _tomorrow_post("Perlu Dicek")
    with session_scope() as session:
        target = session.get(PostTarget, target_ids[0])
        target.status, target.error_kind = "needs_attention", "unknown"
        notify(session, "notify.unknown", target=target, account="Sandbox X", kind="unknown",
               detail="timeout")  # fmt: skip
    at = _app("planner/ui/inbox.py")
    assert any("belum pasti terkirim" in m.value for m in at.markdown)
    at.button(key=f"open_{1}").click().run()
    assert not at.exception
    assert at.session_state["open_post"] == post_id
    at.switch_page("planner/ui/calendar.py").run()
    at.button(key=f"resend_{target_ids[0]}").click().run()
    assert not at.exception
    with session_scope() as session:
        target = session.get(PostTarget, target_ids[0])
        assert (target.status, target.verify_before_send) == ("scheduled", True)
    at.switch_page("planner/ui/inbox.py").run()
    at.button(key="mark_all").click().run()
    with session_scope() as session:
        assert all(n.read_at for n in session.exec(select(Notification)))


def test_english_inbox_and_cancel_from_calendar(demo_db: str) -> None:
    post_id, _ = _tomorrow_post("Batal")
    with session_scope() as session:
        notify(session, "notify.missed", post_id=post_id, platform="x", account="Sandbox X",
               due_at=datetime.now(UTC), minutes=30)  # fmt: skip
    english = _app("planner/ui/inbox.py")
    english.sidebar.selectbox[0].select("en").run()
    assert any("was not sent within 30 minutes" in m.value for m in english.markdown)
    # A fresh AppTest (it cannot re-map a radio's labels after a language switch), as someone
    # else: the admin's English choice is now kept in their profile.
    at = signed_app(30, role="staff").run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    at.button(key=f"cancel_{post_id}").click().run()
    assert not at.exception
    with session_scope() as session:
        statuses = {
            t.status for t in session.exec(select(PostTarget).where(PostTarget.post_id == post_id))
        }
    assert statuses == {"cancelled"}


def test_planning_page_saves_slots_and_creates_a_series(demo_db: str) -> None:
    at = _app("planner/ui/planning.py")
    at.text_input(key="slot_spec_1").input("Sen-Jum 10:00")
    _button(at, "Simpan slot").click().run()
    assert not at.exception
    with session_scope() as session:
        slots = session.exec(select(PostingSlot).where(PostingSlot.account_id == 1)).all()
        assert sorted((s.weekday, s.local_time) for s in slots) == [(d, "10:00") for d in range(5)]
    assert any("Slot kosong berikutnya" in c.value for c in at.caption)
    at.text_area(key="series_text").input("Rekomendasi buku pekan ini!")
    _button(at, "Buat seri").click().run()
    assert not at.exception
    assert any("Seri #" in s.value for s in at.success)
    with session_scope() as session:
        series = session.exec(select(Series)).one()
        assert session.exec(select(Post).where(Post.series_id == series.id)).all()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2027, 5, 31), 1, date(2027, 6, 30)),
        (date(2027, 3, 31), -1, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2027, 1, 15), -1, date(2026, 12, 15)),
    ],
)
def test_shift_month_never_skips_a_month(day: date, months: int, expected: date) -> None:
    assert shift_month(day, months) == expected


def test_month_view_next_and_previous_walk_one_month_at_a_time(demo_db: str) -> None:
    at = signed_app(30).run()
    at.session_state["cal_day"] = date(2027, 5, 31)
    at.switch_page("planner/ui/calendar.py").run()
    seen, titles = [], []
    for _ in range(3):
        at.button(key="cal_next").click().run()
        seen.append(at.date_input(key="cal_day").value)
        titles += [s.value for s in at.subheader if s.value.endswith(" 2027")]
    assert [(d.year, d.month) for d in seen] == [(2027, 6), (2027, 7), (2027, 8)]
    assert titles == ["Juni 2027", "Juli 2027", "Agustus 2027"]
    at.session_state["cal_day"] = date(2027, 3, 31)
    at.button(key="cal_prev").click().run()
    assert at.date_input(key="cal_day").value == date(2027, 2, 28)
    assert not at.exception


def test_opened_post_shows_the_change_right_after_an_action(demo_db: str) -> None:
    post_id, _ = _tomorrow_post("Segera Berubah")
    at = signed_app(30).run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    day = (datetime.now(get_settings().tz) + timedelta(days=3)).date()
    at.date_input(key=f"rs_day_{post_id}").set_value(day)
    at.time_input(key=f"rs_time_{post_id}").set_value(time(10, 15))
    _button(at, "Jadwalkan ulang").click().run()
    assert not at.exception
    assert any("dijadwalkan ulang" in s.value for s in at.success)
    lines = [m.value for m in at.markdown if "Sandbox" in m.value]
    assert lines and all("10.15 WIB" in line for line in lines), lines

    at.button(key=f"cancel_{post_id}").click().run()
    assert not at.exception
    assert any(f"Unggahan #{post_id} dibatalkan" in s.value for s in at.success)
    lines = [m.value for m in at.markdown if "Sandbox" in m.value]
    assert lines and all("Dibatalkan" in line for line in lines), lines
    assert not any(b.key == f"cancel_{post_id}" for b in at.button)


def test_next_free_slot_button_moves_the_post_to_the_demo_slots(demo_db: str) -> None:
    post_id, target_ids = _tomorrow_post("Ke Slot")
    at = signed_app(30).run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    at.button(key=f"slot_{post_id}").click().run()
    assert not at.exception
    assert any(s.value == "Selesai." for s in at.success)
    tz = get_settings().tz
    with session_scope() as session:
        dues = [session.get(PostTarget, i).due_at.astimezone(tz) for i in target_ids]
    assert all((d.hour, d.minute) in ((9, 0), (16, 0)) and d.weekday() != 6 for d in dues), dues


BULK_CSV = (
    b"date;time;accounts;text\n"
    b"04/12/2030;09.00;@perpuskotapkl;Dongeng Anak di perpustakaan! #PerpusKotaPekalongan\n"
    b"01/01/2020;09.00;@perpuskotapkl;Sudah lewat\n"
)


def test_bulk_import_report_speaks_the_page_language(demo_db: str) -> None:
    at = _app("planner/ui/planning.py")
    at.file_uploader(key="csv_upload").upload("unggahan.csv", BULK_CSV, "text/csv").run()
    at.button(key="csv_import").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["1 dijadwalkan, 0 sudah pernah diimpor, 1 ditolak."]
    [table] = at.dataframe
    rows = table.value.to_dict("records")
    assert [r["Status"] for r in rows] == ["Dijadwalkan", "Ditolak"]
    assert rows[0]["Jadwal"] == "Rabu, 4 Desember 2030, 09.00 WIB"
    assert rows[0]["Unggahan"].startswith("#") and rows[1]["Unggahan"] == ""


def test_bulk_import_check_only_says_nothing_was_scheduled(demo_db: str) -> None:
    at = _app("planner/ui/planning.py")
    at.file_uploader(key="csv_upload").upload("unggahan.csv", BULK_CSV, "text/csv").run()
    at.checkbox(key="csv_dry_run").check()
    at.button(key="csv_import").click().run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith("Diperiksa saja, belum ada yang dijadwalkan: 1 siap")
    assert [r["Status"] for r in at.dataframe[0].value.to_dict("records")] == ["Siap", "Ditolak"]


def test_every_date_field_reads_day_month_year(demo_db: str) -> None:
    post_id, _ = _tomorrow_post()
    seen = {}
    at = signed_app(30).run()
    at.button[0].click().run()  # a draft, so the compose page shows its schedule form
    at.session_state["open_post"] = post_id
    for page in ("planner/ui/compose.py", "planner/ui/calendar.py", "planner/ui/planning.py"):
        at.switch_page(page).run()
        assert not at.exception
        seen |= {(page, d.label): d.proto.format for d in at.date_input}
    assert len(seen) >= 4, seen
    assert {f for f in seen.values()} == {"DD/MM/YYYY"}, seen


def test_deleting_a_post_needs_a_confirmation(demo_db: str) -> None:
    post_id, _ = _tomorrow_post("Hampir Terhapus")
    at = signed_app(30).run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    assert at.button(key=f"delete_{post_id}").disabled
    at.checkbox(key=f"delete_confirm_{post_id}").check().run()
    at.button(key=f"delete_{post_id}").click().run()
    assert not at.exception
    with session_scope() as session:
        assert session.get(Post, post_id) is None
