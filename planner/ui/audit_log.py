"""Audit log (admins and managers): who did what to what, filtered, and as a CSV download.

Times are shown in the library's zone; the CSV keeps UTC ISO times for spreadsheets and
other tools.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import format_datetime
from planner.models import AuditEntry
from planner.people import audit
from planner.people.roles import Action, PermissionDenied
from planner.people.users import list_users
from planner.ui.runtime import locale, tr
from planner.ui.session import allowed, require_actor

OUTCOMES = ["", "ok", "failed", "denied"]
LIMIT = 5000  # newest first; the caption asks to narrow the filter when it is reached


def _any(value: object) -> str:
    return tr("common.all") if value in ("", None) else str(value)


def _filters(people: dict[int, str], actions: list[str], types: list[str]) -> audit.AuditFilter:
    tz = get_settings().tz
    today = datetime.now(tz).date()
    top = st.columns(3)
    person = top[0].selectbox(
        tr("audit.person"),
        [None, *people],
        format_func=lambda i: _any(i if i is None else people[i]),
        key="audit_person",
    )
    action = top[1].selectbox(
        tr("audit.action"), ["", *actions], format_func=_any, key="audit_action"
    )
    outcome = top[2].selectbox(
        tr("audit.outcome"),
        OUTCOMES,
        format_func=lambda o: tr(f"audit.outcome.{o}") if o else _any(o),
        key="audit_outcome",
    )
    bottom = st.columns(3)
    object_type = bottom[0].selectbox(
        tr("audit.object_type"), ["", *types], format_func=_any, key="audit_object_type"
    )
    object_id = bottom[1].text_input(tr("audit.object_id"), key="audit_object_id")
    days = bottom[2].date_input(
        tr("audit.dates"),
        value=(today - timedelta(days=30), today),
        format="DD/MM/YYYY",
        key="audit_dates",
    )
    since, until = _range(days if isinstance(days, tuple) else (days,), tz)
    return audit.AuditFilter(
        actor_id=person,
        action=action,
        object_type=object_type,
        object_id=object_id.strip(),
        outcome=outcome,
        since=since,
        until=until,
    )


def _range(days: tuple[date, ...], tz) -> tuple[datetime | None, datetime | None]:
    """Whole local days, from the first chosen day's midnight to the day after the last."""
    if not days:
        return None, None
    start = datetime.combine(days[0], time(), tz)
    end = datetime.combine(days[-1] + timedelta(days=1), time(), tz)
    return start, end


def _rows(entries: list[AuditEntry]) -> list[dict[str, str]]:
    tz = get_settings().tz
    return [
        {
            tr("audit.col.at"): format_datetime(e.at, tz, locale()),
            tr("audit.person"): e.actor_name or "—",
            tr("audit.action"): e.action,
            tr("audit.col.object"): f"{e.object_type} {e.object_id}".strip(),
            tr("audit.outcome"): tr(f"audit.outcome.{e.outcome}"),
            tr("audit.col.detail"): ", ".join(f"{k}={v}" for k, v in sorted(e.detail.items())),
        }
        for e in entries
    ]


def page() -> None:
    actor = require_actor()
    st.header(tr("audit.header"))
    if not allowed(Action.VIEW_AUDIT):
        st.error(PermissionDenied(actor, Action.VIEW_AUDIT).text(locale()))
        return
    with session_scope() as session:
        people = {u.id: u.username for u in list_users(session)}
        actions, types = audit.known_values(session)
    where = _filters(people, actions, types)
    with session_scope() as session:
        found = audit.entries(session, where, limit=LIMIT)
    st.caption(tr("audit.count", count=len(found)))
    if len(found) == LIMIT:
        st.info(tr("audit.limit", limit=LIMIT))
    st.dataframe(_rows(found), hide_index=True, width="stretch")
    st.download_button(
        tr("audit.download"),
        data=audit.to_csv(found),
        file_name="audit-log.csv",
        mime="text/csv",
        disabled=not found,
    )


page()
