"""Compose: from an event or collection item and a template to a scheduled post."""

from __future__ import annotations

from datetime import datetime, timedelta

import streamlit as st
from sqlmodel import select

from planner.config import get_settings
from planner.db import session_scope
from planner.drafting import DraftError, make_draft
from planner.i18n import format_datetime, zone_abbr
from planner.media import asset_path
from planner.models import Account, AccountStatus, MediaAsset
from planner.scheduling import (
    PastTimeError,
    PostCreate,
    SchedulingError,
    local_to_utc,
    schedule_post,
)
from planner.sources import list_events, list_items
from planner.templates import PLATFORMS, available_templates
from planner.ui.runtime import locale, tr
from planner.validation import validate

PLATFORM_ICONS = {"x": "𝕏", "facebook": "📘", "instagram": "📸"}


def _draft_to_state(draft) -> None:
    st.session_state["draft"] = draft
    for platform, text in draft.texts.items():
        st.session_state[f"text_{platform}"] = text
    st.session_state["alt_text"] = draft.alt_text


def _source_picker(settings) -> tuple[str, int | None]:
    kind = st.radio(
        tr("compose.source"),
        ["event", "collection"],
        horizontal=True,
        format_func=lambda k: tr("compose.source_event" if k == "event" else "compose.source_item"),
    )
    with session_scope() as session:
        if kind == "event":
            events = list_events(session)
            options = {
                e.id: f"{e.title} — {format_datetime(e.starts_at, settings.tz, locale())}"
                for e in events
            }
            label = tr("compose.event")
        else:
            options = {i.id: f"{i.title} — {i.author}" for i in list_items(session)}
            label = tr("compose.item")
    chosen = st.selectbox(label, list(options), format_func=options.get) if options else None
    return kind, chosen


def _validation_caption(platform: str, text: str, has_image: bool, alt: str) -> None:
    result = validate(
        platform, text, image_count=1 if has_image else 0, alt_texts=[alt] if has_image else []
    )
    counter = f"{result.length}/{result.limit}"
    if result.ok:
        st.caption(f"✅ {counter}")
    else:
        st.caption(f"⛔ {counter}")
        for problem in result.errors:
            st.error(problem.text(locale()))
    for problem in result.warnings:
        st.warning(problem.text(locale()))


def _schedule(draft, account_ids: list[int], due: datetime, publish_now: bool) -> None:
    data = PostCreate(
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
    )
    with session_scope() as session:
        post = schedule_post(session, data=data, publish_now=publish_now)
        post_id, when = post.id, max(due, post.created_at)
    st.session_state["scheduled_message"] = tr(
        "compose.scheduled",
        post_id=post_id,
        when=format_datetime(when, get_settings().tz, locale()),
    )
    st.session_state.pop("confirm_past", None)


def page() -> None:
    settings = get_settings()
    st.header(tr("compose.header"))
    kind, source_id = _source_picker(settings)
    templates, _problems = available_templates(settings.templates_dir)
    fitting = {tid: tpl for tid, tpl in templates.items() if tpl.kind == kind}
    template_id = st.selectbox(
        tr("compose.template"), list(fitting), format_func=lambda tid: fitting[tid].title(locale())
    )
    if st.button(
        tr("compose.make_draft"), type="primary", disabled=not (source_id and template_id)
    ):
        try:
            with session_scope() as session:
                draft = make_draft(
                    session,
                    template_id,
                    locale=locale(),
                    event_id=source_id if kind == "event" else None,
                    item_id=source_id if kind == "collection" else None,
                )
            _draft_to_state(draft)
            st.session_state.pop("scheduled_message", None)
        except (DraftError, ValueError) as exc:
            st.error(str(exc))
    draft = st.session_state.get("draft")
    if draft is None:
        st.info(tr("compose.pick_first"))
        return
    text_col, image_col = st.columns([3, 2])
    with image_col:
        st.subheader(tr("compose.image"))
        with session_scope() as session:
            asset = session.get(MediaAsset, draft.media_asset_id) if draft.media_asset_id else None
        if asset is not None:
            st.image(str(asset_path(asset)), width="stretch")
        st.text_area(tr("compose.alt_text"), key="alt_text", height=100)
    with text_col:
        tabs = st.tabs([f"{PLATFORM_ICONS[p]} {tr(f'platform.{p}')}" for p in PLATFORMS])
        for tab, platform in zip(tabs, PLATFORMS, strict=True):
            with tab:
                st.text_area(
                    tr("compose.text_for", platform=tr(f"platform.{platform}")),
                    key=f"text_{platform}",
                    height=260,
                )
                _validation_caption(
                    platform,
                    st.session_state[f"text_{platform}"],
                    asset is not None,
                    st.session_state["alt_text"],
                )
    _schedule_form(draft, settings)


def _schedule_form(draft, settings) -> None:
    with session_scope() as session:
        accounts = session.exec(select(Account).where(Account.status == AccountStatus.ACTIVE)).all()
    names = {
        a.id: f"{'🧪 ' + tr('common.sandbox') + ' · ' if a.is_sandbox else ''}"
        f"{tr(f'platform.{a.platform}')} — {a.handle or a.name}"
        for a in accounts
    }
    account_ids = st.multiselect(
        tr("compose.accounts"), list(names), default=list(names), format_func=names.get
    )
    local_now = datetime.now(settings.tz)
    default = (local_now + timedelta(minutes=2)).replace(second=0, microsecond=0)
    day_col, time_col = st.columns(2)
    day = day_col.date_input(tr("compose.date"), value=default.date(), key="due_date")
    at = time_col.time_input(
        tr("compose.time", zone=zone_abbr(settings.tz, local_now)),
        value=default.time(),
        key="due_time",
        step=60,
    )
    if st.button(tr("compose.schedule"), type="primary", key="schedule_btn"):
        if not account_ids:
            st.error(tr("compose.no_accounts"))
        else:
            try:
                _schedule(draft, account_ids, local_to_utc(day, at, settings.tz), publish_now=False)
            except PastTimeError:
                st.session_state["confirm_past"] = True
            except SchedulingError as exc:
                st.error(str(exc))
    if st.session_state.get("confirm_past"):
        st.warning(tr("compose.past_time"))
        if st.button(tr("compose.publish_now"), key="publish_now_btn"):
            try:
                _schedule(draft, account_ids, local_to_utc(day, at, settings.tz), publish_now=True)
            except SchedulingError as exc:
                st.error(str(exc))
    if message := st.session_state.get("scheduled_message"):
        st.success(message)


page()
