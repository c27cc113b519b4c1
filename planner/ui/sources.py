"""Events & collection: add and edit by hand, upload covers, import CSV or MARC with a report.

Every save goes through planner/sources.py and every import through planner/importing/, so
the rules (and the per-row report) are the same as on the command line.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import STRINGS, format_datetime
from planner.importing.kinds import import_file
from planner.importing.report import ImportFileError, ImportReport
from planner.limits import IMPORT_UPLOAD_MB, MB, PHOTO_UPLOAD_MB
from planner.media import MediaError, asset_path
from planner.models import CollectionItem, Event
from planner.people.roles import Action, PermissionDenied
from planner.sources import (
    EventIn,
    ItemIn,
    SourceError,
    delete_event,
    delete_item,
    ensure_cover,
    event_photo,
    get_event,
    get_item,
    list_events,
    list_items,
    save_event,
    save_item,
    set_cover,
    set_event_photo,
    stored_cover,
)
from planner.ui.runtime import error_text, locale, plain, tr
from planner.ui.session import allowed, current_actor

NEW = 0


def _field_label(name: str) -> str:
    return "ISBN" if name == "isbn" else tr(f"sources.{name}")


def _error_text(exc: Exception) -> str:
    """A refused form in the page language, naming the field as the form labels it."""
    if isinstance(exc, SourceError):
        return tr(f"sources.error.{exc.code}", **exc.values)
    if not isinstance(exc, ValidationError):
        return error_text(exc)
    first = exc.errors()[0]
    field = _field_label(str(first["loc"][0])) if first["loc"] else ""
    values = {"field": field, **(first.get("ctx") or {})}
    if first["type"] in ("missing", "string_too_short"):
        return tr("sources.error.required", **values)
    if first["type"] == "string_too_long":
        return tr("sources.error.too_long", **values)
    if f"sources.error.{first['type']}" in STRINGS:
        return tr(f"sources.error.{first['type']}", **values)
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"{field}: {plain(message)}" if field else plain(message)


def _event_form(event: Event | None) -> None:
    tz = get_settings().tz
    start = event.starts_at.astimezone(tz) if event else datetime.now(tz) + timedelta(days=7)
    end = event.ends_at.astimezone(tz) if event and event.ends_at else None
    with st.form(f"event_form_{event.id if event else 'new'}"):
        title = st.text_input(tr("sources.title"), value=event.title if event else "")
        day_col, start_col, end_col = st.columns(3)
        day = day_col.date_input(tr("sources.date"), value=start.date(), format="DD/MM/YYYY")
        at = start_col.time_input(tr("sources.starts"), value=start.time() if event else time(9))
        until = end_col.time_input(tr("sources.ends"), value=end.time() if end else None)
        place = st.text_input(tr("sources.place"), value=event.place if event else "")
        speaker_col, audience_col, category_col = st.columns(3)
        speaker = speaker_col.text_input(
            tr("sources.speaker"), value=event.speaker if event else ""
        )
        audience = audience_col.text_input(
            tr("sources.audience"), value=event.audience if event else ""
        )
        category = category_col.text_input(
            tr("sources.category"), value=event.category if event else ""
        )
        description = st.text_area(
            tr("sources.description"), value=event.description if event else ""
        )
        link = st.text_input(
            tr("sources.registration_url"), value=event.registration_url if event else ""
        )
        submitted = st.form_submit_button(tr("sources.save"), type="primary")
    if not submitted:
        return
    try:
        data = EventIn(
            title=title,
            starts_at=datetime.combine(day, at, tzinfo=tz),
            ends_at=datetime.combine(day, until, tzinfo=tz) if until else None,
            place=place,
            speaker=speaker,
            audience=audience,
            category=category,
            description=description,
            registration_url=link,
            key=event.key if event else "",
        )
        with session_scope() as session:
            saved, status = save_event(
                session, data, tz, actor=current_actor(), event_id=event.id if event else None
            )
            message = tr(f"sources.{status}", title=saved.title)
            if saved.starts_at < datetime.now(UTC):  # kept for reports, but say so
                st.session_state["sources_warning"] = tr("sources.past_event")
        st.session_state["sources_message"] = message
        st.session_state["event_next"] = saved.id
        st.rerun()
    except (ValidationError, SourceError, PermissionDenied) as exc:
        st.error(_error_text(exc))


def _event_photo(event: Event) -> None:
    with session_scope() as session:
        photo = event_photo(session, event)
    picture_col, upload_col = st.columns([1, 2])
    with picture_col:
        if photo is not None:
            st.image(
                str(asset_path(photo)),
                width=220,
                alt=photo.alt_text or tr("a11y.event_photo", title=event.title),
            )
        else:
            st.caption(tr("sources.no_photo"))
    with upload_col:
        upload = st.file_uploader(
            tr("sources.photo_upload"),
            type=["jpg", "jpeg", "png", "webp"],
            key=f"photo_{event.id}",
            max_upload_size=PHOTO_UPLOAD_MB,
        )
        if upload is not None and st.button(tr("sources.photo_save"), key="photo_save_btn"):
            try:
                with session_scope() as session:
                    stored = get_event(session, event.id)
                    set_event_photo(
                        session,
                        stored,
                        upload.getvalue(),
                        actor=current_actor(),
                        filename=upload.name,
                    )
                st.session_state["sources_message"] = tr("sources.photo_saved")
                st.rerun()
            except (MediaError, PermissionDenied) as exc:
                st.error(error_text(exc))


def _events_tab() -> None:
    tz = get_settings().tz
    with session_scope() as session:
        events = list_events(session)
    if events:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "#": e.id,
                        tr("sources.title"): e.title,
                        tr("sources.when"): format_datetime(e.starts_at, tz, locale()),
                        tr("sources.place"): e.place,
                    }
                    for e in events
                ]
            ),
            hide_index=True,
        )
    options = {NEW: "➕ " + tr("sources.new_event")} | {e.id: e.title for e in events}
    if "event_next" in st.session_state:  # chosen by a save on the last run
        st.session_state["event_open"] = st.session_state.pop("event_next")
    if st.session_state.get("event_open") not in options:
        st.session_state["event_open"] = NEW
    chosen = st.selectbox(
        tr("sources.edit_event"), list(options), format_func=options.get, key="event_open"
    )
    event = next((e for e in events if e.id == chosen), None)
    _event_form(event)
    if event is None:
        return
    _event_photo(event)
    sure = st.checkbox(
        tr("sources.delete_confirm", title=event.title), key=f"delete_event_sure_{event.id}"
    )
    if st.button(tr("sources.delete"), key="delete_event_btn", disabled=not sure):
        try:
            with session_scope() as session:
                delete_event(session, event.id, actor=current_actor())
            st.session_state["event_next"] = NEW
            st.rerun()
        except (SourceError, PermissionDenied) as exc:
            st.error(_error_text(exc))


def _item_form(item: CollectionItem | None) -> None:
    with st.form(f"item_form_{item.id if item else 'new'}"):
        title = st.text_input(tr("sources.title"), value=item.title if item else "")
        subtitle = st.text_input(tr("sources.subtitle"), value=item.subtitle if item else "")
        author_col, publisher_col, year_col = st.columns(3)
        author = author_col.text_input(tr("sources.author"), value=item.author if item else "")
        publisher = publisher_col.text_input(
            tr("sources.publisher"), value=item.publisher if item else ""
        )
        year = year_col.text_input(tr("sources.year"), value=item.year if item else "")
        isbn_col, call_col = st.columns(2)
        isbn = isbn_col.text_input("ISBN", value=(item.isbn or "") if item else "")
        call_number = call_col.text_input(
            tr("sources.call_number"), value=item.call_number if item else ""
        )
        subjects = st.text_input(
            tr("sources.subjects"), value="; ".join(item.subjects) if item else ""
        )
        summary = st.text_area(tr("sources.summary"), value=item.summary if item else "")
        opac = st.text_input(tr("sources.opac_url"), value=item.opac_url if item else "")
        submitted = st.form_submit_button(tr("sources.save"), type="primary")
    if not submitted:
        return
    try:
        data = ItemIn(
            title=title,
            subtitle=subtitle,
            author=author,
            publisher=publisher,
            year=year,
            isbn=isbn or None,
            call_number=call_number,
            subjects=[s for s in subjects.split(";")],
            summary=summary,
            opac_url=opac,
            key=item.key if item else "",
        )
        with session_scope() as session:
            saved, status = save_item(
                session, data, actor=current_actor(), item_id=item.id if item else None
            )
            message = tr(f"sources.{status}", title=saved.title)
        st.session_state["sources_message"] = message
        st.session_state["item_next"] = saved.id
        st.rerun()
    except (ValidationError, SourceError, PermissionDenied) as exc:
        st.error(_error_text(exc))


def _cover(item: CollectionItem) -> None:
    with session_scope() as session:
        cover = stored_cover(session, item)
    picture_col, upload_col = st.columns([1, 2])
    with picture_col:
        if cover is not None:
            st.image(
                str(asset_path(cover)),
                width=180,
                alt=cover.alt_text or tr("a11y.cover", title=item.title),
            )
        else:
            st.caption(tr("sources.no_cover"))
    with upload_col:
        upload = st.file_uploader(
            tr("sources.cover_upload"),
            type=["jpg", "jpeg", "png", "webp"],
            key=f"cover_{item.id}",
            max_upload_size=PHOTO_UPLOAD_MB,
        )
        if upload is not None and st.button(tr("sources.cover_save"), key="cover_save_btn"):
            try:
                with session_scope() as session:
                    stored = get_item(session, item.id)
                    set_cover(
                        session,
                        stored,
                        upload.getvalue(),
                        actor=current_actor(),
                        filename=upload.name,
                    )
                st.session_state["sources_message"] = tr("sources.cover_saved")
                st.rerun()
            except (MediaError, PermissionDenied) as exc:
                st.error(error_text(exc))
        if cover is None and st.button(tr("sources.cover_generate"), key="cover_generate_btn"):
            with session_scope() as session:
                ensure_cover(session, get_item(session, item.id))
            st.rerun()


def _collection_tab() -> None:
    search = st.text_input(tr("sources.search"), key="item_search")
    with session_scope() as session:
        items = list_items(session, search=search, limit=200)
    if items:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "#": i.id,
                        tr("sources.title"): i.title,
                        tr("sources.author"): i.author,
                        "ISBN": i.isbn or "",
                        tr("sources.call_number"): i.call_number,
                    }
                    for i in items
                ]
            ),
            hide_index=True,
        )
    options = {NEW: "➕ " + tr("sources.new_item")} | {
        i.id: f"{i.title} — {i.author}" for i in items
    }
    if "item_next" in st.session_state:  # chosen by a save on the last run
        st.session_state["item_open"] = st.session_state.pop("item_next")
    if st.session_state.get("item_open") not in options:
        st.session_state["item_open"] = NEW
    chosen = st.selectbox(
        tr("sources.edit_item"), list(options), format_func=options.get, key="item_open"
    )
    item = next((i for i in items if i.id == chosen), None)
    _item_form(item)
    if item is not None:
        _cover(item)
        sure = st.checkbox(
            tr("sources.delete_confirm", title=item.title), key=f"delete_item_sure_{item.id}"
        )
        if st.button(tr("sources.delete"), key="delete_item_btn", disabled=not sure):
            try:
                with session_scope() as session:
                    delete_item(session, item.id, actor=current_actor())
                st.session_state["item_next"] = NEW
                st.rerun()
            except (SourceError, PermissionDenied) as exc:
                st.error(_error_text(exc))


def _show_report(report: ImportReport) -> None:
    counts = report.counts
    columns = st.columns(5)
    for column, status in zip(columns, counts, strict=True):
        column.metric(tr(f"sources.status_{status}"), counts[status])
    details = f"{report.file_format.upper()}"
    if report.encoding:
        details += f" · {report.encoding} · '{report.delimiter}'"
    st.caption(plain(details))
    if report.ignored_columns:
        st.caption(tr("sources.ignored", columns=", ".join(report.ignored_columns)))
    if report.warned:
        st.warning(tr("sources.warned", count=len(report.warned)))
    rows = report.as_dict(locale())["rows"]
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("sources.row"): r["row"],
                    "Status": tr(f"sources.status_{r['status']}"),
                    tr("sources.title"): r["title"],
                    tr("sources.reason"): "; ".join(filter(None, [r["reason"], *r["warnings"]])),
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )


def _import_tab() -> None:
    kind = st.radio(
        tr("sources.import_kind"),
        ["events", "collection"],
        horizontal=True,
        format_func=lambda k: tr(f"sources.import_{k}"),
        key="import_kind",
    )
    st.caption(tr(f"sources.import_help_{kind}"))
    types = ["csv", "txt"] if kind == "events" else ["csv", "txt", "mrc", "marc", "xml"]
    upload = st.file_uploader(
        tr("sources.import_file"),
        type=types,
        key=f"import_{kind}",
        max_upload_size=IMPORT_UPLOAD_MB,
    )
    if upload is not None and st.button(tr("sources.import_run"), type="primary", key="import_btn"):
        data = upload.getvalue()
        if len(data) > IMPORT_UPLOAD_MB * MB:
            st.error(tr("media.too_big", mb=IMPORT_UPLOAD_MB))
            return
        try:
            report = import_file(kind, data, upload.name, actor=current_actor())
            st.session_state["import_report"] = report
        except (ImportFileError, PermissionDenied) as exc:
            st.session_state.pop("import_report", None)
            st.error(error_text(exc))
    report = st.session_state.get("import_report")
    if report is not None:
        _show_report(report)


def _read_only() -> None:
    """Events and books as a list, for roles that use them in drafts but do not edit them."""
    st.info(tr("roles.read_only"))
    tz = get_settings().tz
    with session_scope() as session:
        events = [
            (e.title, format_datetime(e.starts_at, tz, locale())) for e in list_events(session)
        ]
        items = [(i.title, i.author) for i in list_items(session)]
    st.subheader(tr("sources.events"))
    st.dataframe(pd.DataFrame(events, columns=[tr("sources.title"), "🗓️"]), hide_index=True)
    st.subheader(tr("sources.collection"))
    st.dataframe(pd.DataFrame(items, columns=[tr("sources.title"), "✍️"]), hide_index=True)


def page() -> None:
    st.header(tr("sources.header"))
    if message := st.session_state.pop("sources_message", None):
        st.success(message)
    if warning := st.session_state.pop("sources_warning", None):
        st.warning(warning)
    if not allowed(Action.EDIT_SOURCES):
        _read_only()
        return
    events_tab, items_tab, import_tab = st.tabs(
        [tr("sources.events"), tr("sources.collection"), tr("sources.import")]
    )
    with events_tab:
        _events_tab()
    with items_tab:
        _collection_tab()
    with import_tab:
        _import_tab()


page()
