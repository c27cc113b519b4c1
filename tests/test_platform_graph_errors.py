"""Meta's error codes as data: each Graph and Instagram code (and subcode) → the worker's
error class, with the advice people need (planner/platforms/graph_errors.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from planner.platforms.base import AuthExpired, RateLimited, Rejected, TransientError
from planner.platforms.graph_errors import classify_error
from tests.platform_helpers import T0


@pytest.mark.parametrize(
    ("error", "status", "expected"),
    [
        ({"code": 190, "error_subcode": 460}, 400, AuthExpired),
        ({"code": 4}, 403, RateLimited),
        ({"code": 17}, 403, RateLimited),
        ({"code": 32}, 403, RateLimited),
        ({"code": 341}, 400, RateLimited),
        ({"code": 613}, 400, RateLimited),
        ({"code": 368}, 400, Rejected),
        ({"code": 506}, 400, Rejected),
        ({"code": 100}, 400, Rejected),
        ({"code": 1}, 500, TransientError),
        ({"code": 2}, 503, TransientError),
        ({"code": None}, 502, TransientError),
        ({"code": 777}, 500, TransientError),
        ({"code": 777, "is_transient": True}, 400, TransientError),
        ({"code": 10}, 403, AuthExpired),
        ({"code": 230}, 403, AuthExpired),
        # Instagram's table: its "try again" rows, the publishing limit, and the rows
        # whose subcode says more than their code
        ({"code": -1, "error_subcode": 2207001}, 400, TransientError),
        ({"code": -2, "error_subcode": 2207003}, 400, TransientError),
        ({"code": -1, "error_subcode": 2207053}, 400, TransientError),
        ({"code": 9004, "error_subcode": 2207052}, 400, TransientError),
        ({"code": 24, "error_subcode": 2207008}, 400, TransientError),
        ({"code": 9, "error_subcode": 2207042}, 400, RateLimited),
        ({"code": 4, "error_subcode": 2207051}, 400, Rejected),
        ({"code": 25, "error_subcode": 2207050}, 400, AuthExpired),
        ({"code": 36003, "error_subcode": 2207009}, 400, Rejected),
    ],
)
def test_error_codes(error, status, expected) -> None:
    result = classify_error({"message": "m", **error}, "Facebook: post", status=status)
    assert type(result) is expected


def test_a_policy_block_is_explained_and_left_to_a_person() -> None:
    """368: Meta blocks the account for a while; no timer retries what set the block off."""
    error = {"code": 368, "message": "(#368) The action attempted has been deemed abusive"}
    result = classify_error(error, "Facebook: post", status=400)
    assert type(result) is Rejected
    assert "temporarily blocked this account" in result.message
    assert "nothing was published" in result.message and "reschedule" in result.message


def test_the_publishing_limit_waits_an_hour_for_the_quota() -> None:
    error = {"code": 9, "error_subcode": 2207042, "message": "You reached maximum number"}
    result = classify_error(error, "Instagram: publish", status=400, now=T0)
    assert type(result) is RateLimited and result.reset_at == T0 + timedelta(hours=1)


def test_error_messages_prefer_the_user_message_and_never_carry_the_token() -> None:
    error = {
        "message": "tech TOKEN-GRAPH-1234567",
        "error_user_msg": "Pesan untuk pengguna",
        "code": 100,
    }
    result = classify_error(error, "Facebook: post", secrets=["TOKEN-GRAPH-1234567"])
    assert "Pesan untuk pengguna" in result.message
    error = {"message": "bad token TOKEN-GRAPH-1234567", "code": 190}
    assert "TOKEN-GRAPH" not in classify_error(error, "x", secrets=["TOKEN-GRAPH-1234567"]).message
