"""Slots, series & import: posting slots per account, recurring posts, bulk CSV upload."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd
import streamlit as st

from planner.accounts import active_accounts
from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import format_datetime, zone_abbr
from planner.importing.kinds import import_file
from planner.importing.posts import PostImportReport, RowError
from planner.importing.report import ImportFileError
from planner.limits import IMPORT_UPLOAD_MB, PHOTO_UPLOAD_MB
from planner.media import list_assets
from planner.models import utcnow
from planner.people.roles import Action, PermissionDenied
from planner.recurrence import (
    SeriesContent,
    SeriesRule,
    create_series,
    list_series,
    next_occurrences,
    series_post_ids,
    stop_series,
)
from planner.scheduling import SchedulingError, local_to_utc
from planner.slots import SlotError, describe, next_free_slot, parse_slots, set_slots, slots_of
from planner.ui.runtime import error_text, hint, locale, plain, tr
from planner.ui.session import allowed, current_actor


def _accounts() -> dict[int, str]:
    with session_scope() as session:
        rows = active_accounts(session)
    return {a.id: f"{tr(f'platform.{a.platform}')} — {a.handle or a.name}" for a in rows}


def slots_section(accounts: dict[int, str]) -> None:
    settings = get_settings()
    st.subheader(tr("planning.slots"))
    if not accounts:
        st.info(tr("common.none"))
        return
    account_id = st.selectbox(
        tr("planning.account"), list(accounts), format_func=accounts.get, key="slot_account"
    )
    with session_scope() as session:
        current = describe(slots_of(session, account_id))
    with st.form("slots_form"):
        spec = st.text_input(
            tr("planning.slots_help", zone=zone_abbr(settings.tz, utcnow())),
            value=current,
            key=f"slot_spec_{account_id}",
        )
        if st.form_submit_button(tr("planning.save_slots")):
            try:
                with session_scope() as session:
                    set_slots(session, account_id, parse_slots(spec), actor=current_actor())
                st.success(tr("calendar.done"))
            except (SlotError, PermissionDenied) as exc:
                st.error(error_text(exc))
    try:
        with session_scope() as session:
            free = next_free_slot(session, account_id, after=utcnow())
        st.caption(tr("planning.next_free", when=format_datetime(free, settings.tz, locale())))
    except SlotError as exc:
        st.caption(error_text(exc))


def _series_image() -> tuple[int | None, str]:
    """An image from the media library for every post of the series (Instagram needs one)."""
    with session_scope() as session:
        images = {a.id: f"#{a.id} · {a.original_name or a.kind}" for a in list_assets(session)}
    image_col, alt_col = st.columns(2)
    image_id = image_col.selectbox(
        tr("planning.series_image"),
        [None, *images],
        format_func=lambda i: tr("planning.series_no_image") if i is None else images[i],
        key="series_image",
        help=tr("planning.series_image_help"),
    )
    alt_text = alt_col.text_input(tr("compose.alt_text"), key="series_alt")
    return image_id, alt_text


def series_section(accounts: dict[int, str]) -> None:
    settings = get_settings()
    st.subheader(tr("planning.series"))
    days = tr("calendar.weekdays").split(",")
    with st.form("series_form"):
        name = st.text_input(tr("planning.series_name"), value="Rekomendasi Buku")
        text = st.text_area(tr("planning.series_text"), key="series_text")
        chosen = st.multiselect(
            tr("compose.accounts"),
            list(accounts),
            default=list(accounts)[:1],
            format_func=accounts.get,
            placeholder=hint(accounts),
        )
        start = datetime.now(settings.tz) + timedelta(days=1)
        c1, c2 = st.columns(2)
        day = c1.date_input(tr("planning.series_first"), value=start.date(), format="DD/MM/YYYY")
        at = c2.time_input(
            tr("compose.time", zone=zone_abbr(settings.tz, utcnow())),
            value=start.replace(hour=9, minute=0).time(),
        )
        weekdays = st.multiselect(
            tr("planning.series_days"),
            list(range(7)),
            format_func=lambda d: days[d],
            placeholder=tr("planning.series_same_day"),
        )
        image_id, alt_text = _series_image()
        if st.form_submit_button(tr("planning.series_create")):
            try:
                with session_scope() as session:
                    series = create_series(
                        session,
                        name=name,
                        first_at=local_to_utc(day, at, settings.tz),
                        rule=SeriesRule(freq="weekly", weekdays=weekdays),
                        content=SeriesContent.same_everywhere(name, text).model_copy(
                            update={"media_asset_id": image_id, "alt_text": alt_text}
                        ),
                        account_ids=chosen,
                        actor=current_actor(),
                    )
                    series_id = series.id
                    made = len(series_post_ids(session, series_id))
                st.success(tr("planning.series_created", series_id=series_id, n=made))
            except (SchedulingError, ValueError, PermissionDenied) as exc:
                st.error(error_text(exc))
    now = utcnow()
    with session_scope() as session:
        all_series = list_series(session, active_only=True)
        upcoming = {s.id: next_occurrences(s, now, 1) for s in all_series}
    for series in all_series:
        cols = st.columns([3, 1])
        nxt = upcoming[series.id]
        cols[0].markdown(
            f"**{plain(series.name)}** · "
            + (
                tr("planning.series_next", when=format_datetime(nxt[0], settings.tz, locale()))
                if nxt
                else "—"
            )
        )
        if cols[1].button(tr("planning.series_stop"), key=f"stop_series_{series.id}"):
            try:
                with session_scope() as session:
                    stop_series(session, series.id, actor=current_actor())
            except PermissionDenied as exc:
                st.error(error_text(exc))
                return
            st.rerun()


def import_section() -> None:
    st.subheader(tr("planning.import"))
    st.caption(tr("planning.import_help"))
    upload = st.file_uploader(
        tr("planning.csv"), type=["csv"], key="csv_upload", max_upload_size=IMPORT_UPLOAD_MB
    )
    images = st.file_uploader(
        tr("planning.images"),
        type=["jpg", "jpeg", "png"],
        accept_multiple_files=True,
        key="csv_images",
        max_upload_size=PHOTO_UPLOAD_MB,
    )
    dry_run = st.checkbox(tr("planning.dry_run"), key="csv_dry_run")
    if st.button(tr("planning.run_import"), disabled=upload is None, key="csv_import"):
        try:
            report = import_file(
                "posts",
                upload.getvalue(),
                upload.name,
                actor=current_actor(),
                images={f.name: f.getvalue() for f in images or []},
                dry_run=dry_run,
            )
        except (RowError, ImportFileError, PermissionDenied) as exc:
            st.error(error_text(exc))
            return
        data = report.as_dict()
        counts = {k: data[k] for k in ("scheduled", "exists", "refused", "ok")}
        message = tr("planning.check_result" if dry_run else "planning.import_result", **counts)
        (st.error if data["refused"] else st.success)(message)
        st.dataframe(_report_rows(report), hide_index=True, width="stretch")


def _report_rows(report: PostImportReport) -> pd.DataFrame:
    """The import report, one row per CSV line, in the page language and the library's zone."""
    tz = get_settings().tz
    return pd.DataFrame(
        [
            {
                tr("sources.row"): r.row,
                "Status": tr(f"planning.row.{r.status}"),
                tr("planning.col_post"): f"#{r.post_id}" if r.post_id else "",
                tr("planning.col_due"): "; ".join(
                    format_datetime(datetime.fromisoformat(d), tz, locale()) for d in r.due
                ),
                tr("planning.col_errors"): "; ".join(r.errors),
            }
            for r in report.rows
        ]
    )


def page() -> None:
    st.header(tr("planning.header"))
    accounts = _accounts()
    shown = False
    for action, section in (
        (Action.MANAGE_SLOTS, lambda: slots_section(accounts)),
        (Action.MANAGE_SERIES, lambda: series_section(accounts)),
        (Action.IMPORT_POSTS, import_section),
    ):
        if allowed(action):  # each section only for the roles that may use it
            section()
            shown = True
    if not shown:
        st.info(tr("app.not_for_role"))


page()
