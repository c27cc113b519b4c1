"""The dashboard page through AppTest: an empty database, the hand-counted November with each
filter, the simulated mark and gaps note, tables and downloads, and applying suggested slots."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from planner.db import session_scope
from planner.evaluation.period import last_month
from planner.i18n import format_date
from planner.models import utcnow
from planner.slots import slots_of
from tests.evaluation_fixtures import load_month
from tests.people_helpers import app_as

PAGE = "planner/ui/dashboard.py"
SECTIONS = ("overview", "by_age", "content", "audience", "on_time", "best_time", "measures",
            "indicators")  # fmt: skip
JKT = ZoneInfo("Asia/Jakarta")
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label))


def choose(at, **widgets) -> None:
    """Set the filter form's widgets by key and send the form."""
    for key, value in widgets.items():
        _widget(at, key).set_value(value)
    next(b for b in at.button if b.label == "Terapkan").click().run()


def _widget(at, key: str):
    for kind in ("selectbox", "multiselect", "date_input"):
        for w in at.get(kind):
            if w.key == key:
                return w
    raise KeyError(key)


def november(role: str = "manager"):
    at = app_as(role, PAGE)
    choose(at, dash_period="custom", dash_dates=NOVEMBER)
    assert not at.exception
    return at


def test_an_empty_database(sqlite_db: str) -> None:
    at = app_as("manager", PAGE)
    assert not at.exception
    assert "Dasbor interaksi" in [h.value for h in at.header]
    assert metric(at, "Unggahan terpublikasi") == "0"
    assert metric(at, "Jangkauan") == "—"
    assert any("Belum ada unggahan terpublikasi" in i.value for i in at.info)
    assert not at.warning  # nothing simulated to mark


def test_november_kpis_marks_and_charts(sqlite_db: str) -> None:
    with session_scope() as session:
        load_month(session)
    at = november()
    assert metric(at, "Unggahan terpublikasi") == "4"
    assert metric(at, "Interaksi") == "181"
    assert metric(at, "Jangkauan") == "1.600"
    assert metric(at, "Tingkat interaksi") == f"{169 / 1900 * 100:.2f} %".replace(".", ",")
    assert metric(at, "Pengikut") == "1.800"
    reach = next(m for m in at.metric if m.label.startswith("Jangkauan"))
    assert reach.delta == "+1500.0 %"
    assert any("simulasi" in w.value for w in at.warning)
    captions = " ".join(c.value for c in at.caption)
    assert "Tidak dilaporkan platform" in captions and "Halaman Facebook" in captions
    assert "jangkauan, atau tayangan" in captions  # the rate's basis is said
    charts, downloads, headers, infos = 0, 0, set(), ""
    for section in SECTIONS:
        at.radio(key="dash_section").set_value(section).run()
        assert not at.exception, section
        charts += len(at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart"))
        downloads += len(at.get("download_button"))
        headers |= {c for t in at.dataframe for c in t.value.columns}
        captions += " ".join(c.value for c in at.caption)
        infos += " ".join(i.value for i in at.info)
    assert charts >= 9 and downloads >= 10
    assert {"Platform", "Interaksi", "Jangkauan", "Umur", "Templat", "Jenis", "Pengikut"} <= headers
    assert "Berdasarkan 4 unggahan" in captions
    assert "Belum ada saran" in infos


def test_only_the_chosen_section_is_drawn(sqlite_db: str) -> None:
    with session_scope() as session:
        load_month(session)
    at = november()
    assert at.radio(key="dash_section").value == "overview"
    assert len(at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")) == 1
    at.radio(key="dash_section").set_value("content").run()
    assert [s.value for s in at.subheader][:3] == [
        "Interaksi per templat",
        "Interaksi per jenis (acara, koleksi, layanan)",
        "10 unggahan teratas",
    ]
    assert [b.url for b in at.get("link_button")][:1] == [
        "https://example.org/3/4"  # the sandbox Instagram post, 115 interactions
    ]


@pytest.mark.parametrize(
    ("filter_key", "pick", "interactions"),
    [
        ("dash_platforms", lambda ids: ["facebook"], "21"),
        ("dash_accounts", lambda ids: [ids["accounts"]["fb2"]], "12"),
        ("dash_campaigns", lambda ids: [ids["campaign"]], "54"),
        ("dash_templates", lambda ids: ["event_poster"], "54"),
        ("dash_authors", lambda ids: [ids["author"]], "12"),
    ],
)
def test_each_filter_narrows_the_figures(sqlite_db: str, filter_key, pick, interactions) -> None:
    with session_scope() as session:
        ids = load_month(session)
    at = november()
    choose(at, **{filter_key: pick(ids)})
    assert not at.exception
    assert metric(at, "Interaksi") == interactions


def test_last_month_is_the_calendar_month_before(sqlite_db: str) -> None:
    at = app_as("manager", PAGE)
    choose(at, dash_period="last_month")
    period = last_month(utcnow())
    first = format_date(datetime.combine(period.first, time(12), JKT), JKT, "id")
    assert any(first in c.value for c in at.caption)


def test_staff_apply_suggested_slots_in_one_click(sqlite_db: str) -> None:
    from tests.test_evaluation_best_time import PLAN, _results

    with session_scope() as session:
        account_id = _results(session, PLAN)
    at = november("staff")
    at.radio(key="dash_section").set_value("best_time").run()
    assert any("Saran waktu publikasi" in s.value for s in at.success)
    next(b for b in at.button if b.label == "Terapkan ke slot publikasi").click().run()
    assert not at.exception
    assert any("3 slot ditambahkan" in s.value for s in at.success)
    with session_scope() as session:
        assert slots_of(session, account_id) == [(0, "09:00"), (2, "15:00"), (5, "10:00")]


def test_the_page_in_english(sqlite_db: str) -> None:
    with session_scope() as session:
        load_month(session)
    at = november()
    at.sidebar.selectbox[0].select("en").run()
    assert not at.exception
    assert metric(at, "Posts published") == "4"
    assert any("Simulated" in w.value for w in at.warning)


def test_refresh_figures_takes_new_snapshots_and_the_page_reads_them(demo_db: str) -> None:
    from sqlalchemy import func
    from sqlmodel import select

    from planner.models import MetricSnapshot

    with session_scope() as session:
        before = session.scalar(select(func.count(MetricSnapshot.id)))
    at = app_as("staff", PAGE)
    next(b for b in at.button if b.label == "Perbarui angka").click().run()
    assert not at.exception
    assert any("Angka diperbarui" in s.value for s in at.success)
    with session_scope() as session:
        assert session.scalar(select(func.count(MetricSnapshot.id))) > before


def test_the_programme_indicators_section(sqlite_db: str) -> None:
    with session_scope() as session:
        load_month(session)
    at = november()
    at.radio(key="dash_section").set_value("indicators").run()
    assert not at.exception
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart") or at.dataframe
