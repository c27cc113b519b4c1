"""Moving a post's waiting targets to their accounts' next free posting slots."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from planner.db import session_scope
from planner.scheduling import PostCreate, schedule_post, targets_of
from planner.slots import SlotError, parse_slots, set_slots, to_next_free_slots
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 2, 8, 0, tzinfo=WIB)  # a Wednesday
LATER = datetime(2026, 12, 20, 12, 0, tzinfo=WIB)  # a Sunday


def _post(slots: dict[str, str], due: datetime = LATER) -> int:
    """A post on X and Facebook due `due`, with the given posting slots per platform."""
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        for account in (x, fb):
            set_slots(
                session, account.id, parse_slots(slots.get(account.platform, "")), actor=ADMIN
            )
        data = PostCreate(
            texts={"x": "Halo", "facebook": "Halo"}, account_ids=[x.id, fb.id], due_at=due
        )
        return schedule_post(session, data=data, now=NOW, actor=ADMIN).id


def _dues(post_id: int) -> dict[str, str]:
    with session_scope() as session:
        return {
            t.platform: t.due_at.astimezone(WIB).strftime("%a %H:%M")
            for t in targets_of(session, post_id)
        }


SLOTS = {"x": "Mon-Sat 09:00,16:00", "facebook": "Fri 10:00"}


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ({"x": "scheduled", "facebook": "scheduled"}, {"x": "Wed 09:00", "facebook": "Fri 10:00"}),
        ({"x": "retrying", "facebook": "scheduled"}, {"x": "Wed 09:00", "facebook": "Fri 10:00"}),
        # Only waiting targets move: one that needs a person, went out or was cancelled stays.
        (
            {"x": "scheduled", "facebook": "needs_attention"},
            {"x": "Wed 09:00", "facebook": "Sun 12:00"},
        ),
        ({"x": "published", "facebook": "cancelled"}, {"x": "Sun 12:00", "facebook": "Sun 12:00"}),
    ],
)
def test_waiting_targets_move_to_their_accounts_next_free_slot(
    any_db: str, statuses: dict[str, str], expected: dict[str, str]
) -> None:
    post_id = _post(SLOTS)
    with session_scope() as session:
        for target in targets_of(session, post_id):
            target.status = statuses[target.platform]
    with session_scope() as session:
        moved = to_next_free_slots(session, post_id, now=NOW, actor=ADMIN)
        platforms = {t.id: t.platform for t in targets_of(session, post_id)}
        assert {t.status for t in targets_of(session, post_id) if t.id in moved} <= {"scheduled"}
    assert _dues(post_id) == expected
    moved_to = {
        platforms[i]: when.astimezone(WIB).strftime("%a %H:%M") for i, when in moved.items()
    }
    assert moved_to == {
        p: expected[p] for p, s in statuses.items() if s in ("scheduled", "retrying")
    }


def test_a_slot_another_post_holds_is_skipped(any_db: str) -> None:
    post_id = _post(SLOTS)
    with session_scope() as session:
        x = targets_of(session, post_id)[0]
        busy = PostCreate(
            texts={"x": "Sudah ada"},
            account_ids=[x.account_id],
            due_at=datetime(2026, 12, 2, 9, 0, tzinfo=WIB),
        )
        schedule_post(session, data=busy, now=NOW, actor=ADMIN)
    with session_scope() as session:
        to_next_free_slots(session, post_id, now=NOW, actor=ADMIN)
    assert _dues(post_id) == {"x": "Wed 16:00", "facebook": "Fri 10:00"}


def test_an_account_without_slots_moves_nothing(any_db: str) -> None:
    post_id = _post({"x": SLOTS["x"]})  # Facebook has no posting slots
    with pytest.raises(SlotError, match="no posting slots"), session_scope() as session:
        to_next_free_slots(session, post_id, now=NOW, actor=ADMIN)
    assert _dues(post_id) == {"x": "Sun 12:00", "facebook": "Sun 12:00"}  # all or nothing
