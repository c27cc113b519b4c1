"""What Meta's Graph API error codes mean for the worker, as data (Facebook and Instagram).

Meta's "Graph API error handling" guide gives the codes and what to do about each;
Instagram's own error-code table adds subcodes that say more than their code. Both are read
here into the worker's few error classes, with the advice a person needs where the code
alone would not say it. docs/platforms.md explains each choice (368 among them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from planner.platforms.base import (
    AuthExpired,
    PlatformError,
    RateLimited,
    Rejected,
    TransientError,
)
from planner.redaction import one_line

AUTH_CODES = {102, 190}  # session / access token invalid or expired
PERMISSION_CODES = {10, *range(200, 300)}  # the token lacks a permission: reconnect with it
RATE_CODES = {4, 17, 32, 341, 613, *range(80000, 80015)}  # app, user, page, BUC throttling
REJECT_CODES = {506}  # duplicate post: only a changed text goes out
# 368 "temporarily blocked for policies violations": Meta says wait and retry, but the block
# is on the account, for as long as Meta decides, and was set off by what it posted; retrying
# on a timer repeats that and the post may be stale by the time it lifts, so a person decides.
BLOCKED_CODES = {368}
BLOCKED_ADVICE = (
    "Meta has temporarily blocked this account from posting for a policy violation; nothing "
    "was published: see the Page's Account Quality or Support Inbox for why and how long, "
    "then reschedule the post once the block is lifted"
)
# unknown / service error; Instagram's "try again" codes (-1, -2), media download failed
# (9004, before anything is published) and media "not ready" yet (9007)
TRANSIENT_CODES = {1, 2, -1, -2, 9004, 9007}
QUOTA_RETRY = timedelta(hours=1)  # Instagram's quota is a rolling 24 h: look again in an hour
MEDIA_HINT = (
    "check that PUBLIC_MEDIA_BASE_URL serves the public media folder (Instagram fetches each "
    "image there)"
)


@dataclass(frozen=True)
class Meaning:
    """What one Instagram error subcode means for the worker, and what to tell people."""

    error: type[PlatformError]
    advice: str = ""
    retry_after: timedelta | None = None  # RateLimited only: when to look again


# Instagram's own table (instagram-platform/instagram-graph-api/reference/error-codes), by
# subcode where it says more than the code: 2207051 comes with code 4, which alone means
# throttling, and code 24 is a publishing error Instagram asks to retry with a new container.
IG_SUBCODES: dict[int, Meaning] = {
    2207006: Meaning(TransientError, "the container was not found; a new one is made on retry"),
    2207008: Meaning(TransientError, "temporary error publishing the container"),
    2207042: Meaning(
        RateLimited,
        "the account reached Instagram's limit of posts published through the API in 24 "
        "hours; nothing was published, tried again when the quota frees",
        retry_after=QUOTA_RETRY,
    ),
    2207050: Meaning(
        AuthExpired,
        "the Instagram account is inactive, checkpointed or restricted: sign in to the "
        "Instagram app, do what it asks, then reconnect the account here",
    ),
    2207051: Meaning(
        Rejected,
        "Instagram restricted this publishing action as suspected spam; nothing was "
        "published: if it is not spam, tell Instagram (the app offers it), then reschedule",
    ),
    2207052: Meaning(TransientError, f"Instagram could not download the image: {MEDIA_HINT}"),
}


def classify_error(
    error: dict[str, Any],
    what: str,
    *,
    status: int | None = None,
    now: datetime | None = None,
    usage: Any = None,
    secrets: list[str] | None = None,
) -> PlatformError:
    """Map one Graph `error` object to TransientError, RateLimited, AuthExpired or Rejected."""
    code = error.get("code")
    subcode = error.get("error_subcode")
    text = error.get("error_user_msg") or error.get("message") or "unknown error"
    message = one_line(
        f"{what}: {text} (code {code}{f'/{subcode}' if subcode else ''})", secrets or []
    )
    meaning = IG_SUBCODES.get(subcode) if isinstance(subcode, int) else None
    if meaning is not None:
        advised = f"{message}; {meaning.advice}" if meaning.advice else message
        if meaning.error is RateLimited:
            later = now + meaning.retry_after if now and meaning.retry_after else None
            return RateLimited(advised, reset_at=later)
        return meaning.error(advised)
    if code in AUTH_CODES:
        return AuthExpired(message)
    if code in RATE_CODES:
        return RateLimited(message, reset_at=_regain_at(usage, now))
    if code in BLOCKED_CODES:
        return Rejected(f"{message}; {BLOCKED_ADVICE}")
    if code in REJECT_CODES:
        return Rejected(message)
    if code in PERMISSION_CODES:
        return AuthExpired(f"{message}; reconnect with a token that has this permission")
    if error.get("is_transient") or code in TRANSIENT_CODES or code is None:
        return TransientError(message)
    if status is not None and status >= 500:
        return TransientError(message)
    return Rejected(message)


def _regain_at(headers: Any, now: datetime | None) -> datetime | None:
    """When Business Use Case throttling ends, from X-Business-Use-Case-Usage (minutes)."""
    if not headers or now is None:
        return None
    raw = headers.get("x-business-use-case-usage") if hasattr(headers, "get") else None
    if not raw:
        return None
    try:
        usage = json.loads(raw)
    except ValueError:
        return None
    minutes = [
        entry.get("estimated_time_to_regain_access", 0)
        for entries in usage.values()
        for entry in (entries if isinstance(entries, list) else [])
    ]
    longest = max(minutes, default=0)
    return now + timedelta(minutes=longest) if longest else None
