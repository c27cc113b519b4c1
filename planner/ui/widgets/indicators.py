"""The programme's indicators, read-only: events, months, feedback and training for a period.

`render_indicators(period)` is what the indicators page shows managers and what the
dashboard puts in a tab: each section a chart with a title, the same figures as a table, and
the table as CSV. A figure nobody reported reads "not reported", never 0.
"""

from __future__ import annotations

import math
from dataclasses import asdict

import altair as alt
import pandas as pd
import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.evaluation.indicators.feedback import SENTIMENTS
from planner.evaluation.indicators.views import (
    DEFAULT_MONTHS,
    EventIndicators,
    FeedbackMonth,
    IndicatorsView,
    MonthIndicators,
    indicators_view,
)
from planner.evaluation.period import Period
from planner.evaluation.training_figures import TrainingFigures
from planner.i18n import STRINGS, format_date, format_month, format_number
from planner.ui.access import described
from planner.ui.runtime import locale, plain, tr

# Colours for the sentiments, each at least 4.5:1 against white.
BAR_COLOUR = "#1f5fa8"  # 6.6:1 against white
SENTIMENT_COLOURS = {"positive": "#1a7f37", "neutral": "#57606a", "negative": "#cf222e"}


def render_indicators(period: Period, *, key: str = "indicators", months: int = DEFAULT_MONTHS):
    """Show (a)–(d) for `period`; `key` keeps widget ids apart where this is shown twice."""
    with session_scope() as session:
        view = indicators_view(session, period, months)
    if any(e.promotion.simulated for e in view.events) or any(
        m.promotion.simulated for m in view.months
    ):
        st.caption("🧪 " + tr("common.simulated"))
    st.caption(tr("indicators.gaps"))
    _events(view, key)
    _months(view, key)
    _feedback(view, key)
    _training(view, key)
    return view


def column(name: str) -> str:
    """A table column's heading in the page language."""
    return tr(f"indicators.col.{name}")


def shown(value: int | float | None, gap: str = "indicators.not_reported") -> str:
    """A figure for reading: '1.250', or what its absence means (pandas' NaN is a gap too)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return tr(gap)
    return format_number(value, locale())


def score(value: float | None) -> str:
    """An average score with one decimal ('78,5' in Indonesian); a gap when nothing was scored."""
    if value is None:
        return tr("indicators.not_reported")
    text = f"{value:.1f}"
    return text.replace(".", ",") if locale() == "id" else text


def month_label(month: str) -> str:
    """'November 2026' from '2026-11'."""
    year, number = (int(part) for part in month.split("-"))
    return format_month(year, number, locale())


def _table_and_download(raw: pd.DataFrame, readable: pd.DataFrame, name: str, key: str) -> None:
    """The figures as a table (gaps worded) and as CSV (gaps left empty)."""
    st.dataframe(readable, hide_index=True, width="stretch")
    st.download_button(
        tr("indicators.download"),
        raw.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"{key}_{name}_csv",
    )


def _long(raw: pd.DataFrame, label: str, measures: list[str]) -> pd.DataFrame:
    """One row per (label, measure) that has a value: what a faceted chart draws."""
    long = raw.melt(id_vars=[label], value_vars=measures, var_name="measure", value_name="value")
    return long.dropna(subset=["value"])


def _event_rows(events: list[EventIndicators]) -> list[dict]:
    tz = get_settings().tz
    return [
        {
            column("event"): e.title,
            column("date"): format_date(e.starts_at, tz, locale()),
            column("attendance"): e.attendance,
            column("posts"): e.promotion.posts,
            column("publications"): e.promotion.publications,
            column("reach"): e.promotion.reach,
            column("interactions"): e.promotion.interactions,
            column("clicks"): e.promotion.clicks,
        }
        for e in events
    ]


def _events(view: IndicatorsView, key: str) -> None:
    st.subheader(tr("indicators.events.title"))
    if not view.events:
        st.info(tr("indicators.events.none"))
        return
    raw = pd.DataFrame(_event_rows(view.events))
    readable = raw.copy()
    readable[column("attendance")] = [
        shown(e.attendance, "indicators.not_entered") for e in view.events
    ]
    for name in ("reach", "interactions", "clicks"):
        readable[column(name)] = [shown(v) for v in raw[column(name)].tolist()]
    measures = [column(n) for n in ("attendance", "reach", "interactions", "clicks")]
    long = _long(raw, column("event"), measures)
    if not long.empty:
        chart = (
            alt.Chart(long)
            .mark_bar(color=BAR_COLOUR)
            .encode(
                x=alt.X("value:Q", title=None),
                y=alt.Y(f"{column('event')}:N", title=None),
                tooltip=[
                    alt.Tooltip(f"{column('event')}:N"),
                    alt.Tooltip("measure:N", title=column("measure")),
                    alt.Tooltip("value:Q", title=column("value"), format=","),
                ],
            )
            .properties(width=160)
            .facet(column=alt.Column("measure:N", title=None, sort=measures))
            .resolve_scale(x="independent")
            .properties(title=tr("indicators.chart.events"))
        )
        st.altair_chart(described(chart, tr("indicators.chart.events")))
    _table_and_download(raw, readable, f"indikator-acara-{view.period.month}", key)


def _month_rows(months: list[MonthIndicators]) -> list[dict]:
    return [
        {
            column("month"): month_label(m.month),
            column("visits"): m.visits,
            column("loans"): m.loans,
            column("new_members"): m.new_members,
            column("posts"): m.promotion.posts,
            column("publications"): m.promotion.publications,
            column("reach"): m.promotion.reach,
            column("interactions"): m.promotion.interactions,
            column("clicks"): m.promotion.clicks,
            column("note"): m.note,
        }
        for m in months
    ]


def _months(view: IndicatorsView, key: str) -> None:
    st.subheader(tr("indicators.months.title"))
    raw = pd.DataFrame(_month_rows(view.months))
    readable = raw.copy()
    for name in ("visits", "loans", "new_members"):
        readable[column(name)] = [
            shown(v, "indicators.not_entered") for v in raw[column(name)].tolist()
        ]
    for name in ("reach", "interactions", "clicks"):
        readable[column(name)] = [shown(v) for v in raw[column(name)].tolist()]
    names = ("visits", "loans", "new_members", "posts", "reach", "interactions", "clicks")
    measures = [column(n) for n in names]
    order = [month_label(m.month) for m in view.months]
    long = _long(raw, column("month"), measures)
    if not long.empty:
        chart = (
            alt.Chart(long)
            .mark_line(point=True, color=BAR_COLOUR)
            .encode(
                x=alt.X(f"{column('month')}:O", sort=order, title=None),
                y=alt.Y("value:Q", title=None),
                tooltip=[
                    alt.Tooltip(f"{column('month')}:O"),
                    alt.Tooltip("measure:N", title=column("measure")),
                    alt.Tooltip("value:Q", title=column("value"), format=","),
                ],
            )
            .properties(width=420, height=70)
            .facet(row=alt.Row("measure:N", title=None, sort=measures))
            .resolve_scale(y="independent")
            .properties(title=tr("indicators.chart.months"))
        )
        st.altair_chart(described(chart, tr("indicators.chart.months")))
    _table_and_download(raw, readable, f"indikator-bulanan-{view.period.month}", key)


def source_label(source: str) -> str:
    """A feedback source as people read it: a known code in the page language, else as typed."""
    known = f"indicators.source.{source}"
    return tr(known) if known in STRINGS else plain(source or "—")


def _feedback_rows(feedback: list[FeedbackMonth]) -> list[dict]:
    return [
        {
            column("month"): month_label(f.month),
            column("comments"): f.comments,
            column("notes"): f.notes,
            **{tr(f"indicators.sentiment.{s}"): f.sentiments.get(s, 0) for s in SENTIMENTS},
            column("source"): ", ".join(
                f"{source_label(source)} {count}" for source, count in f.sources.items()
            ),
        }
        for f in feedback
    ]


def _feedback(view: IndicatorsView, key: str) -> None:
    st.subheader(tr("indicators.feedback.title"))
    raw = pd.DataFrame(_feedback_rows(view.feedback))
    readable = raw.copy()
    readable[column("comments")] = [shown(f.comments) for f in view.feedback]
    labels = {tr(f"indicators.sentiment.{s}"): s for s in SENTIMENTS}
    long = _long(raw, column("month"), list(labels))
    long = long[long["value"] > 0]
    if not long.empty:
        order = [month_label(f.month) for f in view.feedback]
        chart = (
            alt.Chart(long, title=tr("indicators.chart.feedback"))
            .mark_bar()
            .encode(
                x=alt.X(f"{column('month')}:O", sort=order, title=None),
                y=alt.Y("value:Q", title=column("notes"), axis=alt.Axis(tickMinStep=1)),
                color=alt.Color(
                    "measure:N",
                    title=column("sentiment"),
                    scale=alt.Scale(
                        domain=list(labels),
                        range=[SENTIMENT_COLOURS[s] for s in labels.values()],
                    ),
                ),
                tooltip=[
                    alt.Tooltip(f"{column('month')}:O"),
                    alt.Tooltip("measure:N", title=column("sentiment")),
                    alt.Tooltip("value:Q", title=column("notes")),
                ],
            )
        )
        st.altair_chart(described(chart, tr("indicators.chart.feedback")), width="stretch")
    _table_and_download(raw, readable, f"indikator-masukan-{view.period.month}", key)


def _training(view: IndicatorsView, key: str) -> None:
    st.subheader(tr("indicators.training.title"))
    figures: TrainingFigures | None = view.training
    if figures is None:
        st.info(tr("indicators.training.none"))
        return
    names = {
        "sessions_held": "indicators.training.sessions",
        "attendees": "indicators.training.attendees",
        "exercises_submitted": "indicators.training.exercises",
        "average_score": "indicators.training.score",
    }
    values = asdict(figures)
    for box, (name, label) in zip(st.columns(len(names)), names.items(), strict=True):
        box.metric(
            tr(label), score(values[name]) if name == "average_score" else shown(values[name])
        )
    raw = pd.DataFrame(
        [{column("measure"): tr(label), column("value"): values[n]} for n, label in names.items()]
    )
    counts = raw.iloc[:3]
    chart = (
        alt.Chart(counts, title=tr("indicators.chart.training"))
        .mark_bar(color=BAR_COLOUR)
        .encode(
            x=alt.X(f"{column('value')}:Q", title=None),
            y=alt.Y(f"{column('measure')}:N", title=None, sort=None),
            tooltip=[f"{column('measure')}:N", f"{column('value')}:Q"],
        )
    )
    st.altair_chart(described(chart, tr("indicators.chart.training")), width="stretch")
    readable = raw.copy()
    readable[column("value")] = [shown(v) for v in raw[column("value")].tolist()[:3]] + [
        score(figures.average_score)
    ]
    _table_and_download(raw, readable, f"indikator-pelatihan-{view.period.month}", key)
