"""Drafts: the signed-in person's saved drafts (everyone's for those who see every post), their
review state and thread; open one in Compose to edit it, or submit it for review."""

from __future__ import annotations

import streamlit as st

from planner.db import read_scope
from planner.lifecycle import S
from planner.people.approval import ReviewState
from planner.people.roles import Action
from planner.review import decisions, drafts
from planner.review.drafts import DraftRow
from planner.ui.runtime import tr
from planner.ui.session import allowed, require_actor
from planner.ui.widgets import review as parts
from planner.ui.widgets.draft_actions import open_in_compose


def _row(row: DraftRow) -> None:
    post = row.post
    platforms = ", ".join(tr(f"platform.{p}") for p in row.platforms) or "—"
    label = tr(
        "drafts.row",
        post_id=post.id,
        title=post.title or "—",
        platforms=platforms,
        state=parts.state_label(post.review_state),
    )
    with st.expander(label):
        st.caption(tr("drafts.by", author=row.author, when=parts.when(row.due_at)))
        view = parts.load(post.id)
        if view is None:
            return
        parts.preview(view)
        open_col, submit_col = st.columns(2)
        editable = post.status in (S.DRAFT, S.IN_REVIEW, S.APPROVED)
        if (
            editable
            and open_col.button(tr("drafts.open"), key=f"open_{post.id}")
            and open_in_compose(post.id)
        ):
            st.switch_page("planner/ui/compose.py")
        can_submit = post.status == S.DRAFT and post.review_state in (
            ReviewState.NONE,
            ReviewState.CHANGES,
        )
        if (
            can_submit
            and submit_col.button(tr("drafts.submit"), key=f"submit_{post.id}")
            and parts.run(decisions.submit, post_id=post.id)
        ):
            st.session_state["drafts_flash"] = tr("drafts.submitted", post_id=post.id)
            st.rerun()
        parts.thread(view, key=f"draft_{post.id}")
        parts.history(view)


def page() -> None:
    st.header(tr("drafts.header"))
    if message := st.session_state.pop("drafts_flash", None):
        st.success(message)
    actor = require_actor()
    everyone = False
    if allowed(Action.VIEW_ALL_POSTS):
        choice = st.radio(
            tr("a11y.whose_drafts"),
            ["mine", "everyone"],
            format_func=lambda v: tr(f"drafts.{v}"),
            horizontal=True,
            label_visibility="collapsed",
            key="drafts_whose",
        )
        everyone = choice == "everyone"
    with read_scope() as session:
        rows = drafts.list_drafts(session, actor=actor, everyone=everyone)
    if not rows:
        st.info(tr("drafts.empty"))
    for row in rows:
        _row(row)


page()
