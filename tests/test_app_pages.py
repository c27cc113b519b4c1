"""AppTest smoke tests: every page renders without an exception and shows its key widgets."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

PAGES = [
    ("planner/ui/compose.py", "Tulis unggahan"),
    ("planner/ui/calendar.py", "Kalender & Antrean"),
    ("planner/ui/inbox.py", "Kotak masuk"),
    ("planner/ui/planning.py", "Slot, seri & impor"),
    ("planner/ui/media.py", "Pustaka media"),
    ("planner/ui/dashboard.py", "Dasbor keterlibatan"),
    ("planner/ui/settings.py", "Pengaturan"),
]


def _app() -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=30)


@pytest.mark.parametrize(("page", "header"), PAGES)
def test_page_renders(demo_db: str, page: str, header: str) -> None:
    at = _app().run()
    at.switch_page(page).run()
    assert not at.exception
    assert header in [h.value for h in at.header]


def test_compose_makes_draft_and_schedules(demo_db: str) -> None:
    at = _app().run()
    assert not at.exception
    at.button[0].click().run()  # "Buat draf" with the first event and template
    assert not at.exception
    texts = {ta.key: ta.value for ta in at.text_area}
    assert "Dongeng Anak" in texts["text_x"]
    assert texts["alt_text"].startswith("Poster acara")
    at.text_area(key="text_x").input(texts["text_x"] + " ✨").run()
    at.button(key="schedule_btn").click().run()
    assert not at.exception
    assert any("dijadwalkan" in s.value for s in at.success)


def test_dashboard_marks_simulated_figures(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/dashboard.py").run()
    assert any("simulasi" in w.value for w in at.warning)
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")


def test_language_switch_to_english(demo_db: str) -> None:
    at = _app().run()
    at.sidebar.selectbox[0].select("en").run()
    assert not at.exception
    assert "Compose a post" in [h.value for h in at.header]


def test_settings_labels_sandbox_accounts(demo_db: str) -> None:
    at = _app().run()
    at.switch_page("planner/ui/settings.py").run()
    text = " ".join(m.value for m in at.markdown)
    assert text.count("Sandbox") >= 3


def test_unreachable_database_shows_error_box(data_dir, monkeypatch) -> None:
    from planner import config

    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    config.reset_settings()
    at = _app().run()
    assert not at.exception
    assert any("tidak dapat dibuka" in e.value for e in at.error)
