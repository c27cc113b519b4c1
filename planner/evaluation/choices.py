"""What the dashboard's filters offer (accounts, campaigns, templates, authors that exist), and
a cheap stamp that changes whenever new figures arrive or a post changes (the change counter),
so cached results are read again."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from planner.changes import version
from planner.models import (
    Account,
    AudienceSnapshot,
    Campaign,
    MetricSnapshot,
    Post,
    User,
)


@dataclass(frozen=True)
class Choices:
    """(value, label) pairs for each filter, sorted by label."""

    platforms: list[str]
    accounts: list[tuple[int, str]]
    campaigns: list[tuple[int, str]]
    templates: list[str]
    authors: list[tuple[int, str]]


def filter_choices(session: Session) -> Choices:
    """Every platform, account, campaign, template and author a filter can name."""
    accounts = session.execute(
        select(Account.id, Account.name, Account.platform).order_by(Account.platform, Account.name)
    ).all()
    campaigns = session.execute(select(Campaign.id, Campaign.name).order_by(Campaign.name)).all()
    templates = session.scalars(
        select(Post.template_id).where(col(Post.template_id).is_not(None)).distinct()
    ).all()
    author_ids = select(Post.author_id).where(col(Post.author_id).is_not(None)).distinct()
    authors = session.execute(
        select(User.id, User.display_name, User.username)
        .where(col(User.id).in_(author_ids))
        .order_by(User.username)
    ).all()
    return Choices(
        platforms=sorted({a.platform for a in accounts}),
        accounts=[(a.id, a.name) for a in accounts],
        campaigns=[(c.id, c.name) for c in campaigns],
        templates=sorted(templates),
        authors=[(u.id, u.display_name or u.username) for u in authors],
    )


def data_stamp(session: Session) -> tuple:
    """Changes when a snapshot or an audience count is added, or a post or target changes.

    Three index or primary-key reads, so a page can check it on every run before deciding
    whether its cached figures are still current. Snapshots are only ever added (their
    newest id says it all); posts and targets move the change counter, which, unlike their
    newest `updated_at`, also moves for a deletion and for a transaction committed late.
    """
    return (
        session.scalar(select(func.max(MetricSnapshot.id))),
        session.scalar(select(func.max(AudienceSnapshot.id))),
        version(session),
    )
