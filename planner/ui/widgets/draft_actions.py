"""The compose page's draft actions: save as draft, submit for review, reopen a saved draft.

A draft reopened from the drafts page is edited in the compose page itself; its post id and
version ride in `st.session_state["editing_post"]` until it is saved, submitted or scheduled.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from planner.campaigns import CampaignPlan
from planner.config import get_settings
from planner.db import read_scope, session_scope
from planner.drafting import Draft
from planner.limits import PLATFORMS
from planner.people.policy import load_policy
from planner.review import decisions, drafts
from planner.scheduling import PostCreate, PostUpdate, edit_post
from planner.ui.access import announce
from planner.ui.runtime import error_text, locale, tr
from planner.ui.session import require_actor
from planner.ui.widgets.review import REFUSALS, run, state_label

EDITING = "editing_post"


def editing() -> dict | None:
    """The saved draft being edited in compose ({'id', 'version', 'state'}), if any."""
    return st.session_state.get(EDITING)


def stop_editing() -> None:
    """Forget the draft being edited (compose then makes new posts again)."""
    st.session_state.pop(EDITING, None)


def review_applies() -> bool:
    """Whether the signed-in person's posts go to review before they can be scheduled."""
    actor = require_actor()
    with read_scope() as session:
        return load_policy(session).needs_review(actor.role)


def open_in_compose(post_id: int) -> bool:
    """Load a saved draft into the compose page's state (False, with the reason, if refused)."""
    actor = require_actor()
    try:
        with read_scope() as session:
            content = drafts.draft_content(session, actor=actor, post_id=post_id)
    except REFUSALS as exc:
        st.error(error_text(exc))
        return False
    st.session_state["draft"] = Draft(
        template_id=content.template_id or "",
        title=content.title,
        texts={p: content.texts.get(p, "") for p in PLATFORMS},
        alt_text=content.alt_text,
        link=content.link,
        media_asset_id=content.media_asset_id,
        event_id=content.event_id,
        item_id=content.item_id,
    )
    for platform in PLATFORMS:
        st.session_state[f"text_{platform}"] = content.texts.get(platform, "")
    st.session_state["alt_text"] = content.alt_text
    st.session_state["x_thread"] = content.x_thread
    st.session_state["accounts_single"] = content.account_ids
    if content.due_at is not None and content.due_at > datetime.now(content.due_at.tzinfo):
        local = content.due_at.astimezone(get_settings().tz)
        st.session_state["due_date"] = local.date()
        st.session_state["due_time"] = local.time().replace(second=0, microsecond=0)
    st.session_state[EDITING] = {
        "id": post_id,
        "version": content.version,
        "state": content.review_state,
    }
    st.session_state.pop("scheduled_message", None)
    return True


def editing_banner() -> None:
    """Which saved draft the composer holds, and a way back to a new post."""
    current = editing()
    if current is None:
        return
    state = state_label(current["state"])
    st.info(tr("compose.editing", post_id=current["id"], state=state))
    if st.button(tr("compose.stop_editing"), key="stop_editing_btn"):
        stop_editing()
        st.session_state.pop("draft", None)
        st.rerun()


def _changes(data: PostCreate) -> drafts.DraftUpdate:
    return drafts.DraftUpdate(
        title=data.title,
        texts=data.texts,
        alt_text=data.alt_text,
        link=data.link,
        media_asset_id=data.media_asset_id,
        account_ids=data.account_ids,
        due_at=data.due_at,
        x_thread=data.x_thread,
    )


def _save(session, actor, data: PostCreate) -> int:
    """Save the composer as a new draft, or into the draft being edited; returns its id."""
    current = editing()
    if current is None:
        return drafts.save_draft(session, actor=actor, data=data).id
    drafts.update_draft(
        session,
        actor=actor,
        post_id=current["id"],
        changes=_changes(data),
        expected_version=current["version"],
    )
    return current["id"]


def _finish(message: str) -> None:
    st.session_state["scheduled_message"] = message
    announce(message)
    st.session_state.pop("draft", None)
    st.session_state.pop("confirm_past", None)
    stop_editing()
    st.rerun()


def save_draft(data: PostCreate) -> None:
    """'Save as draft': kept with its time, nothing queued."""
    saved: list[int] = []

    def action(session, *, actor) -> None:
        saved.append(_save(session, actor, data))

    if run(action):
        _finish(tr("compose.draft_saved", post_id=saved[0]))


def submit(data: PostCreate) -> None:
    """'Submit for review': saved and sent to the reviewers in one step."""
    saved: list[int] = []

    def action(session, *, actor) -> None:
        post_id = _save(session, actor, data)
        decisions.submit(session, actor=actor, post_id=post_id)
        saved.append(post_id)

    if run(action):
        _finish(tr("drafts.submitted", post_id=saved[0]))


def schedule_existing(data: PostCreate, due: datetime, publish_now: bool) -> int:
    """Schedule the draft being edited (its content saved first); raises what scheduling does."""
    actor = require_actor()
    current = editing()
    assert current is not None
    with session_scope() as session:
        post_id = _save(session, actor, data)
        edit_post(session, post_id, PostUpdate(due_at=due), actor=actor, publish_now=publish_now)
    stop_editing()
    return post_id


def submit_campaign(plan: CampaignPlan, account_ids: list[int]) -> None:
    """'Submit campaign for review': every step kept as a draft at its time, then submitted."""
    if not st.button(tr("review.submit_campaign"), type="primary", key="submit_campaign_btn"):
        return
    if not account_ids:
        st.error(tr("compose.no_accounts"))
        return
    made: list[tuple[int, int]] = []

    def action(session, *, actor) -> None:
        posts = drafts.campaign_posts(plan, account_ids, locale())
        campaign, _ = drafts.save_campaign(
            session, actor=actor, name=plan.event_title, event_id=plan.event_id, posts=posts
        )
        submitted = decisions.submit_campaign(session, actor=actor, campaign_id=campaign.id)
        made.append((campaign.id, len(submitted)))

    if run(action):
        campaign_id, count = made[0]
        st.session_state["campaign_message"] = tr(
            "review.campaign_submitted", campaign_id=campaign_id, count=count
        )
        st.session_state.pop("campaign_plan", None)
        st.rerun()
