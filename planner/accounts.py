"""Social media accounts: connect, test, reconnect, disconnect, dry run; checks before scheduling.

Tokens are tested before they are stored, stored only encrypted (planner/secrets.py), and
never handed back: `AccountView`, the only shape the UI and the CLI see, has no token field.
Several accounts per platform are fine (a library and its children's section, say); the
same remote account cannot be connected twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.limits import limits_for, media_problems
from planner.media import asset_path
from planner.models import Account, AccountStatus, MediaAsset, PostStatus, PostTarget
from planner.notify import notify
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.platforms import ADAPTERS, build_adapter, credentials_of, for_account
from planner.platforms.base import AccountInfo, AuthExpired, MediaItem, Platform, PlatformError
from planner.public_media import aspect_problem, base_url_problem
from planner.secrets import secret_box

AdapterFactory = Callable[..., Platform]
AccountFactory = Callable[[Account], Platform]
_OPEN = (PostStatus.SCHEDULED.value, PostStatus.RETRYING.value)


class AccountError(ValueError):
    """An account action that cannot be done as asked; the message says why."""


@dataclass(frozen=True)
class AccountView:
    """An account as people and scripts see it: everything but the tokens."""

    id: int
    platform: str
    name: str
    handle: str
    is_sandbox: bool
    status: str
    status_reason: str
    dry_run: bool
    has_tokens: bool
    config: dict[str, Any]
    waiting_posts: int
    created_at: datetime

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def credential_fields(platform: str) -> tuple[str, ...]:
    """The secret fields a platform's connection needs (shown as password inputs)."""
    return _adapter_class(platform).credential_fields


def config_fields(platform: str) -> tuple[str, ...]:
    """The non-secret fields a platform's connection needs (ids)."""
    return _adapter_class(platform).config_fields


def missing_credentials(platform: str, credentials: dict[str, str]) -> list[str]:
    """The platform's token fields left empty, in form order (checked before any test call)."""
    given = _clean(credentials)
    return [f for f in credential_fields(platform) if f not in given]


def _adapter_class(platform: str) -> type:
    try:
        return ADAPTERS[platform]
    except KeyError as exc:
        known = ", ".join(ADAPTERS)
        raise AccountError(f"unknown platform {platform!r}; use one of {known}") from exc


def _clean(values: dict[str, str] | None) -> dict[str, str]:
    return {k: str(v).strip() for k, v in (values or {}).items() if str(v or "").strip()}


def get_account(session: Session, account_id: int) -> Account:
    """The account with this id, or an AccountError saying there is none."""
    account = session.get(Account, account_id)
    if account is None:
        raise AccountError(f"no account with id {account_id}")
    return account


def _waiting(session: Session, account_id: int) -> int:
    return session.exec(
        select(func.count())
        .select_from(PostTarget)
        .where(PostTarget.account_id == account_id, col(PostTarget.status).in_(_OPEN))
    ).one()


def view(session: Session, account: Account) -> AccountView:
    """The token-free view of one account."""
    return AccountView(
        id=account.id,
        platform=account.platform,
        name=account.name,
        handle=account.handle,
        is_sandbox=account.is_sandbox,
        status=account.status,
        status_reason=account.status_reason,
        dry_run=account.dry_run,
        has_tokens=bool(account.secrets),
        config=dict(account.config or {}),
        waiting_posts=_waiting(session, account.id),
        created_at=account.created_at,
    )


def list_accounts(session: Session) -> list[AccountView]:
    """Every account, by platform, live ones after the sandbox ones."""
    accounts = session.exec(
        select(Account).order_by(Account.platform, col(Account.is_sandbox).desc(), Account.id)
    ).all()
    return [view(session, a) for a in accounts]


def all_accounts(session: Session) -> list[Account]:
    """Every account in the order it was connected (the CLI's slot list)."""
    return list(session.exec(select(Account).order_by(Account.id)))


def active_accounts(session: Session) -> list[Account]:
    """The accounts posts can go to now, in the order they were connected."""
    query = select(Account).where(Account.status == AccountStatus.ACTIVE).order_by(Account.id)
    return list(session.exec(query))


def _test(
    platform: str,
    credentials: dict[str, str],
    config: dict[str, str],
    settings: Settings,
    factory: AdapterFactory,
) -> tuple[AccountInfo, dict[str, Any]]:
    try:
        adapter = factory(platform, credentials, config=config, settings=settings)
        info = adapter.check_connection()
    except PlatformError as exc:
        raise AccountError(f"connection test failed: {exc.message}") from None
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    return info, {**config, **adapter.account_config(info)}


def manage_action(account: Account | None) -> Action:
    """Live accounts are the admin's; training (sandbox) accounts also the trainers'."""
    if account is not None and account.is_sandbox:
        return Action.MANAGE_SANDBOX_ACCOUNTS
    return Action.MANAGE_ACCOUNTS


def _managed(session: Session, actor: Actor, account_id: int) -> Account:
    """The account, after checking `actor` may manage that kind of account."""
    account = get_account(session, account_id)
    check(session, actor, manage_action(account), ("account", account_id))
    return get_account(session, account_id)


def add_sandbox_account(
    session: Session, *, actor: Actor, platform: str, name: str, handle: str = ""
) -> Account:
    """A training account: posts to it are recorded, never sent (for practice and demos)."""
    check(session, actor, Action.MANAGE_SANDBOX_ACCOUNTS, ("account", None))
    if platform not in ADAPTERS:
        raise AccountError(f"unknown platform {platform!r}")
    account = Account(
        platform=platform, name=name.strip() or platform, handle=handle, is_sandbox=True
    )
    session.add(account)
    session.flush()
    audit.record(session, actor, "account.connect", ("account", account.id), sandbox=True)
    return account


def connect_account(
    session: Session,
    *,
    actor: Actor,
    platform: str,
    credentials: dict[str, str],
    config: dict[str, str] | None = None,
    name: str = "",
    dry_run: bool = False,
    settings: Settings | None = None,
    adapter_factory: AdapterFactory = build_adapter,
) -> Account:
    """Test the tokens, then store them encrypted as a new account (or revive a disconnected)."""
    check(session, actor, Action.MANAGE_ACCOUNTS, ("account", None))
    settings = settings or get_settings()
    missing = missing_credentials(platform, credentials)
    if missing:
        raise AccountError(f"{platform}: fill in {', '.join(missing)}")
    given = _clean(credentials)
    credentials = {f: given[f] for f in credential_fields(platform)}
    info, stored_config = _test(platform, credentials, _clean(config), settings, adapter_factory)
    key = _adapter_class(platform).remote_id_key  # the config field naming the remote account
    existing = [
        a
        for a in session.exec(
            select(Account).where(Account.platform == platform, col(Account.is_sandbox).is_(False))
        ).all()
        if str((a.config or {}).get(key)) == info.remote_id
    ]
    account = next((a for a in existing if a.status == AccountStatus.DISCONNECTED), None)
    active = [a for a in existing if a.status != AccountStatus.DISCONNECTED]
    if active:
        raise AccountError(
            f"{info.handle or info.name} is already connected as “{active[0].name}” "
            f"(#{active[0].id}); use Reconnect there to replace its tokens"
        )
    if account is None:
        account = Account(platform=platform, is_sandbox=False)
        session.add(account)
    account.name = name.strip() or info.name or info.handle or platform
    account.handle = info.handle
    account.status = AccountStatus.ACTIVE.value
    account.status_reason = ""
    account.secrets = secret_box(settings).encrypt(credentials)
    account.config = stored_config
    account.dry_run = dry_run
    session.flush()
    # Never the tokens: who connected which remote account, and that is all.
    audit.record(
        session,
        actor,
        "account.connect",
        ("account", account.id),
        platform=platform,
        handle=account.handle,
    )
    return account


def reconnect_account(
    session: Session,
    account_id: int,
    credentials: dict[str, str],
    *,
    actor: Actor,
    settings: Settings | None = None,
    adapter_factory: AdapterFactory = build_adapter,
) -> Account:
    """Replace a live account's tokens (blank fields keep their stored value) after a test."""
    settings = settings or get_settings()
    account = _managed(session, actor, account_id)
    if account.is_sandbox:
        raise AccountError("sandbox accounts have no tokens to replace")
    old: dict[str, str] = {}
    if account.secrets:
        try:
            old = credentials_of(account, settings)
        except PlatformError:
            old = {}  # unreadable with this key: every field must be typed again
    merged = {**old, **_clean(credentials)}
    fields = credential_fields(account.platform)
    missing = [f for f in fields if f not in merged]
    if missing:
        raise AccountError(f"{account.platform}: fill in {', '.join(missing)}")
    merged = {f: merged[f] for f in fields}
    config = {
        k: v for k, v in (account.config or {}).items() if k in config_fields(account.platform)
    }
    info, stored_config = _test(account.platform, merged, config, settings, adapter_factory)
    key = _adapter_class(account.platform).remote_id_key
    known = (account.config or {}).get(key)
    if known and str(known) != info.remote_id:
        raise AccountError(
            f"these tokens belong to {info.handle or info.name}, not to “{account.name}”; "
            "connect that account separately"
        )
    account.secrets = secret_box(settings).encrypt(merged)
    account.config = {**(account.config or {}), **stored_config}
    account.handle = info.handle or account.handle
    account.status = AccountStatus.ACTIVE.value
    account.status_reason = ""
    session.flush()
    audit.record(session, actor, "account.reconnect", ("account", account.id))
    return account


@dataclass(frozen=True)
class ConnectionCheck:
    """The outcome of 'Test connection', as shown to a person."""

    ok: bool
    message: str
    info: AccountInfo | None = None


def check_account(
    session: Session,
    account_id: int,
    *,
    actor: Actor,
    settings: Settings | None = None,
    account_factory: AccountFactory | None = None,
) -> ConnectionCheck:
    """Check the stored tokens; a revoked token marks the account 'reconnect needed'."""
    settings = settings or get_settings()
    account = _managed(session, actor, account_id)
    if account.status == AccountStatus.DISCONNECTED:
        return ConnectionCheck(False, "the account is disconnected; connect it again")
    factory = account_factory or (lambda a: for_account(a, settings))
    try:
        info = factory(account).check_connection()
    except AuthExpired as exc:
        mark_reconnect_needed(session, account_id, exc.message)
        return ConnectionCheck(False, exc.message)
    except PlatformError as exc:
        return ConnectionCheck(False, exc.message)
    if account.status == AccountStatus.RECONNECT_NEEDED:
        account.status = AccountStatus.ACTIVE.value
        account.status_reason = ""
    if info.handle and not account.is_sandbox:
        account.handle = info.handle
    session.flush()
    return ConnectionCheck(True, f"connected as {info.handle or info.name}", info)


def mark_reconnect_needed(session: Session, account_id: int, reason: str) -> bool:
    """Stop publishing to the account until someone reconnects it, and say why.

    The one place an invalid token is acted on, whoever found it (the worker publishing,
    the metrics collector, 'Test connection'): only this account's queue waits, and people
    are told in the inbox the first time. Returns whether the account was active until now.
    """
    account = get_account(session, account_id)
    if account.status == AccountStatus.DISCONNECTED:
        return False  # already stopped on purpose; its tokens are gone anyway
    was_active = account.status == AccountStatus.ACTIVE
    account.status = AccountStatus.RECONNECT_NEEDED.value
    account.status_reason = reason[:500]
    if was_active:
        notify(
            session,
            "notify.reconnect",
            level="error",
            account_id=account.id,
            account=account.name,
            platform=account.platform,
            kind=AuthExpired.kind,
            detail=reason,
        )
    session.flush()
    return was_active


def disconnect_account(session: Session, account_id: int, *, actor: Actor) -> int:
    """Forget the tokens and stop publishing; returns how many scheduled posts now wait."""
    account = _managed(session, actor, account_id)
    account.secrets = None
    account.status = AccountStatus.DISCONNECTED.value
    account.status_reason = "disconnected"
    session.flush()
    audit.record(session, actor, "account.disconnect", ("account", account_id))
    return _waiting(session, account_id)


def set_dry_run(session: Session, account_id: int, on: bool, *, actor: Actor) -> Account:
    """Switch the account between sending for real and recording what it would send."""
    account = _managed(session, actor, account_id)
    if account.is_sandbox:
        raise AccountError("sandbox accounts never send anything; dry run is for live accounts")
    account.dry_run = on
    session.flush()
    audit.record(session, actor, "account.dry_run", ("account", account_id), on=on)
    return account


def publishing_problems(
    session: Session, account: Account | None, media_asset_id: int | None
) -> list[str]:
    """What would stop a live account from publishing this post (checked when scheduling)."""
    if account is None or account.is_sandbox:
        return []
    problems: list[str] = []
    limits = limits_for(account.platform)
    asset = session.get(MediaAsset, media_asset_id) if media_asset_id else None
    # Instagram and Threads download each image from PUBLIC_MEDIA_BASE_URL themselves.
    if _adapter_class(account.platform).fetches_images and (asset or limits.requires_image):
        problem = base_url_problem()
        if problem:
            problems.append(problem)
    if asset is not None:
        item = MediaItem(path=asset_path(asset), alt_text="", mime=asset.mime)
        convertible = _adapter_class(account.platform).convertible  # what it re-encodes
        problems += media_problems(item, limits, convertible=convertible)
        shape = aspect_problem(asset.width, asset.height, limits)
        if shape:
            problems.append(shape)
    return [f"{account.name}: {p}" for p in problems]
