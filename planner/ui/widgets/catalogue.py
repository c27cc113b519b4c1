"""Settings → library catalogue: add an OAI-PMH source, test it, harvest now, see the last result.

Shown to those who manage the collection (the collection import's permission); the work is
done by planner/catalogue/, this only collects input and shows what came back.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from planner.catalogue.errors import CatalogueError
from planner.catalogue.harvest import harvest_source
from planner.catalogue.sources import (
    FORMATS,
    SCHEDULES,
    SourceIn,
    add_source,
    list_sources,
    probe_source,
    source_row,
)
from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import format_date
from planner.importing.report import ImportFileError
from planner.people.roles import Action, PermissionDenied
from planner.ui.runtime import error_text, locale, plain, tr
from planner.ui.session import allowed, current_actor

PROBLEMS = (CatalogueError, ImportFileError, PermissionDenied)


def catalogue_section() -> None:
    """The catalogue part of Settings (nothing for roles that may not manage the collection)."""
    if not allowed(Action.EDIT_SOURCES):
        return
    st.subheader(tr("catalogue.heading"))
    st.caption(tr("catalogue.intro"))
    if added := st.session_state.pop("catalogue_added", None):
        st.success(tr("catalogue.added", name=added))
    with session_scope() as session:
        rows = [source_row(s) for s in list_sources(session)]
    if rows:
        _sources_table(rows)
        _actions(rows)
    else:
        st.info(tr("catalogue.none"))
    _add_form()


def _last(row: dict) -> str:
    if not row["last_run_at"]:
        return tr("catalogue.never")
    status = tr(f"catalogue.status.{row['last_status']}") if row["last_status"] else ""
    return f"{row['last_run_at'][:16].replace('T', ' ')} UTC · {status}"


def _sources_table(rows: list[dict]) -> None:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("catalogue.name"): r["name"],
                    tr("catalogue.base_url"): r["base_url"],
                    tr("catalogue.format"): r["metadata_prefix"],
                    tr("catalogue.schedule"): tr(f"catalogue.schedule.{r['schedule']}"),
                    tr("catalogue.last"): _last(r),
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )


def _actions(rows: list[dict]) -> None:
    by_id = {r["id"]: r for r in rows}
    chosen = st.selectbox(
        tr("catalogue.pick"),
        list(by_id),
        format_func=lambda i: by_id[i]["name"],
        key="catalogue_pick",
    )
    row = by_id[chosen]
    if row["last_status"] == "failed" and row["last_message"]:
        st.error(plain(row["last_message"]))
    elif row["last_status"] == "ok":
        counts = row["last_counts"]
        st.success(tr("catalogue.harvested", **_numbers(counts)))
    if row["harvested_from"]:
        day = datetime.fromisoformat(row["harvested_from"]).replace(hour=12, tzinfo=UTC)
        st.caption(tr("catalogue.next_from", day=format_date(day, get_settings().tz, locale())))
    test_col, harvest_col = st.columns(2)
    if test_col.button(tr("catalogue.test"), key="catalogue_test"):
        _probe(chosen)
    if harvest_col.button(tr("catalogue.harvest"), type="primary", key="catalogue_harvest"):
        _harvest(chosen)


def _numbers(counts: dict) -> dict[str, int]:
    names = ("records", "created", "updated", "deleted", "warnings")
    return {name: int(counts.get(name, 0)) for name in names}


def _probe(source_id: int) -> None:
    try:
        found = probe_source(source_id, actor=current_actor())
    except PROBLEMS as exc:
        st.error(error_text(exc))
        return
    formats = ", ".join(found["formats"]) or "—"
    if found["offers_format"]:
        st.success(tr("catalogue.tested", repository=found["repository"], formats=formats))
    else:
        st.warning(tr("catalogue.format_missing", prefix=found["prefix"], formats=formats))


def _harvest(source_id: int) -> None:
    try:
        with st.spinner(tr("catalogue.harvest")):
            report = harvest_source(source_id, actor=current_actor())
    except PROBLEMS as exc:
        st.error(error_text(exc))
        return
    st.success(tr("catalogue.harvested", **_numbers(report.counts)))
    if report.draft_post_id:
        st.info(tr(f"catalogue.note.{report.draft_note}", post=report.draft_post_id))
    elif report.draft_note:
        st.caption(tr(f"catalogue.note.{report.draft_note}"))
    warned = report.items.warned if report.items else []
    for row in warned[:20]:
        st.warning(plain(f"{row.title}: {'; '.join(row.warning_texts(locale()))}"))


def _add_form() -> None:
    with st.form("catalogue_add", clear_on_submit=False):
        st.markdown(f"**{tr('catalogue.add')}**")
        name = st.text_input(tr("catalogue.name"), key="catalogue_name")
        url = st.text_input(
            tr("catalogue.base_url"), help=tr("catalogue.base_url_help"), key="catalogue_url"
        )
        prefix = st.selectbox(tr("catalogue.format"), FORMATS, key="catalogue_format")
        set_spec = st.text_input(tr("catalogue.set"), key="catalogue_set")
        record_url = st.text_input(
            tr("catalogue.record_url"), help=tr("catalogue.record_url_help"), key="catalogue_link"
        )
        schedule = st.selectbox(
            tr("catalogue.schedule"),
            list(SCHEDULES),
            index=list(SCHEDULES).index("weekly"),
            format_func=lambda s: tr(f"catalogue.schedule.{s}"),
            key="catalogue_schedule",
        )
        submitted = st.form_submit_button(tr("catalogue.add"), type="primary")
    if not submitted:
        return
    data = SourceIn(
        name=name,
        base_url=url,
        metadata_prefix=prefix,
        set_spec=set_spec,
        record_url=record_url,
        schedule=schedule,
    )
    try:
        with session_scope() as session:
            add_source(session, data, actor=current_actor())
    except PROBLEMS as exc:
        st.error(error_text(exc))
        return
    st.session_state["catalogue_added"] = data.name
    st.rerun()
