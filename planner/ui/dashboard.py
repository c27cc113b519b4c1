"""Dashboard: did our promotion work? KPIs against the previous period, figures over time and
at the same age, by template and kind, top posts, audience, on-time publishing, the best time to
post and the monthly measures — all from planner.evaluation, cached until new figures arrive."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import streamlit as st

from planner.collecting import RefreshError, refresh_figures
from planner.config import get_settings
from planner.db import read_scope
from planner.evaluation import queries as q
from planner.evaluation.choices import data_stamp, filter_choices
from planner.evaluation.filters import Filters
from planner.i18n import format_date, format_number
from planner.models import utcnow
from planner.people.roles import Action, PermissionDenied
from planner.ui.pages import offered
from planner.ui.runtime import error_text, locale, tr
from planner.ui.session import allowed, current_actor
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


@st.cache_data(ttl=600, show_spinner=False, max_entries=256)
def _load(name: str, key: str, _filters: Filters) -> Any:
    """One query's result; `key` = database, filters and data stamp, so a new snapshot (or any
    change of a target) reads the figures again."""
    with read_scope() as session:
        return LOADERS[name](session, _filters)


def loader(filters: Filters) -> Callable[[str], Any]:
    """A function giving each named query's result for `filters`, from the cache while no new
    figure has arrived (the stamp is read once per page run)."""
    with read_scope() as session:
        stamp = data_stamp(session)
    key = f"{get_settings().db_url}|{filters!r}|{stamp}"
    return lambda name: _load(name, key, filters)


def _content(load: Callable[[str], Any]) -> None:
    results.by_template(load("by_template"))
    results.by_kind(load("by_kind"))
    results.top_posts(load("top_posts"))


# The page's sections, each drawing from the named queries it needs (best_time: page_body).
SECTIONS: dict[str, Callable[[Callable[[str], Any]], None] | None] = {
    "overview": lambda load: results.over_time(load("series")),
    "by_age": lambda load: results.by_age(load("by_age")),
    "content": _content,
    "audience": lambda load: ops.audience(load("audience_series"), load("audience_summary")),
    "on_time": lambda load: ops.on_time(load("on_time")),
    "best_time": None,
    "measures": lambda load: results.measures(load("social_measures")),
}


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


def notes(kpis: list[q.Kpi], gaps: dict[str, list[str]]) -> None:
    """The simulated warning and which figures platforms did not report."""
    if any(k.simulated for k in kpis):
        st.warning("🧪 " + tr("common.simulated"))
    if gaps:
        details = "; ".join(
            f"{tr(f'platform.{p}')}: {', '.join(tr(f'dash.col.{f}').lower() for f in figures)}"
            for p, figures in gaps.items()
        )
        st.caption(tr("dash.gaps", details=details))


def refresh_button() -> None:
    """'Perbarui angka': every post still collected and every account's followers, now.

    The new snapshots change the data stamp, so the page reads its figures again.
    """
    if not allowed(Action.REFRESH_METRICS):
        return
    if not st.button(tr("collect.refresh"), key="dash_refresh", help=tr("dash.refresh.help")):
        return
    try:
        with st.spinner(tr("collect.refresh")):
            done = refresh_figures(actor=current_actor())
    except (RefreshError, PermissionDenied) as exc:
        st.error(error_text(exc))
        return
    st.success(tr("collect.refreshed", snapshots=done.snapshots, audience=done.audience))


def _indicators_tab() -> Any:
    """planner.ui.widgets.indicators.render_indicators, once that module exists."""
    try:
        from planner.ui.widgets.indicators import render_indicators
    except ImportError:
        return None
    return render_indicators


def page_body() -> None:
    now = utcnow()
    with read_scope() as session:
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
    refresh_button()
    load = loader(filters)
    kpis = load("kpis")
    kpi_row(kpis)
    notes(kpis, load("unreported"))
    if not kpis[0].value:
        st.info(tr("dash.empty"))
    indicators = _indicators_tab()
    names = [*SECTIONS, *(["indicators"] if indicators else [])]
    # One section at a time (not tabs): only the chosen section's queries run.
    chosen = st.radio(
        tr("dash.section"),
        names,
        format_func=lambda n: tr(f"dash.tab.{n}"),
        horizontal=True,
        key="dash_section",
    )
    if chosen == "indicators" and indicators:
        indicators(period, key="dash_indicators")
        return
    if chosen == "best_time":
        accounts = [
            a for a in choices.accounts if not filters.account_ids or a[0] in filters.account_ids
        ]
        ops.best_time(load("heatmap"), accounts)
        return
    draw = SECTIONS[chosen]
    if draw is not None:
        draw(load)


def _noon(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(12), tz)


def page() -> None:
    st.header(tr("dashboard.header"))
    if not offered("planner/ui/dashboard.py"):
        st.info(tr("app.not_for_role"))
        return
    page_body()


page()
