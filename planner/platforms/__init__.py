"""Platform adapters behind one interface; `for_account` picks the right one for an account.

Sandbox accounts get the sandbox (the default for every new installation); live accounts
get their platform's adapter with the account's decrypted tokens, wrapped in a dry run when
the account's dry-run switch is on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import requests

from planner.config import Settings, get_settings
from planner.models import Account
from planner.platforms.base import AuthExpired, Platform, TransientError
from planner.platforms.bluesky import BlueskyPlatform
from planner.platforms.dryrun import DryRunPlatform, account_folder
from planner.platforms.facebook import FacebookPlatform
from planner.platforms.instagram import InstagramPlatform
from planner.platforms.sandbox import SandboxPlatform
from planner.platforms.threads import ThreadsPlatform
from planner.platforms.x import XPlatform

ADAPTERS: dict[str, type] = {
    "x": XPlatform,
    "facebook": FacebookPlatform,
    "instagram": InstagramPlatform,
    "threads": ThreadsPlatform,
    "bluesky": BlueskyPlatform,
}


def credentials_of(account: Account, settings: Settings | None = None) -> dict[str, str]:
    """The account's decrypted tokens, or the error the worker should record."""
    from planner.secrets import SecretsUnreadable, secret_box

    if not account.secrets:
        raise AuthExpired(f"{account.name}: no tokens stored; connect the account again")
    try:
        return secret_box(settings).decrypt(account.secrets)
    except SecretsUnreadable as exc:
        # A machine with the wrong key must not mark a good account broken: retry elsewhere.
        raise TransientError(f"{account.name}: {exc}") from None


def build_adapter(
    platform: str,
    credentials: dict[str, str],
    *,
    config: dict | None = None,
    settings: Settings | None = None,
    clock: Callable[[], datetime] | None = None,
    session: requests.Session | None = None,
) -> Platform:
    """A live adapter from plain credentials (connecting an account, tests)."""
    try:
        cls = ADAPTERS[platform]
    except KeyError as exc:
        raise ValueError(f"unknown platform {platform!r}") from exc
    return cls(credentials, config=config or {}, settings=settings, session=session, clock=clock)


def for_account(
    account: Account,
    settings: Settings | None = None,
    clock: Callable[[], datetime] | None = None,
    session: requests.Session | None = None,
) -> Platform:
    """The adapter that publishes for `account` (the sandbox for sandbox accounts)."""
    settings = settings or get_settings()
    if account.is_sandbox:
        return SandboxPlatform(account.platform, account.name, settings.outbox_dir, clock=clock)
    credentials = credentials_of(account, settings)
    config = dict(account.config or {})

    def build(on: requests.Session | None) -> Platform:
        return build_adapter(
            account.platform,
            credentials,
            config=config,
            settings=settings,
            clock=clock,
            session=on if on is not None else session,
        )

    try:
        if account.dry_run:
            return DryRunPlatform(
                build,
                ADAPTERS[account.platform].dry_run_response,
                folder=account_folder(settings.dryrun_dir, account.id, account.name),
                secrets=list(credentials.values()),
                clock=clock,
            )
        return build(session)
    except ValueError as exc:  # stored settings incomplete (a field missing): not a code bug
        raise AuthExpired(f"{account.name}: {exc}; connect the account again") from None
