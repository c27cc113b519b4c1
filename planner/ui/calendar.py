"""Calendar & queue: month and week views by status, platform, campaign and author, the next
50 in the queue, and one post opened (planner/ui/widgets/post_panel.py). A trainee sees only
their own posts: the calendar queries filter by the signed-in viewer."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from planner import calendar as planned
from planner.calendar import recent, upcoming
from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import (
    format_date,
    format_month,
    format_time,
)
from planner.limits import PLATFORMS
from planner.models import PostStatus
from planner.notify import reason_text
from planner.ui.runtime import (
    embedded_worker,
    hint,
    locale,
    plain,
    status_label,
    target_status_label,
    tr,
)
from planner.ui.session import current_actor
from planner.ui.widgets.post_panel import post_panel, show_flash, when_text

MAX_PER_DAY = 4
LEGEND = [
    PostStatus.SCHEDULED,
    PostStatus.PUBLISHING,
    PostStatus.PUBLISHED,
    PostStatus.RETRYING,
    PostStatus.NEEDS_ATTENTION,
    PostStatus.CANCELLED,
]


def _label(entry: planned.Entry, with_account: bool = False) -> str:
    color = planned.STATUS_COLORS.get(entry.status, "gray")
    icon = planned.PLATFORM_ICONS.get(entry.platform, "•")
    at = format_time(entry.when, get_settings().tz, locale()).split(" ")[0]
    extra = f" · {entry.account}" if with_account else ""
    return f":{color}[●] {icon} {at} {plain(entry.title[:24])}{plain(extra)}"


def _filters() -> dict:
    with session_scope() as session:
        options = planned.filter_options(session, viewer=current_actor())
    cols = st.columns(4)
    platforms = cols[0].multiselect(
        tr("calendar.filter_platform"),
        options["platforms"] or list(PLATFORMS),
        format_func=lambda p: tr(f"platform.{p}"),
        placeholder=tr("common.all"),
    )
    statuses = cols[1].multiselect(
        tr("calendar.filter_status"),
        [s.value for s in PostStatus],
        format_func=status_label,
        placeholder=tr("common.all"),
    )
    campaigns = cols[2].multiselect(
        tr("calendar.filter_campaign"),
        list(options["campaigns"]),
        format_func=options["campaigns"].get,
        placeholder=hint(options["campaigns"], "common.all"),
    )
    authors = cols[3].multiselect(
        tr("calendar.filter_author"),
        list(options["authors"]),
        format_func=options["authors"].get,
        placeholder=hint(options["authors"], "common.all"),
    )
    return {
        "platforms": platforms,
        "statuses": statuses,
        "campaign_ids": campaigns,
        "author_ids": authors,
    }


def _open(post_id: int) -> None:
    st.session_state["open_post"] = post_id


def _entry_button(container, entry: planned.Entry, with_account: bool) -> None:
    container.button(
        _label(entry, with_account=with_account),
        key=f"cal_{entry.target_id}",
        on_click=_open,
        args=(entry.post_id,),
        help=f"{plain(entry.title)} · {plain(entry.account)} · {status_label(entry.status)}",
        width="stretch" if not with_account else "content",
    )


def _grouped(days: list[date], filters: dict) -> dict[date, list[planned.Entry]]:
    tz = get_settings().tz
    with session_scope() as session:
        start, end = planned.span(days, tz)
        found = planned.entries(session, start, end, viewer=current_actor(), **filters)
        return planned.by_day(found, tz)


def _month(weeks: list[list[date]], filters: dict, month: int) -> None:
    """Seven columns a week; a few entries a day, the rest counted (hover for the title)."""
    grouped = _grouped([d for week in weeks for d in week], filters)
    for col, name in zip(st.columns(7), tr("calendar.weekdays").split(","), strict=True):
        col.markdown(f"**{name}**")
    for week in weeks:
        for col, day in zip(st.columns(7), week, strict=True):
            mark = "_" if day.month != month else "**"
            col.markdown(f"{mark}{day.day}{mark}")
            items = grouped.get(day, [])
            for entry in items[:MAX_PER_DAY]:
                _entry_button(col, entry, with_account=False)
            if len(items) > MAX_PER_DAY:
                col.caption(tr("calendar.more", n=len(items) - MAX_PER_DAY))


def _week(days: list[date], filters: dict) -> None:
    """One row a day with every entry in full: time, platform, title and account."""
    grouped = _grouped(days, filters)
    tz, loc = get_settings().tz, locale()
    for day in days:
        items = grouped.get(day, [])
        noon = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=12)
        st.markdown(f"**{format_date(noon, tz, loc)}**")
        if not items:
            st.caption("—")
        for entry in items:
            _entry_button(st, entry, with_account=True)


def _legend() -> None:
    st.caption(
        tr("calendar.legend")
        + ": "
        + " ".join(f":{planned.STATUS_COLORS[s]}[●] {status_label(s)}" for s in LEGEND)
    )


def _rows(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "#": post.id,
                tr("calendar.col_when"): when_text(target.published_at or target.due_at),
                "Platform": tr(f"platform.{target.platform}"),
                tr("calendar.col_account"): account.name,
                tr("calendar.col_status"): target_status_label(target),
                tr("compose.template"): post.title,
                tr("calendar.col_error"): reason_text(
                    target.error_kind, target.last_error, locale()
                ),
            }
            for target, post, account in rows
        ]
    )


@st.fragment(run_every=3)
def live_tables() -> None:
    """Refreshes by itself so a person can watch the worker publish."""
    worker = embedded_worker()
    state = (
        tr("calendar.worker_on")
        if worker is not None and worker.alive
        else tr("calendar.worker_off")
    )
    st.caption(tr("calendar.worker", state=state))
    with session_scope() as session:
        queued = upcoming(session, 50, viewer=current_actor())
        done = recent(session, 20, viewer=current_actor())
    st.subheader(tr("calendar.queue"))
    if queued:
        st.dataframe(_rows(queued), hide_index=True, width="stretch")
    else:
        st.info(tr("common.none"))
    st.subheader(tr("calendar.recent"))
    if done:
        st.dataframe(_rows(done), hide_index=True, width="stretch", key="recent_table")
    else:
        st.info(tr("common.none"))


def _step(day: date, view: str, sign: int) -> date:
    """A week back or forward in the week view, else a calendar month (never skipping one)."""
    return day + timedelta(days=7 * sign) if view == "week" else planned.shift_month(day, sign)


def page() -> None:
    st.header(tr("calendar.header"))
    if "open_post" not in st.session_state and (wanted := st.query_params.get("post")):
        st.session_state["open_post"] = int(wanted) if str(wanted).isdigit() else None
    filters = _filters()
    views = {
        "month": "calendar.view_month",
        "week": "calendar.view_week",
        "queue": "calendar.view_queue",
    }
    view = st.radio(
        tr("calendar.view"),
        list(views),
        format_func=lambda v: tr(views[v]),
        horizontal=True,
        key="cal_view",
    )
    if "cal_day" not in st.session_state:
        st.session_state["cal_day"] = datetime.now(get_settings().tz).date()
    nav = st.columns([1, 2, 1])
    if nav[0].button(tr("calendar.prev"), key="cal_prev"):
        st.session_state["cal_day"] = _step(st.session_state["cal_day"], view, -1)
    if nav[2].button(tr("calendar.next"), key="cal_next"):
        st.session_state["cal_day"] = _step(st.session_state["cal_day"], view, 1)
    day = nav[1].date_input(tr("calendar.day"), key="cal_day", format="DD/MM/YYYY")
    show_flash()
    if st.session_state.get("open_post"):
        post_panel(st.session_state["open_post"])
    if view == "month":
        st.subheader(format_month(day.year, day.month, locale()))
        _month(planned.month_grid(day.year, day.month), filters, day.month)
        _legend()
    elif view == "week":
        _week(planned.week_of(day), filters)
        _legend()
    live_tables()


page()
