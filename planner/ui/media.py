"""Media library: upload (checked before anything is stored), browse, describe, delete."""

from __future__ import annotations

import streamlit as st

from planner.db import session_scope
from planner.i18n import STRINGS
from planner.limits import PHOTO_UPLOAD_MB
from planner.media import (
    UPLOAD_EXTENSIONS,
    MediaError,
    list_assets,
    set_alt_text,
    thumbnail_path,
    upload_image,
    usage,
)
from planner.media import delete_asset as remove_asset
from planner.models import MediaAsset
from planner.people.roles import Action, PermissionDenied
from planner.review import consent
from planner.ui.runtime import error_text, plain, status_label, tr
from planner.ui.session import allowed, current_actor
from planner.ui.widgets.review import run

KINDS = ["all", "upload", "render", "cover", "logo"]


def _upload() -> None:
    shows_people = st.checkbox(
        tr("media.shows_people"), key="media_upload_people", help=tr("media.shows_people_help")
    )
    upload = st.file_uploader(
        tr("media.upload"),
        type=[e.lstrip(".") for e in UPLOAD_EXTENSIONS],
        key="media_upload",
        max_upload_size=PHOTO_UPLOAD_MB,
    )
    # The uploader keeps its file across reruns: store each file once, not on every rerun.
    if upload is None or st.session_state.get("media_last_upload") == upload.file_id:
        return
    st.session_state["media_last_upload"] = upload.file_id
    try:
        with session_scope() as session:
            result = upload_image(session, upload.getvalue(), upload.name, actor=current_actor())
            asset_id = result.asset.id
            similar = [a.id for a in result.similar]
            if shows_people:
                consent.mark_shows_people(session, actor=current_actor(), asset_id=asset_id)
    except (MediaError, PermissionDenied) as exc:
        st.session_state["media_notice"] = ("error", error_text(exc))
        return
    if not result.created:
        st.session_state["media_notice"] = ("info", tr("media.duplicate", id=asset_id))
    elif similar:
        ids = ", ".join(f"#{i}" for i in similar)
        st.session_state["media_notice"] = ("warning", tr("media.similar", id=asset_id, ids=ids))
    else:
        st.session_state["media_notice"] = ("success", tr("media.stored", id=asset_id))


def _kind_label(kind: str) -> str:
    """A media kind in the page language (kinds added later show as they are)."""
    return tr(f"media.kind_{kind}") if f"media.kind_{kind}" in STRINGS else kind


def _use_label(use) -> str:
    if use.kind == "post":
        return tr("media.used_post", id=use.id, title=use.title, status=status_label(use.status))
    return tr(f"media.used_{use.kind}", id=use.id, title=use.title)


def _consent(asset: MediaAsset) -> None:
    """Whether the image shows identifiable people, and how their consent was recorded."""
    with st.form(f"media_consent_{asset.id}"):
        people = st.checkbox(tr("media.shows_people"), value=asset.shows_people)
        recorded = st.checkbox(tr("media.consent_recorded"), value=asset.consent_recorded)
        note = st.text_input(tr("media.consent_note"), value=asset.consent_note)
        if st.form_submit_button(tr("media.save_consent")) and run(
            consent.set_consent,
            asset_id=asset.id,
            shows_people=people,
            consent_recorded=recorded,
            note=note,
        ):
            st.session_state["media_notice"] = ("success", tr("media.consent_saved", id=asset.id))
            st.rerun()


def _details(asset: MediaAsset) -> None:
    with session_scope() as session:
        uses = usage(session, asset.id)
    st.caption(tr("media.original", name=asset.original_name or "—"))
    if uses:
        st.markdown("\n".join(f"- {_use_label(u)}" for u in uses))
    else:
        st.caption(tr("media.unused"))
    if not allowed(Action.EDIT_MEDIA):
        st.caption(plain(asset.alt_text))
        return
    _consent(asset)
    alt = st.text_area(tr("media.alt_text"), value=asset.alt_text, key=f"media_alt_{asset.id}")
    save, delete = st.columns(2)
    if save.button(tr("media.save_alt"), key=f"media_save_{asset.id}"):
        try:
            with session_scope() as session:
                set_alt_text(session, asset.id, alt, actor=current_actor())
        except PermissionDenied as exc:
            st.session_state["media_notice"] = ("error", error_text(exc))
        else:
            st.session_state["media_notice"] = ("success", tr("media.alt_saved", id=asset.id))
        st.rerun()
    if delete.button(tr("media.delete"), key=f"media_delete_{asset.id}"):
        try:
            with session_scope() as session:
                remove_asset(session, asset.id, actor=current_actor())
        except (MediaError, PermissionDenied) as exc:
            st.session_state["media_notice"] = ("error", error_text(exc))
        else:
            st.session_state["media_notice"] = ("success", tr("media.deleted", id=asset.id))
        st.rerun()


def page() -> None:
    st.header(tr("media.header"))
    st.caption(tr("media.rules", mb=PHOTO_UPLOAD_MB))
    if allowed(Action.UPLOAD_MEDIA):
        _upload()
    notice = st.session_state.pop("media_notice", None)
    if notice:
        getattr(st, notice[0])(notice[1])
    kind = st.radio(
        tr("media.kind"),
        KINDS,
        horizontal=True,
        format_func=_kind_label,
        key="media_kind",
    )
    with session_scope() as session:
        assets = list_assets(session, kind=None if kind == "all" else kind, limit=60)
    if not assets:
        st.info(tr("common.none"))
        return
    columns = st.columns(4)
    for index, asset in enumerate(assets):
        with columns[index % 4]:
            thumb = thumbnail_path(asset)
            if thumb.exists():
                st.image(
                    str(thumb),
                    width="stretch",
                    alt=asset.alt_text or tr("a11y.asset", id=asset.id),
                )
            st.caption(
                f"#{asset.id} · {_kind_label(asset.kind)} · {asset.width}×{asset.height} · "
                f"{max(1, asset.size_bytes // 1024)} KB"
            )
            if asset.shows_people and not asset.consent_recorded:
                st.caption(tr("media.needs_consent"))
            with st.expander(tr("media.details", id=asset.id)):
                _details(asset)


page()
