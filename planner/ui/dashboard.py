"""Dashboard: did our promotion work? KPIs against the previous period, figures over time and
at the same age, by template and kind, top posts, audience, on-time publishing, the best time to
post and the monthly measures — all from planner.evaluation, cached until new figures arrive."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.evaluation import queries as q
from planner.evaluation.choices import data_stamp, filter_choices
from planner.evaluation.filters import Filters
from planner.i18n import format_date, format_number
from planner.models import utcnow
from planner.ui.pages import offered
from planner.ui.runtime import locale, tr
from planner.ui.widgets import dashboard_operations as ops
from planner.ui.widgets import dashboard_results as results
from planner.ui.widgets.dashboard_filters import filters_form

# Every query the page shows, by name; each takes (session, filters).
LOADERS = {
    "kpis": q.kpis,
    "unreported": q.unreported,
    "series": q.series,
    "by_age": q.by_age,
    "by_template": q.by_template,
    "by_kind": q.by_kind,
    "top_posts": q.top_posts,
    "audience_series": q.audience_series,
    "audience_summary": q.audience_summary,
    "on_time": q.on_time,
    "heatmap": q.heatmap,
    "social_measures": q.social_measures,
}


@st.cache_data(ttl=600, show_spinner=False, max_entries=64)
def _load(key: str, _filters: Filters) -> dict[str, Any]:
    """Every query's result for one set of filters; `key` = database, filters and data stamp,
    so a new snapshot (or any change of a target) reads the figures again."""
    with session_scope() as session:
        return {name: load(session, _filters) for name, load in LOADERS.items()}


def load_all(filters: Filters) -> dict[str, Any]:
    """The page's figures for `filters`, from the cache while no new figure has arrived."""
    with session_scope() as session:
        stamp = data_stamp(session)
    return _load(f"{get_settings().db_url}|{filters!r}|{stamp}", filters)


def _value(key: str, value: float | int | None) -> str:
    if value is None:
        return "—"
    if key == "engagement_rate":
        text = f"{value * 100:.2f} %"
        return text.replace(".", ",") if locale() == "id" else text
    return format_number(value, locale())


def kpi_row(kpis: list[q.Kpi]) -> None:
    """The headline figures, each with its change against the previous period."""
    for row in (kpis[:4], kpis[4:]):
        for col, k in zip(st.columns(4), row, strict=False):
            delta = None if k.change_pct is None else f"{k.change_pct:+.1f} %"
            col.metric(
                tr(f"dash.kpi.{k.key}") + (" 🧪" if k.simulated else ""),
                _value(k.key, k.value),
                delta=delta,
                help=tr("dash.previous", value=_value(k.key, k.previous)),
            )
    basis = next(k.basis for k in kpis if k.key == "engagement_rate")
    if basis:
        st.caption(tr(f"dash.basis.{basis}"))


def notes(data: dict[str, Any]) -> None:
    """The simulated warning and which figures platforms did not report."""
    simulated = any(k.simulated for k in data["kpis"]) or data["on_time"].simulated
    if simulated:
        st.warning("🧪 " + tr("common.simulated"))
    if gaps := data["unreported"]:
        details = "; ".join(
            f"{tr(f'platform.{p}')}: {', '.join(tr(f'dash.col.{f}').lower() for f in figures)}"
            for p, figures in gaps.items()
        )
        st.caption(tr("dash.gaps", details=details))


def _indicators_tab() -> Any:
    """planner.ui.widgets.indicators.render_indicators, once that module exists."""
    try:
        from planner.ui.widgets.indicators import render_indicators
    except ImportError:
        return None
    return render_indicators


def page_body() -> None:
    now = utcnow()
    with session_scope() as session:
        choices = filter_choices(session)
    filters = filters_form(choices, now)
    period, previous = filters.period, filters.previous().period
    tz = get_settings().tz
    st.caption(
        tr(
            "dash.showing",
            **{
                name: format_date(_noon(day, tz), tz, locale())
                for name, day in (
                    ("first", period.first),
                    ("last", period.last),
                    ("prev_first", previous.first),
                    ("prev_last", previous.last),
                )
            },
        )
    )
    data = load_all(filters)
    kpi_row(data["kpis"])
    notes(data)
    if not data["kpis"][0].value:
        st.info(tr("dash.empty"))
    indicators = _indicators_tab()
    names = ["overview", "content", "audience", "on_time", "best_time", "measures"]
    tabs = st.tabs([tr(f"dash.tab.{n}") for n in names + (["indicators"] if indicators else [])])
    with tabs[0]:
        results.over_time(data["series"])
        results.by_age(data["by_age"])
    with tabs[1]:
        results.by_template(data["by_template"])
        results.by_kind(data["by_kind"])
        results.top_posts(data["top_posts"])
    with tabs[2]:
        ops.audience(data["audience_series"], data["audience_summary"])
    with tabs[3]:
        ops.on_time(data["on_time"])
    with tabs[4]:
        accounts = [
            a for a in choices.accounts if not filters.account_ids or a[0] in filters.account_ids
        ]
        ops.best_time(data["heatmap"], accounts)
    with tabs[5]:
        results.measures(data["social_measures"])
    if indicators:
        with tabs[6]:
            indicators(period)


def _noon(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(12), tz)


def page() -> None:
    st.header(tr("dashboard.header"))
    if not offered("planner/ui/dashboard.py"):
        st.info(tr("app.not_for_role"))
        return
    page_body()


page()
