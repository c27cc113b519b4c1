"""One post opened on the calendar: its targets, attempts, and the changes the viewer may make.

Each control is offered only to someone whose role allows it on this post (trainees: their
own posts), and every change goes through the services as the signed-in person.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import streamlit as st

from planner import calendar as planned
from planner.collecting import RefreshError, refresh_figures
from planner.config import get_settings
from planner.db import read_scope, session_scope
from planner.i18n import (
    STRINGS,
    format_datetime,
    zone_abbr,
)
from planner.models import PostStatus
from planner.notify import reason_text
from planner.people.guard import may
from planner.people.roles import Action, PermissionDenied
from planner.publishing.attention import drop_target, mark_published, resend_target
from planner.scheduling import (
    PastTimeError,
    PostUpdate,
    SchedulingError,
    cancel_post,
    delete_post,
    edit_post,
    local_to_utc,
    reschedule_post,
)
from planner.slots import SlotError, to_next_free_slots
from planner.ui.runtime import (
    error_text,
    locale,
    plain,
    target_status_label,
    tr,
)
from planner.ui.session import current_actor
from planner.ui.widgets.review import post_review_panel


def when_text(moment: datetime | None) -> str:
    return format_datetime(moment, get_settings().tz, locale()) if moment else "—"


def _run(action, *args, **kwargs) -> bool:
    """Run a scheduling action as the signed-in person; show its error (or refusal) plainly."""
    try:
        with session_scope() as session:
            result = action(session, *args, actor=current_actor(), **kwargs)
    except (SchedulingError, PermissionDenied) as exc:
        st.error(error_text(exc))
        return False
    if getattr(result, "too_late", None):
        _flash(
            "warning", tr("calendar.too_late", targets=", ".join(f"#{i}" for i in result.too_late))
        )
    return True


def _outcome(outcome: str) -> str:
    """An attempt's outcome in the page language (an unknown one shows as stored)."""
    key = f"attempt.{outcome}"
    return tr(key) if key in STRINGS else outcome


def _flash(kind: str, message: str) -> None:
    """Keep a message for the next run (shown above the post)."""
    st.session_state.setdefault("post_flash", []).append((kind, message))


def _done(message: str) -> None:
    """Rerun after a change, so the opened post, the calendar and the queue show it."""
    _flash("success", message)
    st.rerun()


def show_flash() -> None:
    for kind, message in st.session_state.pop("post_flash", []):
        getattr(st, kind)(message)


def _reschedule(post_id: int, current: datetime | None) -> None:
    """Date and time start from the post's own time (`current`), so a small move is one edit."""
    settings = get_settings()
    start = (current or datetime.now(UTC) + timedelta(hours=1)).astimezone(settings.tz)
    with st.form(f"reschedule_{post_id}"):
        st.markdown(f"**{tr('calendar.reschedule')}**")
        c1, c2 = st.columns(2)
        day = c1.date_input(
            tr("compose.date"),
            value=start.date(),
            key=f"rs_day_{post_id}",
            format="DD/MM/YYYY",
        )
        at = c2.time_input(
            tr("compose.time", zone=zone_abbr(settings.tz, start)),
            value=start.time().replace(second=0, microsecond=0),
            key=f"rs_time_{post_id}",
            step=300,
        )
        go = st.form_submit_button(tr("calendar.reschedule"))
    due = local_to_utc(day, at, settings.tz)
    if go:
        try:
            with session_scope() as session:
                reschedule_post(session, post_id, due, actor=current_actor())
        except PastTimeError:
            st.session_state[f"confirm_past_{post_id}"] = True
        except (SchedulingError, PermissionDenied) as exc:
            st.error(error_text(exc))
        else:
            _done(tr("calendar.rescheduled", post_id=post_id, when=when_text(due)))
    if st.session_state.get(f"confirm_past_{post_id}"):
        st.warning(tr("compose.past_time"))
        if st.button(tr("compose.publish_now"), key=f"rs_now_{post_id}") and _run(
            reschedule_post, post_id, due, publish_now=True
        ):
            st.session_state.pop(f"confirm_past_{post_id}", None)
            _done(tr("calendar.done"))


def _next_slot(post_id: int) -> None:
    if not st.button(tr("calendar.next_slot"), key=f"slot_{post_id}"):
        return
    try:
        with session_scope() as session:
            to_next_free_slots(session, post_id, actor=current_actor())
    except (SlotError, SchedulingError, PermissionDenied) as exc:
        st.error(error_text(exc))
    else:
        _done(tr("calendar.done"))


def _may(action: Action, post) -> bool:
    """Whether the signed-in person may do `action` to `post` (theirs only, for trainees)."""
    return may(current_actor(), action, owner_id=post.author_id)


def _target_actions(target, account, post) -> None:
    cols = st.columns(3)
    retry = _may(Action.RETRY_POST, post)
    if target.status in (PostStatus.NEEDS_ATTENTION, PostStatus.FAILED):
        if (
            retry
            and cols[0].button(tr("calendar.resend"), key=f"resend_{target.id}")
            and _run(resend_target, target.id)
        ):
            _done(tr("calendar.done"))
        if (
            _may(Action.CANCEL_POST, post)
            and cols[1].button(tr("calendar.drop"), key=f"drop_{target.id}")
            and _run(drop_target, target.id, by="app")
        ):
            _done(tr("calendar.done"))
    if (
        retry
        and target.status == PostStatus.NEEDS_ATTENTION
        and (
            cols[2].button(tr("calendar.mark_published"), key=f"mark_{target.id}")
            and _run(mark_published, target.id, by="app")
        )
    ):
        _done(tr("calendar.done"))


def _refresh_figures(post) -> None:
    """'Perbarui angka': this post's engagement and its accounts' followers, asked for now."""
    if not _may(Action.REFRESH_METRICS, post):
        return
    if not st.button(
        tr("collect.refresh"), key=f"refresh_{post.id}", help=tr("collect.refresh.help")
    ):
        return
    try:
        with st.spinner(tr("collect.refresh")):
            done = refresh_figures(actor=current_actor(), post_id=post.id)
    except (RefreshError, PermissionDenied) as exc:
        st.error(error_text(exc))
        return
    if done.snapshots:
        _done(tr("collect.refreshed", snapshots=done.snapshots, audience=done.audience))
    _flash("info", tr("collect.refresh.none"))
    st.rerun()


def post_panel(post_id: int) -> None:
    """One post opened from the calendar, the queue or the inbox."""
    with read_scope() as session:
        detail = planned.post_detail(session, post_id, viewer=current_actor())
    if detail is None:
        st.session_state.pop("open_post", None)
        return
    post = detail.post
    with st.container(border=True):
        head, close = st.columns([5, 1])
        head.subheader(tr("calendar.post", post_id=post.id, title=post.title))
        close.button(
            tr("calendar.close"),
            key="close_post",
            on_click=st.session_state.pop,
            args=("open_post", None),
        )
        st.markdown(f"**{tr('calendar.targets')}**")
        for target, account in detail.targets:
            icon = planned.PLATFORM_ICONS.get(target.platform, "•")
            color = planned.STATUS_COLORS.get(target.status, "gray")
            st.markdown(
                f"{icon} **{plain(account.name)}** — :{color}[{target_status_label(target)}] · "
                f"{when_text(target.published_at or target.due_at)}"
                + (f" · {plain(target.remote_url)}" if target.remote_url else "")
            )
            if target.last_error:
                st.caption(plain(reason_text(target.error_kind, target.last_error, locale())))
            _target_actions(target, account, post)
        if any(t.status == PostStatus.PUBLISHED for t, _ in detail.targets):
            _refresh_figures(post)
        st.markdown(f"**{tr('calendar.attempts')}**")
        if detail.attempts:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr("calendar.col_when"): when_text(a.started_at),
                            "Platform": tr(f"platform.{a.platform}") if a.platform else "—",
                            tr("calendar.col_worker"): a.worker_id,
                            tr("calendar.col_outcome"): _outcome(a.outcome),
                            tr("calendar.col_error"): (
                                reason_text(a.error_kind, a.error_message, locale())
                                or a.remote_id
                                or ""
                            ),
                        }
                        for a in detail.attempts
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption(tr("calendar.no_attempts"))
        post_review_panel(post.id, key=f"panel_{post.id}")
        open_targets = detail.open_targets
        if not open_targets:
            return
        if _may(Action.RESCHEDULE_POST, post):
            dues = [t.due_at for t, _ in open_targets if t.due_at is not None]
            _reschedule(post.id, min(dues) if dues else None)
            _next_slot(post.id)
        _changes(post, open_targets)


def _changes(post, open_targets) -> None:
    """Edit, cancel and delete: each offered only to someone who may do it to this post."""
    if _may(Action.EDIT_POST, post):
        with st.expander(tr("calendar.edit")), st.form(f"edit_{post.id}"):
            texts = {
                t.platform: st.text_area(
                    tr(f"platform.{t.platform}"), value=t.text, key=f"edit_{t.id}"
                )
                for t, _ in open_targets
            }
            if st.form_submit_button(tr("calendar.save")) and _run(
                edit_post, post.id, PostUpdate(texts=texts), expected_version=post.version
            ):
                _done(tr("calendar.saved"))
    c1, c2 = st.columns(2)
    if (
        _may(Action.CANCEL_POST, post)
        and c1.button(tr("calendar.cancel"), key=f"cancel_{post.id}")
        and _run(cancel_post, post.id, by="app")
    ):
        _done(tr("calendar.cancelled", post_id=post.id))
    if not _may(Action.DELETE_POST, post):
        return
    sure = c2.checkbox(tr("calendar.delete_confirm"), key=f"delete_confirm_{post.id}")
    if c2.button(tr("calendar.delete"), key=f"delete_{post.id}", disabled=not sure) and _run(
        delete_post, post.id
    ):
        st.session_state.pop("open_post", None)
        _done(tr("calendar.done"))
