"""AppTest of observances on the calendar (planner/ui/calendar.py): days marked in the month
and week views, the nudge whose button drafts the post, and the library's own days form."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.config import get_settings
from planner.db import session_scope
from planner.models import Observance, Post, PostTarget
from planner.observances.days import add_library_day
from tests.people_helpers import ADMIN, signed_app


def _calendar(role: str = "admin") -> AppTest:
    at = signed_app(60, role).run()
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    return at


def _soon(days: int = 6):
    return (datetime.now(get_settings().tz) + timedelta(days=days)).date()


def test_a_nudge_drafts_the_post_and_then_goes(demo_db: str) -> None:
    soon = _soon()
    with session_scope() as session:
        add_library_day(
            session, ADMIN, name_id="Hari Jadi Uji", month=soon.month, day=soon.day, since_year=2000
        )
    at = _calendar()
    label = "Buat draf: Hari Jadi Uji"
    assert any("Hari Jadi Uji tinggal 6 hari lagi" in i.value for i in at.info)
    at.date_input(key="cal_day").set_value(soon).run()
    assert "🏛️ Hari Jadi Uji" in [c.value for c in at.caption]
    at.radio(key="cal_view").set_value("week").run()
    assert "🏛️ Hari Jadi Uji" in [c.value for c in at.caption]

    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    assert any("dibuat untuk Hari Jadi Uji" in s.value for s in at.success)
    with session_scope() as session:
        post = session.exec(select(Post).where(Post.observance_key == "hari-jadi-uji")).one()
        targets = session.exec(select(PostTarget).where(PostTarget.post_id == post.id)).all()
        assert post.status == "draft" and {t.status for t in targets} == {"draft"}
        assert f"ke-{soon.year - 2000}" in targets[0].text
    # The opened draft shows above the calendar; the nudge is gone.
    assert label not in [b.label for b in at.button]
    assert not any("Hari Jadi Uji tinggal" in i.value for i in at.info)


def test_a_trainee_sees_no_nudge(demo_db: str) -> None:
    soon = _soon(3)
    with session_scope() as session:
        add_library_day(session, ADMIN, name_id="Hari Jadi Uji", month=soon.month, day=soon.day)
    at = _calendar("trainee")
    assert not any(b.label.startswith("Buat draf") for b in at.button)
    assert not [e for e in at.expander if e.label == "Hari peringatan perpustakaan"]


def test_the_library_adds_and_removes_its_own_days(demo_db: str) -> None:
    at = _calendar()
    at.text_input(key="obs_name_id").input("Hari Jadi Perpustakaan")
    at.number_input(key="obs_day").set_value(10)
    at.selectbox(key="obs_month").set_value(3)
    at.number_input(key="obs_since").set_value(2002)
    at.button(key="FormSubmitter:obs_add-Tambahkan hari").click().run()
    assert not at.exception
    assert any("ditambahkan" in s.value for s in at.success)
    with session_scope() as session:
        row = session.exec(select(Observance)).one()
        assert (row.key, row.month, row.day, row.since_year) == (
            "hari-jadi-perpustakaan",
            3,
            10,
            2002,
        )
    assert any("setiap 10 Maret" in m.value for m in at.markdown)

    at.text_input(key="obs_name_id").input("Hari Kabisat")
    at.number_input(key="obs_day").set_value(29)
    at.selectbox(key="obs_month").set_value(2)
    at.button(key="FormSubmitter:obs_add-Tambahkan hari").click().run()
    assert any("29 Februari pun tidak" in e.value for e in at.error)

    at.button(key="obs_remove_hari-jadi-perpustakaan").click().run()
    assert any("dihapus" in s.value for s in at.success)
    with session_scope() as session:
        assert session.exec(select(Observance)).all() == []


def test_a_broken_data_file_is_named_and_the_calendar_still_shows(
    demo_db: str, tmp_path, monkeypatch
) -> None:
    import shutil

    from planner import config

    folder = tmp_path / "templates"
    shutil.copytree(config.PROJECT_ROOT / "content_templates", folder)
    national = folder / "observances" / "national.yaml"
    national.write_text(
        national.read_text(encoding="utf-8").replace('date: "08-17"', 'date: "17 Agustus"'),
        encoding="utf-8",
    )
    monkeypatch.setenv("PLANNER_TEMPLATES_DIR", str(folder))
    config.reset_settings()
    at = _calendar()
    assert any(
        'national.yaml, line 36: hut-ri: date must be "MM-DD"' in e.value for e in at.error
    ), [e.value for e in at.error]
    assert [s.value for s in at.subheader]  # the month still shows
