"""Review queue: posts waiting for the signed-in reviewer, each with its preview, checklist and
thread; approve, request changes (with a comment) or reject (with a reason); whole campaigns."""

from __future__ import annotations

import streamlit as st

from planner.db import read_scope
from planner.people.roles import Action
from planner.review import decisions
from planner.review.drafts import DraftRow
from planner.ui.runtime import tr
from planner.ui.session import allowed, require_actor
from planner.ui.widgets import review as parts


def _done(message: str) -> None:
    st.session_state["review_flash"] = message
    st.rerun()


def _decide(row: DraftRow) -> None:
    post_id = row.post.id
    view = parts.load(post_id)
    if view is None:
        return
    parts.preview(view)
    parts.checklist_result(view)
    note = st.text_input(tr("review.note"), key=f"note_{post_id}")
    if st.button(tr("review.approve"), key=f"approve_{post_id}", type="primary") and parts.run(
        decisions.approve, post_id=post_id, note=note
    ):
        _done(tr("review.approved_msg", post_id=post_id))
    changes_col, reject_col = st.columns(2)
    with changes_col:
        comment = st.text_area(tr("review.changes_comment"), key=f"changes_text_{post_id}")
        if st.button(tr("review.request_changes"), key=f"changes_{post_id}") and parts.run(
            decisions.request_changes, post_id=post_id, comment=comment
        ):
            _done(tr("review.changes_msg", post_id=post_id))
    with reject_col:
        reason = st.text_area(tr("review.reject_reason"), key=f"reject_text_{post_id}")
        if st.button(tr("review.reject"), key=f"reject_{post_id}") and parts.run(
            decisions.reject, post_id=post_id, reason=reason
        ):
            _done(tr("review.rejected_msg", post_id=post_id))
    parts.thread(view, key=f"review_{post_id}")
    with st.expander(tr("review.history")):
        parts.history(view)


def _campaigns() -> None:
    actor = require_actor()
    with read_scope() as session:
        waiting = decisions.campaigns_in_review(session, actor=actor)
    if not waiting:
        return
    st.subheader(tr("review.campaigns"))
    for campaign, count in waiting:
        st.markdown(
            tr("review.campaign_item", campaign_id=campaign.id, name=campaign.name, count=count)
        )
        if st.button(
            tr("review.approve_campaign"), key=f"approve_campaign_{campaign.id}"
        ) and parts.run(decisions.approve_campaign, campaign_id=campaign.id):
            _done(tr("review.campaign_approved", campaign_id=campaign.id))


def page() -> None:
    st.header(tr("review.header"))
    if not allowed(Action.APPROVE_POST):
        st.info(tr("review.not_allowed"))
        return
    st.caption(tr("review.intro"))
    if message := st.session_state.pop("review_flash", None):
        st.success(message)
    actor = require_actor()
    with read_scope() as session:
        queue = decisions.review_queue(session, actor=actor)
    _campaigns()
    if not queue:
        st.info(tr("review.empty"))
        return
    for row in queue:
        with st.container(border=True):
            st.subheader(
                tr(
                    "review.item",
                    post_id=row.post.id,
                    title=row.post.title or "—",
                    author=row.author,
                )
            )
            _decide(row)


page()
