"""Compose: a template and an event, books or typed-in values → drafts → scheduled posts.

The page only collects choices and shows results; drafting, validation, previews and
campaigns are services in planner/.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path
from typing import Any

import streamlit as st
from twitter_text.config import config as twitter_config
from twitter_text.regexp.valid_cctld import valid_cctld
from twitter_text.regexp.valid_gtld import valid_gtld

from planner.accounts import active_accounts
from planner.calendar import PLATFORM_ICONS
from planner.config import get_settings
from planner.db import session_scope
from planner.drafting import (
    SOURCE_KINDS,
    Draft,
    DraftError,
    check_draft,
    draft_image,
    event_facts,
    fields_to_ask,
    make_draft,
    missing_fields,
    templates_for,
)
from planner.i18n import format_datetime
from planner.limits import PLATFORMS, limits_for
from planner.media import asset_path
from planner.models import Account, MediaAsset
from planner.people.guard import may_target
from planner.people.roles import Action, PermissionDenied, limited_to_sandbox
from planner.previews import build_preview, preview_html
from planner.sources import list_events, list_items
from planner.templates.model import ContentTemplate, FieldSpec
from planner.templates.store import catalog
from planner.ui.access import move_focus
from planner.ui.runtime import (
    counter,
    error_text,
    hint,
    locale,
    plain,
    post_language,
    post_language_picker,
    tr,
)
from planner.ui.session import allowed, current_actor
from planner.ui.widgets import draft_actions
from planner.ui.widgets.campaign import campaign_section
from planner.ui.widgets.schedule_form import schedule_form
from planner.ui.widgets.training import answer_from_compose, answering
from planner.utm import tag, tag_text, tagged_links

TWITTER_CONFIG = twitter_config["defaults"]
# The top-level domains twitter-text knows: only an address ending in one weighs 23.
TLDS = f"{valid_gtld.pattern}|{valid_cctld.pattern}"
SOURCE_LABELS = {
    "event": "compose.source_event",
    "collection": "compose.source_item",
    "service": "compose.source_service",
}


# A counter that follows each keystroke in the browser (Streamlit commits a text area only
# on blur or Ctrl+Enter). For X it applies twitter-text's own weighting config; the exact,
# blocking check still runs on the server when the text is committed.
LIVE_COUNTER_JS = (Path(__file__).parent / "live_counter.js").read_text(encoding="utf-8")
_live_counter = st.components.v2.component("planner_live_counter", js=LIVE_COUNTER_JS)


def _draft_to_state(draft: Draft) -> None:
    st.session_state["draft"] = draft
    for platform, text in draft.texts.items():
        st.session_state[f"text_{platform}"] = text
    st.session_state["alt_text"] = draft.alt_text
    st.session_state.pop("campaign_plan", None)
    st.session_state.pop("scheduled_message", None)
    draft_actions.stop_editing()


def _pick_template(kind: str) -> ContentTemplate | None:
    with session_scope() as session:
        fitting = templates_for(catalog(session), kind, locale())
    if not fitting:
        st.info(tr("compose.no_templates"))
        return None
    template_id = st.selectbox(
        tr("compose.template"),
        list(fitting),
        format_func=lambda tid: (
            fitting[tid].title(locale()) + (" ✏️" if fitting[tid].origin == "app" else "")
        ),
        key=f"template_{kind}",
    )
    tpl = fitting[template_id]
    if tpl.describe(locale()):
        st.caption(plain(tpl.describe(locale())))
    return tpl


def _pick_source(kind: str, tpl: ContentTemplate) -> tuple[int | None, list[int]]:
    settings = get_settings()
    with session_scope() as session:
        if kind == "event":
            events = list_events(session)
            options = {
                e.id: f"{e.title} — {format_datetime(e.starts_at, settings.tz, locale())}"
                for e in events
            }
            if not options:
                st.info(tr("compose.no_events"))
                return None, []
            upcoming = [e.id for e in events if e.starts_at >= datetime.now(settings.tz)]
            first = list(options).index(upcoming[0]) if upcoming else 0
            chosen = st.selectbox(
                tr("compose.event"), list(options), index=first, format_func=options.get
            )
            return chosen, []
    if kind != "collection":
        return None, []
    search = st.text_input(tr("sources.search"), key="compose_item_search")
    with session_scope() as session:
        items = {
            i.id: f"{i.title} — {i.author}" for i in list_items(session, search=search, limit=500)
        }
    if not items:
        st.info(tr("common.none") if search.strip() else tr("compose.no_items"))
        return None, []
    if any(f.type == "items" for f in tpl.fields):
        chosen_items = st.multiselect(
            tr("compose.items"),
            list(items),
            default=list(items)[:3],
            format_func=items.get,
            placeholder=hint(items),
        )
        return None, list(chosen_items)
    chosen = st.selectbox(tr("compose.item"), list(items), format_func=items.get)
    return None, [chosen] if chosen is not None else []


def _field_input(spec: FieldSpec, key: str) -> Any:
    label = plain(spec.title(locale())) + ("" if spec.required else f" ({tr('compose.optional')})")
    tz = get_settings().tz
    if spec.type == "longtext":
        return st.text_area(label, key=key, height=90)
    if spec.type == "list":
        text = st.text_area(label, key=key, height=90, help=tr("compose.one_per_line"))
        return [line.strip() for line in text.splitlines() if line.strip()]
    if spec.type == "number":
        value = st.number_input(label, key=key, min_value=0, step=1, value=None)
        return int(value) if value is not None else None
    if spec.type == "date":
        value = st.date_input(label, key=key, value=None, format="DD/MM/YYYY")
        return value.isoformat() if value else None
    if spec.type == "datetime":
        day_col, time_col = st.columns(2)
        day = day_col.date_input(label, key=f"{key}_day", value=None, format="DD/MM/YYYY")
        at = time_col.time_input(
            tr("compose.time_of", field=label), key=f"{key}_time", value=time(9)
        )
        return datetime.combine(day, at, tzinfo=tz).isoformat() if day else None
    return st.text_input(label, key=key)


def _extra_values(kind: str, tpl: ContentTemplate) -> dict[str, Any]:
    """Inputs for the template fields the chosen source does not fill."""
    asked = fields_to_ask(tpl, kind)
    if not asked:
        return {}
    values: dict[str, Any] = {}
    with st.expander(tr("compose.fields"), expanded=kind == "service"):
        for spec in asked:
            values[spec.name] = _field_input(spec, f"field_{tpl.id}_{spec.name}")
    return values


def _missing(kind: str, tpl: ContentTemplate, values: dict[str, Any]) -> list[str]:
    """The labels of required fields left empty, so the page can name them as the form does."""
    return [spec.title(locale()) for spec in missing_fields(tpl, kind, values)]


def _validation(platform: str, draft: Draft, facts) -> None:
    text = st.session_state[f"text_{platform}"]
    result = check_draft(
        draft,
        {platform: text},
        alt_text=st.session_state["alt_text"],
        facts=facts,
        platforms=(platform,),
        x_thread=limits_for(platform).threads and st.session_state.get("x_thread", False),
    )[platform]
    st.caption(f"{'✅' if result.ok else '⛔'} {counter(result.length, result.limit)}")
    for problem in result.errors:
        st.error(plain(problem.text(locale())))
    for problem in result.warnings:
        st.warning(plain(problem.text(locale())))


def _preview(
    platform: str, draft: Draft, asset: MediaAsset | None, account: Account | None
) -> None:
    # The text as it will go out: its links carry UTM parameters (planner/utm.py).
    typed = st.session_state[f"text_{platform}"]
    text = tag_text(typed, platform=platform, campaign=draft.template_id)
    size = (asset.width, asset.height) if asset is not None else None
    preview = build_preview(platform, text, image_size=size, locale=locale())
    st.html(
        preview_html(
            preview,
            account=account.name if account else tr(f"platform.{platform}"),
            handle=account.handle if account and platform == "x" else "",
            image=asset_path(asset) if asset is not None else None,
            alt_text=st.session_state["alt_text"],
        )
    )
    for note in preview.notes:
        st.caption(plain(note))
    links = tagged_links(typed, platform=platform, campaign=draft.template_id)
    if draft.link and draft.link not in typed:
        links.append(tag(draft.link, platform=platform, campaign=draft.template_id))
    if links and any("utm_" in link for link in links):
        st.caption(plain(tr("utm.tagged", links=" · ".join(links))))


def _draft_editor(draft: Draft, accounts: list[Account]) -> None:
    with session_scope() as session:
        asset = draft_image(session, draft)
        facts = event_facts(session, draft)
    by_platform = {a.platform: a for a in accounts}
    text_col, image_col = st.columns([3, 2])
    with image_col:
        st.subheader(tr("compose.image"))
        if asset is not None:
            st.image(
                str(asset_path(asset)),
                width="stretch",
                alt=st.session_state.get("alt_text") or tr("a11y.asset", id=asset.id),
            )
        st.text_area(tr("compose.alt_text"), key="alt_text", height=100)
        if draft.link:
            st.caption(f"🔗 {plain(draft.link)}")
    with text_col:
        # One choice for every platform that takes threads (X, Threads, Bluesky).
        st.checkbox(tr("compose.x_thread"), key="x_thread")
        tabs = st.tabs([f"{PLATFORM_ICONS[p]} {tr(f'platform.{p}')}" for p in PLATFORMS])
        for tab, platform in zip(tabs, PLATFORMS, strict=True):
            with tab:
                st.text_area(
                    tr("compose.text_for", platform=tr(f"platform.{platform}")),
                    key=f"text_{platform}",
                    height=260,
                )
                _live_counter(
                    key=f"live_{platform}",
                    data={
                        "label": tr("compose.text_for", platform=tr(f"platform.{platform}")),
                        "text": st.session_state[f"text_{platform}"],
                        "limit": limits_for(platform).max_chars,
                        "weighted": limits_for(platform).weighted_length,
                        "graphemes": limits_for(platform).graphemes,
                        "twitter": TWITTER_CONFIG,
                        "tlds": TLDS,
                        "thread": limits_for(platform).threads
                        and st.session_state.get("x_thread", False),
                        "thread_label": tr("compose.live_thread", parts="{parts}"),
                        "prefix": "✍️ " + tr("compose.live_count"),
                        "locale": "id-ID" if locale() == "id" else "en-GB",
                    },
                )
                _validation(platform, draft, facts)
                with st.expander(tr("compose.preview"), expanded=False):
                    _preview(platform, draft, asset, by_platform.get(platform))


def _make_draft(
    tpl: ContentTemplate,
    event_id: int | None,
    item_ids: list[int],
    values: dict[str, Any],
    hashtags: str,
    link: str,
) -> None:
    try:
        with session_scope() as session:
            draft = make_draft(
                session,
                tpl.id,
                actor=current_actor(),
                event_id=event_id,
                item_ids=item_ids,
                values=values,
                hashtags=hashtags.split(),
                link=link.strip() or None,
                locale=post_language(),
            )
        _draft_to_state(draft)
    except (DraftError, ValueError, PermissionDenied) as exc:
        st.error(error_text(exc))


SCHEDULE = Action.SCHEDULE_POST


def _targets() -> list[Account]:
    """The active accounts the signed-in person may post to (a trainee: training ones only)."""
    actor = current_actor()
    with session_scope() as session:
        accounts = [a for a in active_accounts(session) if may_target(actor, SCHEDULE, a)]
    if limited_to_sandbox(actor, SCHEDULE):
        st.caption(tr("roles.sandbox_only") if accounts else tr("roles.no_sandbox_accounts"))
    return accounts


def _forget_old_messages(selection: tuple) -> None:
    """A success message belongs to the source it was about: picking another one clears it."""
    if st.session_state.get("compose_selection", selection) != selection:
        for key in ("scheduled_message", "campaign_message"):
            st.session_state.pop(key, None)
    st.session_state["compose_selection"] = selection


def page() -> None:
    st.header(tr("compose.header"))
    exercise = answering()
    draft_actions.editing_banner()
    kind = st.radio(
        tr("compose.source"),
        list(SOURCE_KINDS),
        horizontal=True,
        format_func=lambda k: tr(SOURCE_LABELS[k]),
    )
    tpl = _pick_template(kind)
    if tpl is None:
        return
    event_id, item_ids = _pick_source(kind, tpl)
    _forget_old_messages((kind, tpl.id, event_id, tuple(item_ids)))
    values = _extra_values(kind, tpl)
    tag_col, link_col, language_col = st.columns([2, 2, 1])
    post_language_picker(language_col)
    hashtags = tag_col.text_input(
        tr("compose.hashtags"), value=" ".join(tpl.hashtags), key=f"hashtags_{tpl.id}"
    )
    link = link_col.text_input(
        tr("compose.link"), key="link_override", help=tr("compose.link_help")
    )
    ready = kind == "service" or event_id is not None or bool(item_ids)
    if st.button(tr("compose.make_draft"), type="primary", disabled=not ready):
        if missing := _missing(kind, tpl, values):
            st.error(tr("compose.missing_fields", fields=", ".join(missing)))
        else:
            _make_draft(tpl, event_id, item_ids, values, hashtags, link)
    accounts = _targets()
    for message_key in ("scheduled_message", "campaign_message"):
        if message := st.session_state.get(message_key):
            st.success(message)
    move_focus()
    draft: Draft | None = st.session_state.get("draft")
    if draft is None:
        st.info(tr("compose.pick_first"))
    elif exercise is not None:  # a trainee's answer: handed in, never scheduled
        _draft_editor(draft, accounts)
        answer_from_compose(draft, exercise)
    else:
        _draft_editor(draft, accounts)
        schedule_form(draft, accounts)
    if exercise is None and tpl.campaign and event_id is not None and allowed(Action.PLAN_CAMPAIGN):
        st.divider()
        campaign_section(tpl, event_id, accounts, values)


page()
