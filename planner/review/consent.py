"""Consent for pictures of people: marked at upload, recorded on the media page.

Whoever uploads may say an image shows identifiable people; recording that consent was
given (and how: a signed form, a parent's agreement) is an edit of the media library.
"""

from __future__ import annotations

from sqlmodel import Session

from planner.models import MediaAsset
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.review.errors import ReviewError


def _asset(session: Session, asset_id: int) -> MediaAsset:
    asset = session.get(MediaAsset, asset_id)
    if asset is None:
        raise ReviewError("no_image", image=f"#{asset_id}")
    return asset


def mark_shows_people(session: Session, *, actor: Actor, asset_id: int) -> MediaAsset:
    """The uploader's tick: this image shows identifiable people (consent still to record)."""
    check(session, actor, Action.UPLOAD_MEDIA, ("media", asset_id))
    asset = _asset(session, asset_id)
    if not asset.shows_people:
        asset.shows_people = True
        session.add(asset)
        audit.record(session, actor, "media.shows_people", ("media", asset_id), shows_people=True)
    return asset


def set_consent(
    session: Session,
    *,
    actor: Actor,
    asset_id: int,
    shows_people: bool,
    consent_recorded: bool,
    note: str = "",
) -> MediaAsset:
    """Whether the image shows people and whether (and how) their consent was recorded."""
    check(session, actor, Action.EDIT_MEDIA, ("media", asset_id))
    asset = _asset(session, asset_id)
    note = note.strip()[:500]
    if consent_recorded and shows_people and not note:
        raise ReviewError("consent_note_required")
    asset.shows_people = shows_people
    asset.consent_recorded = consent_recorded and shows_people
    asset.consent_note = note if shows_people else ""
    session.add(asset)
    audit.record(
        session,
        actor,
        "media.consent",
        ("media", asset_id),
        shows_people=asset.shows_people,
        consent_recorded=asset.consent_recorded,
        note=asset.consent_note,
    )
    return asset
