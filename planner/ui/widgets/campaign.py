"""The compose page's campaign section: plan every step of an event's campaign, edit, schedule."""

from __future__ import annotations

from typing import Any

import streamlit as st

from planner.campaigns import (
    CampaignError,
    CampaignPlan,
    campaigns_for_event,
    plan_campaign,
    schedule_campaign,
)
from planner.config import get_settings
from planner.db import session_scope
from planner.drafting import DraftError, check_draft
from planner.i18n import format_datetime
from planner.limits import PLATFORMS
from planner.models import Account
from planner.people.roles import PermissionDenied
from planner.scheduling import (
    SchedulingError,
)
from planner.templates.model import ContentTemplate
from planner.ui.runtime import counter, error_text, locale, tr
from planner.ui.session import current_actor
from planner.ui.widgets import draft_actions
from planner.ui.widgets.schedule_form import account_picker


def campaign_section(
    tpl: ContentTemplate, event_id: int, accounts: list[Account], values: dict[str, Any]
) -> None:
    """Plan every step of the event's campaign, let each text be edited, schedule them all."""
    settings = get_settings()
    st.subheader(tr("compose.campaign"))
    sep = "." if locale() == "id" else ":"  # Indonesian writes 09.00
    steps = ", ".join(
        f"{s.title(locale())} H{s.offset_days:+d} {s.time.replace(':', sep)}" for s in tpl.campaign
    )
    st.caption(tr("compose.campaign_steps", steps=steps))
    with session_scope() as session:
        existing = campaigns_for_event(session, event_id)
    if existing:
        st.info(tr("compose.campaign_exists", count=len(existing)))
    if st.button(tr("compose.plan_campaign"), key="plan_campaign_btn"):
        try:
            with session_scope() as session:
                plan = plan_campaign(
                    session,
                    tpl.id,
                    event_id,
                    actor=current_actor(),
                    locale=locale(),
                    hashtags=st.session_state.get(f"hashtags_{tpl.id}", "").split(),
                    link=st.session_state.get("link_override", "").strip() or None,
                    values=values,
                )
            st.session_state["campaign_plan"] = plan
            st.session_state.pop("campaign_message", None)
            for index, planned in enumerate(plan.steps):
                for platform, text in (planned.draft.texts if planned.draft else {}).items():
                    st.session_state[f"camp_{index}_{platform}"] = text
        except (CampaignError, DraftError, PermissionDenied) as exc:
            st.error(error_text(exc))
    plan: CampaignPlan | None = st.session_state.get("campaign_plan")
    if plan is None or plan.event_id != event_id:
        return
    for index, planned in enumerate(plan.steps):
        when = format_datetime(planned.due_at, settings.tz, locale())
        title = f"{planned.step.title(locale())} · {when}"
        if planned.draft is None:
            st.caption(f"⏭️ {title} — {tr('compose.step_past')}")
            continue
        with st.expander(f"🗓️ {title}", expanded=False):
            for platform in PLATFORMS:
                key = f"camp_{index}_{platform}"
                st.text_area(tr(f"platform.{platform}"), key=key, height=150)
                planned.draft.texts[platform] = st.session_state[key]
                result = check_draft(planned.draft, platforms=(platform,))[platform]
                st.caption(f"{'✅' if result.ok else '⛔'} {counter(result.length, result.limit)}")
                for problem in result.errors:
                    st.error(problem.text(locale()))
    account_ids = account_picker(accounts, "accounts_campaign")
    if draft_actions.review_applies():
        draft_actions.submit_campaign(plan, account_ids)
        return
    if st.button(tr("compose.schedule_campaign"), type="primary", key="schedule_campaign_btn"):
        try:
            with session_scope() as session:
                campaign, posts = schedule_campaign(
                    session, plan, actor=current_actor(), account_ids=account_ids, locale=locale()
                )
                st.session_state["campaign_message"] = tr(
                    "compose.campaign_scheduled", campaign_id=campaign.id, count=len(posts)
                )
            st.session_state.pop("campaign_plan", None)
            st.rerun()
        except (CampaignError, SchedulingError, PermissionDenied) as exc:
            st.error(error_text(exc))
