"""Review parts several pages share: run a review action, show a post, its thread and history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from planner.config import get_settings
from planner.db import read_scope, session_scope
from planner.i18n import STRINGS, format_datetime
from planner.media import asset_path
from planner.people.roles import PermissionDenied, action_name
from planner.previews import build_preview, preview_html
from planner.review import comments, decisions
from planner.review.errors import ReviewError
from planner.review.views import PostReview, post_review
from planner.scheduling import SchedulingError
from planner.ui.runtime import error_text, locale, plain, tr
from planner.ui.session import require_actor

REFUSALS = (ReviewError, SchedulingError, PermissionDenied)


def run(action: Callable[..., Any], **kwargs: Any) -> bool:
    """Run a review service as the signed-in person in its own transaction; say why if refused
    (the service has already written a permission refusal to the audit log)."""
    actor = require_actor()
    try:
        with session_scope() as session:
            action(session, actor=actor, **kwargs)
    except REFUSALS as exc:
        st.error(error_text(exc))
        return False
    return True


def when(moment) -> str:
    """A moment in the library's zone and the page language ('—' for none)."""
    return format_datetime(moment, get_settings().tz, locale()) if moment else "—"


def state_label(state: str) -> str:
    """A post's review state in the page language."""
    return tr(f"review.state.{state}")


def load(post_id: int) -> PostReview | None:
    """The post with its checklist, thread and history."""
    with read_scope() as session:
        return post_review(session, post_id, viewer=require_actor())


def preview(view: PostReview) -> None:
    """The image with its alt text, and each platform's text as it would appear."""
    image_col, text_col = st.columns([2, 3])
    with image_col:
        if view.asset is not None:
            st.image(
                str(asset_path(view.asset)),
                width="stretch",
                alt=view.post.alt_text or tr("a11y.asset", id=view.asset.id),
            )
            st.caption(tr("review.alt_label", alt=view.post.alt_text or "—"))
    with text_col:
        shown: set[str] = set()
        for target, account in view.targets:
            if target.platform in shown:
                continue
            shown.add(target.platform)
            size = (view.asset.width, view.asset.height) if view.asset else None
            built = build_preview(target.platform, target.text, image_size=size, locale=locale())
            st.html(
                preview_html(
                    built,
                    account=account.name,
                    handle=account.handle if target.platform == "x" else "",
                    image=None,
                    alt_text=view.post.alt_text,
                )
            )
        dues = [t.due_at for t, _ in view.targets if t.due_at]
        if dues:
            st.caption(tr("review.planned_for", when=when(min(dues))))
        else:
            st.caption(tr("review.no_time"))


def checklist_result(view: PostReview) -> None:
    """The pre-approval checklist: each unmet item, or that everything is in order."""
    st.markdown(f"**{tr('review.checklist')}**")
    if not view.problems:
        st.success(tr("review.check.ok"))
    for problem in view.problems:
        st.warning(problem.text(locale()))


def _action_label(action: str) -> str:
    key = f"review.action.{action}"
    return tr(key) if key in STRINGS else action_name(action, locale())


def thread(view: PostReview, *, key: str) -> None:
    """The comment thread, oldest first, and a box to add one."""
    st.markdown(f"**{tr('review.thread')}**")
    if not view.thread:
        st.caption(tr("review.no_comments"))
    for comment in view.thread:
        kind = tr(f"review.kind.{comment.kind}")
        st.markdown(f"**{plain(comment.author_name)}** · {kind} · {when(comment.created_at)}")
        if comment.body:
            st.text(comment.body)
    with st.form(f"comment_{key}", clear_on_submit=True):
        body = st.text_area(tr("review.comment"), key=f"comment_body_{key}", height=80)
        if st.form_submit_button(tr("review.send_comment")) and run(
            comments.add_comment, post_id=view.post.id, body=body
        ):
            st.rerun()


def history(view: PostReview) -> None:
    """The post's audit trail, newest first."""
    st.markdown(f"**{tr('review.history')}**")
    if not view.history:
        st.caption(tr("review.no_history"))
        return
    rows = [
        {
            tr("review.col_when"): when(entry.at),
            tr("review.col_who"): entry.actor_name or "—",
            tr("review.col_action"): _action_label(entry.action),
            tr("review.col_outcome"): tr(f"review.outcome.{entry.outcome}"),
            tr("review.col_detail"): ", ".join(f"{k}={v}" for k, v in entry.detail.items()),
        }
        for entry in view.history
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def post_review_panel(post_id: int, *, key: str) -> None:
    """Review state, comment thread and history of one post (the calendar's post panel)."""
    view = load(post_id)
    if view is None:
        return
    if view.post.review_state:
        st.caption(tr("review.status", state=state_label(view.post.review_state)))
    thread(view, key=key)
    history(view)


def review_title() -> str:
    """'Tinjauan (3)': the review queue's menu title with the posts waiting for the signed-in
    person (its plain name when none wait)."""
    actor = require_actor()
    with read_scope() as session:
        waiting = decisions.queue_count(session, actor=actor)
    return tr("nav.review_count", count=waiting) if waiting else tr("nav.review")
