"""A dry-run 'publication' is never shown as if it had gone out."""

from __future__ import annotations

from sqlmodel import select

from planner.db import session_scope
from planner.models import PostTarget
from tests.people_helpers import signed_app


def test_calendar_says_nothing_was_sent(demo_db: str) -> None:
    with session_scope() as session:
        target = session.exec(select(PostTarget).where(PostTarget.status == "published")).first()
        target.remote_id = "dryrun-x-1-0123456789"
    at = signed_app(30).run()
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    shown = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "Uji coba: tidak dikirim" in shown
