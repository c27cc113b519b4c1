"""Calendar & queue: month and week views by status, platform, campaign and author, the next
50 in the queue, and one post opened (planner/ui/widgets/post_panel.py). A trainee sees only
their own posts: the calendar queries filter by the signed-in viewer.

The page follows live state: every few seconds it asks whether anything changed and draws
again only then; its queries come from a cache shared by every session
(planner/ui/widgets/live.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from planner import calendar as planned
from planner.config import get_settings
from planner.i18n import (
    format_date,
    format_month,
    format_time,
)
from planner.limits import PLATFORMS
from planner.models import PostStatus
from planner.notify import reason_text
from planner.ui.runtime import (
    hint,
    locale,
    plain,
    status_label,
    target_status_label,
    tr,
)
from planner.ui.session import current_actor
from planner.ui.widgets import live, observances
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


def _time(moment: datetime) -> str:
    return format_time(moment, get_settings().tz, locale()).split(" ")[0]


def _targets_text(chip: planned.PostChip, with_status: bool, sep: str = "; ") -> str:
    """Each target as platform icon and account (and its status, when asked)."""
    return sep.join(
        f"{planned.PLATFORM_ICONS.get(t.platform, '•')} {plain(t.account)}"
        + (f" — {status_label(t.status)}" if with_status else "")
        for t in chip.targets
    )


def _label(chip: planned.PostChip, week: bool) -> str:
    """A chip's text: status dot, time, platforms, the whole title and the status in words (in
    the week view also the accounts)."""
    dot = f":{planned.STATUS_COLORS.get(chip.status, 'gray')}[●]"
    if week:
        return (
            f"{dot} {_time(chip.when)} {plain(chip.title)} — {status_label(chip.status)} — "
            f"{_targets_text(chip, with_status=False)}"
        )
    icons = "".join(planned.PLATFORM_ICONS.get(p, "•") for p in chip.platforms)
    # The status in words too (WCAG 1.4.1): the dot's colour alone says nothing to many people.
    return f"{dot} {_time(chip.when)} {icons} {plain(chip.title)} · {status_label(chip.status)}"


def _tooltip(chip: planned.PostChip) -> str:
    """The whole title, the status in words and every target: what the dot only hints at."""
    return (
        f"**{plain(chip.title)}**\n\n{_time(chip.when)} · {status_label(chip.status)}\n\n"
        + _targets_text(chip, with_status=True, sep="\n\n")
    )


def _filters(stamp: live.Stamp) -> dict:
    options = live.filter_options(stamp, current_actor())
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


def _chip_button(container, chip: planned.PostChip, day: date, week: bool) -> None:
    container.button(
        _label(chip, week=week),
        key=f"cal_{chip.post_id}_{day:%Y%m%d}",
        on_click=_open,
        args=(chip.post_id,),
        help=_tooltip(chip),
        width="stretch",
    )


# Chips wrap instead of being cut to "16.31 Lo…": the whole title stays readable.
CHIP_CSS = """<style>
.st-key-cal_grid button [data-testid="stMarkdownContainer"],
.st-key-cal_grid button p {
  white-space: normal; overflow: visible; text-overflow: clip; text-align: left;
  overflow-wrap: anywhere;
}
.st-key-cal_grid button { justify-content: flex-start; min-height: 0; padding: 0.2rem 0.4rem; }
.st-key-cal_grid button > div, .st-key-cal_grid button > div > span {
  width: 100%; justify-content: flex-start; text-align: left;
}
</style>"""


def _month(weeks: list[list[date]], grouped: dict, month: int) -> None:
    """Seven columns a week, one chip per post; past a few a day the rest are counted."""
    days_marked = observances.marks([d for week in weeks for d in week])
    st.html(CHIP_CSS)
    with st.container(key="cal_grid"):
        names = tr("calendar.weekdays").split(",")
        for col, name in zip(st.columns(7, gap="small"), names, strict=True):
            col.markdown(f"**{name}**")
        for week in weeks:
            for col, day in zip(st.columns(7, gap="small"), week, strict=True):
                mark = "_" if day.month != month else "**"
                col.markdown(f"{mark}{day.day}{mark}")
                for text in days_marked.get(day, []):
                    col.caption(text)
                items = grouped.get(day, [])
                for chip in items[:MAX_PER_DAY]:
                    _chip_button(col, chip, day, week=False)
                if len(items) > MAX_PER_DAY:
                    col.caption(tr("calendar.more", n=len(items) - MAX_PER_DAY))


def _week(days: list[date], grouped: dict) -> None:
    """One row a day with every post in full: time, title, status, platforms and accounts."""
    days_marked = observances.marks(days)
    tz, loc = get_settings().tz, locale()
    st.html(CHIP_CSS)
    with st.container(key="cal_grid"):
        for day in days:
            items = grouped.get(day, [])
            noon = datetime.combine(day, datetime.min.time(), tz) + timedelta(hours=12)
            st.markdown(f"**{format_date(noon, tz, loc)}**")
            for text in days_marked.get(day, []):
                st.caption(text)
            if not items:
                st.caption("—")
            for chip in items:
                _chip_button(st, chip, day, week=True)


def _legend() -> None:
    st.caption(
        tr("calendar.legend")
        + ": "
        + " ".join(f":{planned.STATUS_COLORS[s]}[●] {status_label(s)}" for s in LEGEND)
    )


def _rows(rows: list[live.QueueRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "#": row.post_id,
                tr("calendar.col_when"): when_text(row.when),
                "Platform": tr(f"platform.{row.platform}"),
                tr("calendar.col_account"): row.account,
                tr("calendar.col_status"): target_status_label(row),
                tr("calendar.col_post"): row.title,
                tr("calendar.col_error"): reason_text(row.error_kind, row.last_error, locale()),
            }
            for row in rows
        ]
    )


def _table(rows, key: str) -> None:
    """A queue table whose rows open their post (the row the person saw, not one that moved
    into its place since the last refresh)."""
    seen = st.session_state.get(f"{key}_posts", [])
    frame = _rows(rows)
    picked = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
    )
    st.session_state[f"{key}_posts"] = [int(i) for i in frame["#"]]
    chosen = list(picked.selection.rows)
    if chosen == st.session_state.get(f"{key}_chosen", []):
        return  # the same selection as before (the table refreshed itself): nothing to open
    st.session_state[f"{key}_chosen"] = chosen
    if chosen and chosen[0] < len(seen):
        st.session_state["open_post"] = seen[chosen[0]]
        st.rerun()  # the whole page, so the opened post shows above


def live_tables(stamp: live.Stamp) -> None:
    """The queue and what went out lately; redrawn with the page whenever anything changed,
    so a person can watch the worker publish."""
    state = tr("calendar.worker_on") if stamp.worker_running else tr("calendar.worker_off")
    st.caption(tr("calendar.worker", state=state))
    viewer = current_actor()
    queued = live.queue("upcoming", 50, stamp, viewer)
    done = live.queue("recent", 20, stamp, viewer)
    st.subheader(tr("calendar.queue"))
    if queued:
        _table(queued, "queue_table")
    else:
        st.info(tr("common.none"))
    st.subheader(tr("calendar.recent"))
    if done:
        _table(done, "recent_table")
    else:
        st.info(tr("common.none"))
    st.caption(tr("calendar.rows_open"))


def _step(day: date, view: str, sign: int) -> date:
    """A week back or forward in the week view, else a calendar month (never skipping one)."""
    return day + timedelta(days=7 * sign) if view == "week" else planned.shift_month(day, sign)


def page() -> None:
    st.header(tr("calendar.header"))
    if "open_post" not in st.session_state and (wanted := st.query_params.get("post")):
        st.session_state["open_post"] = int(wanted) if str(wanted).isdigit() else None
    stamp = live.drawn_with()
    filters = _filters(stamp)
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
    observances.show_nudges()
    if st.session_state.get("open_post"):
        post_panel(st.session_state["open_post"])
    if view == "month":
        st.subheader(format_month(day.year, day.month, locale()))
        weeks = planned.month_grid(day.year, day.month)
        grouped = live.chips([weeks[0][0], weeks[-1][-1]], filters, stamp, current_actor())
        _month(weeks, grouped, day.month)
        _legend()
    elif view == "week":
        days = planned.week_of(day)
        _week(days, live.chips(days, filters, stamp, current_actor()))
        _legend()
    observances.manage_library_days()
    live_tables(stamp)
    live.follow()


page()
