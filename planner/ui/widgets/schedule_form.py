"""The compose page's scheduling form: accounts, date and time, add to queue, publish now."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.drafting import Draft
from planner.i18n import format_datetime, zone_abbr
from planner.limits import PLATFORMS
from planner.models import Account
from planner.people.roles import PermissionDenied
from planner.scheduling import (
    PastTimeError,
    PostCreate,
    SchedulingError,
    local_to_utc,
    schedule_post,
    targets_of,
)
from planner.slots import SlotError, add_to_queue
from planner.ui.access import announce
from planner.ui.runtime import error_text, hint, locale, tr
from planner.ui.session import current_actor
from planner.ui.widgets import draft_actions
from planner.ui.widgets.review import REFUSALS


def _post_data(draft: Draft, account_ids: list[int], due: datetime | None) -> PostCreate:
    return PostCreate(
        title=draft.title,
        texts={p: st.session_state[f"text_{p}"] for p in PLATFORMS},
        account_ids=account_ids,
        due_at=due,
        media_asset_id=draft.media_asset_id,
        alt_text=st.session_state["alt_text"],
        link=draft.link,
        template_id=draft.template_id,
        event_id=draft.event_id,
        item_id=draft.item_id,
        x_thread=st.session_state.get("x_thread", False),
    )


def _scheduled(post_id: int, when: datetime) -> None:
    """Say where the post went and clear the composer, so a second click cannot post it twice."""
    st.session_state["scheduled_message"] = tr(
        "compose.scheduled",
        post_id=post_id,
        when=format_datetime(when, get_settings().tz, locale()),
    )
    st.session_state.pop("confirm_past", None)
    st.session_state.pop("draft", None)
    announce(st.session_state["scheduled_message"])
    st.rerun()


def _schedule(draft: Draft, account_ids: list[int], due: datetime, publish_now: bool) -> None:
    if draft_actions.editing() is not None:
        data = _post_data(draft, account_ids, due)
        _scheduled(draft_actions.schedule_existing(data, due, publish_now), due)
        return
    with session_scope() as session:
        post = schedule_post(
            session,
            actor=current_actor(),
            data=_post_data(draft, account_ids, due),
            publish_now=publish_now,
        )
        post_id, when = post.id, max(due, post.created_at)
    _scheduled(post_id, when)


def _queue(draft: Draft, account_ids: list[int]) -> None:
    """Each account's next free posting slot (set on the planning page)."""
    with session_scope() as session:
        post = add_to_queue(session, _post_data(draft, account_ids, None), actor=current_actor())
        post_id, when = post.id, min(t.due_at for t in targets_of(session, post.id))
    _scheduled(post_id, when)


def _keep(step, draft: Draft, account_ids: list[int], due: datetime) -> None:
    """Save as draft or submit for review (draft_actions), once accounts are chosen."""
    if not account_ids:
        st.error(tr("compose.no_accounts"))
    else:
        step(_post_data(draft, account_ids, due))


def account_picker(accounts: list[Account], key: str) -> list[int]:
    """The accounts to post to (Sandbox ones marked), all chosen by default."""
    names = {
        a.id: f"{'🧪 ' + tr('common.sandbox') + ' · ' if a.is_sandbox else ''}"
        f"{tr(f'platform.{a.platform}')} — {a.handle or a.name}"
        for a in accounts
    }
    return st.multiselect(
        tr("compose.accounts"),
        list(names),
        default=list(names),
        format_func=names.get,
        placeholder=hint(names),
        key=key,
    )


def schedule_form(draft: Draft, accounts: list[Account]) -> None:
    """Accounts, date and time in the library's zone; schedule, add to queue or publish now."""
    settings = get_settings()
    account_ids = account_picker(accounts, "accounts_single")
    local_now = datetime.now(settings.tz)
    default = (local_now + timedelta(minutes=2)).replace(second=0, microsecond=0)
    day_col, time_col = st.columns(2)
    day = day_col.date_input(
        tr("compose.date"), value=default.date(), key="due_date", format="DD/MM/YYYY"
    )
    at = time_col.time_input(
        tr("compose.time", zone=zone_abbr(settings.tz, local_now)),
        value=default.time(),
        key="due_time",
        step=60,
    )
    due = local_to_utc(day, at, settings.tz)
    if draft_actions.review_applies():
        st.info(tr("compose.review_applies"))
        save_col, submit_col = st.columns(2)
        if save_col.button(tr("compose.save_draft"), key="save_draft_btn"):
            _keep(draft_actions.save_draft, draft, account_ids, due)
        if submit_col.button(tr("compose.submit_review"), type="primary", key="submit_btn"):
            _keep(draft_actions.submit, draft, account_ids, due)
        return
    schedule_col, queue_col, draft_col = st.columns(3)
    if draft_col.button(tr("compose.save_draft"), key="save_draft_btn"):
        _keep(draft_actions.save_draft, draft, account_ids, due)
    editing = draft_actions.editing() is not None
    if not editing and queue_col.button(
        tr("compose.add_to_queue"), key="queue_btn", help=tr("compose.queue_help")
    ):
        if not account_ids:
            st.error(tr("compose.no_accounts"))
        else:
            try:
                _queue(draft, account_ids)
            except (SchedulingError, SlotError, PermissionDenied) as exc:
                st.error(error_text(exc))
    if schedule_col.button(tr("compose.schedule"), type="primary", key="schedule_btn"):
        if not account_ids:
            st.error(tr("compose.no_accounts"))
        else:
            try:
                _schedule(draft, account_ids, local_to_utc(day, at, settings.tz), publish_now=False)
            except PastTimeError:
                st.session_state["confirm_past"] = True
            except (SchedulingError, *REFUSALS) as exc:
                st.error(error_text(exc))
    if st.session_state.get("confirm_past"):
        st.warning(tr("compose.past_time"))
        if st.button(tr("compose.publish_now"), key="publish_now_btn"):
            try:
                _schedule(draft, account_ids, local_to_utc(day, at, settings.tz), publish_now=True)
            except (SchedulingError, PermissionDenied) as exc:
                st.error(error_text(exc))
