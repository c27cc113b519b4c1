"""Platform adapters behind one interface; `for_account` picks the right one for an account."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from planner.config import Settings, get_settings
from planner.models import Account
from planner.platforms.base import Platform
from planner.platforms.sandbox import SandboxPlatform

PLATFORM_NAMES = ("x", "facebook", "instagram")


def for_account(
    account: Account,
    settings: Settings | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Platform:
    """The adapter that publishes for `account` (the sandbox for sandbox accounts)."""
    settings = settings or get_settings()
    if account.is_sandbox:
        return SandboxPlatform(account.platform, account.name, settings.outbox_dir, clock=clock)
    raise NotImplementedError(
        f"live publishing to {account.platform} is not available yet; use a sandbox account"
    )
