"""Small builders for test data (accounts, events, items), with sensible defaults."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from planner.models import Account, CollectionItem, Event


def add_sandbox_accounts(session: Session) -> list[Account]:
    """One sandbox account per platform."""
    accounts = [
        Account(platform=p, name=f"Sandbox {p}", handle=f"@test_{p}", is_sandbox=True)
        for p in ("x", "facebook", "instagram")
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
