"""Small builders for test data (accounts, events, items, queue rows), with sensible defaults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from planner.models import Account, CollectionItem, Event, Post, PostTarget


def add_sandbox_accounts(
    session: Session, platforms: tuple[str, ...] = ("x", "facebook", "instagram")
) -> list[Account]:
    """One sandbox account per platform (the first three unless told: tests count them)."""
    accounts = [
        Account(platform=p, name=f"Sandbox {p}", handle=f"@test_{p}", is_sandbox=True)
        for p in platforms
    ]
    session.add_all(accounts)
    session.flush()
    return accounts


def add_event(session: Session, **overrides) -> Event:
    """An event a week from now unless told otherwise."""
    values = dict(
        key=f"ev-{datetime.now(UTC).timestamp()}-{overrides.get('title', 'x')}",
        title="Dongeng Anak: Si Kancil",
        starts_at=datetime.now(UTC) + timedelta(days=7),
        place="Ruang Baca Anak, Perpustakaan Kota Pekalongan",
        description="Dongeng interaktif.",
        registration_url="https://perpustakaan.example/daftar",
    )
    values.update(overrides)
    event = Event(**values)
    session.add(event)
    session.flush()
    return event


def add_item(session: Session, **overrides) -> CollectionItem:
    """A collection item without cover unless told otherwise."""
    values = dict(
        key=f"it-{overrides.get('title', 'laut')}",
        title="Laut Bercerita",
        author="Leila S. Chudori",
        call_number="899.221 3 CHU l",
    )
    values.update(overrides)
    item = CollectionItem(**values)
    session.add(item)
    session.flush()
    return item


def add_account(session: Session, platform: str = "x", **overrides) -> Account:
    """A sandbox account on `platform`, active and not paused unless told otherwise."""
    values = dict(platform=platform, name=f"Akun {platform}", handle=f"@akun_{platform}")
    values.update(overrides)
    account = Account(**values)
    session.add(account)
    session.flush()
    return account


def add_target(
    session: Session, account: Account, due_at: datetime, *, post: Post | None = None, **overrides
) -> PostTarget:
    """A scheduled target on `account` due at `due_at`: a queue row set up directly, in any
    state, without going through scheduling. It gets a post of its own unless `post` is given."""
    if post is None:
        post = Post(title="t", status=overrides.get("status", "scheduled"))
        session.add(post)
        session.flush()
    values = dict(
        post_id=post.id,
        account_id=account.id,
        platform=account.platform,
        text="Halo",
        status="scheduled",
        due_at=due_at,
    )
    values.update(overrides)
    target = PostTarget(**values)
    session.add(target)
    session.flush()
    return target
