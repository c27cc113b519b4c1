"""What the calendar page asks of planner/calendar.py about one opened post."""

from __future__ import annotations

import pytest

from planner.calendar import PostDetail
from planner.limits import PLATFORMS
from planner.models import Account, Post, PostStatus, PostTarget

S = PostStatus


@pytest.mark.parametrize(
    ("statuses", "still_open"),
    [
        ([S.SCHEDULED, S.RETRYING, S.PUBLISHING], ["x", "facebook", "instagram"]),
        ([S.FAILED, S.NEEDS_ATTENTION, S.DRAFT], ["x", "facebook", "instagram"]),
        ([S.PUBLISHED, S.SCHEDULED, S.CANCELLED], ["facebook"]),
        ([S.PUBLISHED, S.CANCELLED, S.PUBLISHED], []),
    ],
)
def test_open_targets_are_those_not_published_nor_cancelled(statuses, still_open) -> None:
    targets = [
        (
            PostTarget(id=i, post_id=1, account_id=i, platform=platform, status=status),
            Account(id=i, platform=platform, name=f"Sandbox {platform}"),
        )
        for i, (platform, status) in enumerate(zip(PLATFORMS[:3], statuses, strict=True), 1)
    ]
    detail = PostDetail(post=Post(id=1, title="Dongeng"), targets=targets, attempts=[])
    assert [t.platform for t, _ in detail.open_targets] == still_open
    assert all(a.id == t.account_id for t, a in detail.open_targets)
