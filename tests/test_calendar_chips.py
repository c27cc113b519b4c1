"""The calendar's chips, queue tables and reschedule form, and compose's messages (AppTest)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner import calendar as planned
from planner.config import get_settings
from planner.db import session_scope
from planner.models import PostTarget
from planner.scheduling import PostCreate, schedule_post
from planner.sources import list_events
from tests.people_helpers import ADMIN, signed_app

LONG_TITLE = "Lomba Mewarnai Anak Hari Dongeng Nasional"


def _post(due_local: datetime, title: str = LONG_TITLE) -> int:
    """A post to Sandbox X and Sandbox Facebook at `due_local` (library time)."""
    with session_scope() as session:
        post = schedule_post(
            session,
            data=PostCreate(
                title=title,
                texts={"x": "Ayo ikut lomba!", "facebook": "Ayo ikut lomba!"},
                account_ids=[1, 2],
                due_at=due_local.astimezone(UTC),
            ),
            actor=ADMIN,
        )
        return post.id


def _in_three_days(hour: int = 16, minute: int = 31) -> datetime:
    tz = get_settings().tz
    day = (datetime.now(tz) + timedelta(days=3)).date()
    return datetime.combine(day, time(hour, minute), tz)


def _calendar(view: str, day) -> AppTest:
    at = signed_app(30).run()
    at.session_state["cal_day"] = day
    at.session_state["cal_view"] = view
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    return at


def _chips(at: AppTest, post_id: int):
    return [b for b in at.button if (b.key or "").startswith(f"cal_{post_id}_")]


@pytest.mark.parametrize("view", ["month", "week"])
def test_one_chip_per_post_with_its_platforms_and_whole_title(demo_db: str, view: str) -> None:
    due = _in_three_days()
    post_id = _post(due)
    at = _calendar(view, due.date())
    [chip] = _chips(at, post_id)
    assert "16.31" in chip.label and LONG_TITLE in chip.label
    assert "𝕏" in chip.label and "📘" in chip.label
    # The status the dot shows is named, with every account, on hover.
    assert LONG_TITLE in chip.help and "Terjadwal" in chip.help
    assert "Sandbox X" in chip.help and "Sandbox Facebook" in chip.help
    if view == "week":  # the week view says it all in the text itself
        assert "Terjadwal" in chip.label and "Sandbox Facebook" in chip.label
    chip.click().run()
    assert f"Unggahan #{post_id}: {LONG_TITLE}" in [s.value for s in at.subheader]


def test_week_view_is_named_pekan_not_minggu(demo_db: str) -> None:
    at = _calendar("month", _in_three_days().date())
    assert at.radio(key="cal_view").options == ["Bulan", "Pekan", "Antrean"]


def test_a_chip_shows_the_most_urgent_status_of_its_targets() -> None:
    when = datetime(2027, 1, 4, 9, tzinfo=UTC)

    def entry(target_id: int, status: str, minutes: int) -> planned.Entry:
        return planned.Entry(
            target_id, 7, "Judul", ["x", "facebook"][target_id % 2], f"Akun {target_id}",
            status, when + timedelta(minutes=minutes), "", "", None,
        )  # fmt: skip

    [chip] = planned.chips([entry(2, "published", 5), entry(1, "needs_attention", 0)])
    assert (chip.status, chip.when, chip.platforms) == ("needs_attention", when, ["facebook", "x"])


def _queue_row(at: AppTest, post_id: int) -> int:
    [table] = [d for d in at.dataframe if d.key == "queue_table"]
    return list(table.value["#"]).index(post_id)


def test_a_queue_row_opens_its_post(demo_db: str) -> None:
    post_id = _post(_in_three_days(), "Buka Dari Antrean")
    at = _calendar("queue", _in_three_days().date())
    assert not [s for s in at.subheader if s.value.startswith("Unggahan #")]
    row = _queue_row(at, post_id)
    at.session_state["queue_table"] = {"selection": {"rows": [row], "columns": []}}
    at.run()
    assert not at.exception
    assert f"Unggahan #{post_id}: Buka Dari Antrean" in [s.value for s in at.subheader]
    # Closed, it stays closed although the row is still selected.
    at.button(key="close_post").click().run()
    assert not [s for s in at.subheader if s.value.startswith("Unggahan #")]


def test_queue_column_of_titles_is_headed_post_not_template(demo_db: str) -> None:
    post_id = _post(_in_three_days(), "Judul Bukan Templat")
    at = _calendar("queue", _in_three_days().date())
    [table] = [d for d in at.dataframe if d.key == "queue_table"]
    assert "Templat" not in table.value.columns
    row = _queue_row(at, post_id)
    assert table.value["Unggahan"][row] == "Judul Bukan Templat"


def test_reschedule_starts_from_the_posts_own_time(demo_db: str) -> None:
    due = _in_three_days(16, 31)
    post_id = _post(due)
    at = signed_app(30).run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    assert at.date_input(key=f"rs_day_{post_id}").value == due.date()
    assert at.time_input(key=f"rs_time_{post_id}").value == time(16, 31)
    # Moving it by a quarter of an hour is one change.
    at.time_input(key=f"rs_time_{post_id}").set_value(time(16, 45))
    next(b for b in at.button if b.label == "Jadwalkan ulang").click().run()
    assert not at.exception
    with session_scope() as session:
        targets = session.exec(select(PostTarget).where(PostTarget.post_id == post_id)).all()
        dues = {t.due_at.astimezone(get_settings().tz) for t in targets}
    assert dues == {due.replace(minute=45)}


def test_compose_success_message_goes_when_another_event_is_picked(demo_db: str) -> None:
    at = signed_app(30).run()
    at.button[0].click().run()  # Buat draf
    at.button(key="schedule_btn").click().run()
    assert any("dijadwalkan" in s.value for s in at.success)
    at.run()  # nothing changed: the message stays
    assert any("dijadwalkan" in s.value for s in at.success)
    [event] = [s for s in at.selectbox if s.label == "Acara"]
    with session_scope() as session:
        other = next(e.id for e in list_events(session) if e.id != event.value)
    event.select(other).run()
    assert not at.exception
    assert not any("dijadwalkan" in s.value for s in at.success)
