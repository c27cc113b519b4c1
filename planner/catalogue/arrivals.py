"""The weekly "Koleksi baru pekan ini" draft: after a harvest, new arrivals go to review.

A source proposes at most one such post a week, about the books it first saw in the last
seven days (those with a catalogue cover first, at most five), drafted from the book-list
template with a text for every platform and each book's catalogue link. The post waits in
Review (or, when a text needs a person's hand first, in Drafts): nothing is scheduled and
nothing goes out until a person approves it and picks a time.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from planner.accounts import active_accounts
from planner.catalogue.sources import opac_home
from planner.config import get_settings
from planner.db import session_scope
from planner.drafting import DraftError, make_draft
from planner.i18n import t
from planner.models import CatalogueRecord, CatalogueSource, CollectionItem
from planner.people.actors import SYSTEM
from planner.review.decisions import submit
from planner.review.drafts import save_draft
from planner.review.errors import ReviewError
from planner.scheduling import PostCreate

log = logging.getLogger(__name__)

TEMPLATE = "new-arrivals-list"
WEEK = timedelta(days=7)
MOST = 5  # covers the book-list picture shows well, and titles a post can carry


def new_arrivals(session: Session, source_id: int, now: datetime) -> list[CatalogueRecord]:
    """Records first seen in the last week, not proposed yet, covered ones first (at most 5)."""
    query = (
        select(CatalogueRecord)
        .join(CollectionItem, CollectionItem.id == CatalogueRecord.item_id)
        .where(CatalogueRecord.source_id == source_id)
        .where(CatalogueRecord.is_new == True)  # noqa: E712 (SQL comparison)
        .where(CatalogueRecord.deleted == False)  # noqa: E712
        .where(col(CatalogueRecord.proposed_post_id).is_(None))
        .where(CatalogueRecord.first_seen_at >= now - WEEK)
        .order_by(
            col(CollectionItem.cover_asset_id).is_(None),
            col(CatalogueRecord.first_seen_at).desc(),
            col(CatalogueRecord.id),
        )
        .limit(MOST)
    )
    return list(session.exec(query))


def propose_arrivals(source_id: int, *, now: datetime) -> tuple[int | None, str]:
    """Draft this week's new-arrivals post for review; (post id or None, why none)."""
    settings = get_settings()
    with session_scope() as session:
        source = session.get(CatalogueSource, source_id)
        if source.arrivals_at is not None and now - source.arrivals_at < WEEK:
            return None, "already_this_week"
        records = new_arrivals(session, source_id, now)
        if not records:
            return None, "no_new_books"
        accounts = [a for a in active_accounts(session) if not a.paused]
        live = [a for a in accounts if not a.is_sandbox]
        accounts = live or accounts
        if not accounts:
            return None, "no_accounts"
        locale = settings.locale
        try:
            draft = make_draft(
                session,
                TEMPLATE,
                actor=SYSTEM,
                item_ids=[r.item_id for r in records],
                values={"opac_url": opac_home(source)},
                locale=locale,
                settings=settings,
            )
        except DraftError as exc:
            log.warning("new-arrivals draft for %s not made: %s", source.name, exc)
            return None, "draft_failed"
        post = save_draft(
            session,
            actor=SYSTEM,
            data=PostCreate(
                title=t("catalogue.arrivals_title", locale),
                texts=draft.texts,
                account_ids=[a.id for a in accounts],
                media_asset_id=draft.media_asset_id,
                alt_text=draft.alt_text,
                link=draft.link,
                template_id=draft.template_id,
                author=t("catalogue.arrivals_author", locale, name=source.name),
            ),
        )
        for record in records:
            record.proposed_post_id = post.id
            session.add(record)
        source.arrivals_post_id, source.arrivals_at = post.id, now
        session.add(source)
        post_id = post.id
    with session_scope() as session:  # to Review; a text that does not pass stays a draft
        try:
            submit(session, actor=SYSTEM, post_id=post_id, now=now)
        except ReviewError as exc:
            log.info("new-arrivals draft #%s stays a draft: %s", post_id, exc)
            session.rollback()
            return post_id, "kept_as_draft"
    return post_id, "in_review"
