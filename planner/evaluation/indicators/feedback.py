"""Feedback notes: what users said (front desk, suggestion box, a comment), recorded by staff.

Counted per month by sentiment and by source; the platforms' own comment counts are set
beside them by planner.evaluation.indicators.views.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from planner.config import get_settings
from planner.evaluation.indicators.errors import IndicatorError
from planner.models import Event, FeedbackNote, Post, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action

SENTIMENTS = ("positive", "neutral", "negative")
# Sources staff pick from in the page; any other short word is kept as typed.
SOURCES = ("front_desk", "suggestion_box", "social_comment", "message", "survey", "other")
SENTIMENT_WORDS = {
    "positive": "positive", "positif": "positive", "+": "positive", "baik": "positive",
    "neutral": "neutral", "netral": "neutral", "0": "neutral", "biasa": "neutral",
    "negative": "negative", "negatif": "negative", "-": "negative", "buruk": "negative",
}  # fmt: skip
MAX_TEXT = 4000


@dataclass(frozen=True)
class FeedbackIn:
    """A note as a person gives it (form, command line or a CSV row)."""

    noted_on: date
    sentiment: str
    text: str
    source: str = ""
    post_id: int | None = None
    event_id: int | None = None

    @property
    def title(self) -> str:
        """How an import report names the row."""
        return self.text[:60]


def sentiment_of(word: str) -> str:
    """'positive' | 'neutral' | 'negative' from either language; IndicatorError otherwise."""
    value = SENTIMENT_WORDS.get((word or "").strip().casefold())
    if value is None:
        raise IndicatorError("bad_sentiment", value=(word or "").strip())
    return value


def checked(note: FeedbackIn, session: Session, today: date) -> FeedbackIn:
    """The note with its sentiment and links checked; IndicatorError naming the problem."""
    text = (note.text or "").strip()
    if not text:
        raise IndicatorError("no_text")
    if len(text) > MAX_TEXT:
        raise IndicatorError("text_too_long", limit=MAX_TEXT)
    if note.noted_on > today:
        raise IndicatorError("future_date", day=note.noted_on.isoformat())
    source = " ".join((note.source or "").split())[:60]
    if note.post_id is not None and session.get(Post, note.post_id) is None:
        raise IndicatorError("no_post", id=note.post_id)
    if note.event_id is not None and session.get(Event, note.event_id) is None:
        raise IndicatorError("no_event", id=note.event_id)
    return FeedbackIn(
        note.noted_on, sentiment_of(note.sentiment), text, source, note.post_id, note.event_id
    )


def store(session: Session, note: FeedbackIn, actor: Actor | None) -> FeedbackNote:
    """Write a checked note."""
    row = FeedbackNote(
        noted_on=note.noted_on,
        sentiment=note.sentiment,
        text=note.text,
        source=note.source,
        post_id=note.post_id,
        event_id=note.event_id,
        created_by_id=actor.id if actor else None,
    )
    session.add(row)
    session.flush()
    return row


def add_feedback(
    session: Session, note: FeedbackIn, *, actor: Actor, today: date | None = None
) -> FeedbackNote:
    """Record one feedback note; audited."""
    check(session, actor, Action.RECORD_INDICATORS, ("feedback_note", None))
    today = today or local_today(utcnow(), get_settings().tz)
    row = store(session, checked(note, session, today), actor)
    audit.record(
        session, actor, Action.RECORD_INDICATORS.value, ("feedback_note", row.id),
        sentiment=row.sentiment, source=row.source,
    )  # fmt: skip
    return row


def delete_feedback(session: Session, note_id: int, *, actor: Actor) -> None:
    """Remove a note recorded by mistake; audited with what it said."""
    check(session, actor, Action.RECORD_INDICATORS, ("feedback_note", note_id))
    row = session.get(FeedbackNote, note_id)
    if row is None:
        raise IndicatorError("no_note", id=note_id)
    audit.record(
        session, actor, "indicators.feedback_delete", ("feedback_note", note_id),
        text=row.text[:200], noted_on=row.noted_on.isoformat(),
    )  # fmt: skip
    session.delete(row)
    session.flush()


def list_feedback(
    session: Session, first: date, last: date, *, sentiment: str | None = None
) -> list[FeedbackNote]:
    """Notes from `first` to `last` (inclusive), newest first."""
    query = select(FeedbackNote).where(
        col(FeedbackNote.noted_on) >= first, col(FeedbackNote.noted_on) <= last
    )
    if sentiment:
        query = query.where(FeedbackNote.sentiment == sentiment)
    query = query.order_by(col(FeedbackNote.noted_on).desc(), col(FeedbackNote.id).desc())
    return list(session.exec(query).all())


def local_today(now: datetime, zone: ZoneInfo) -> date:
    """The library's date at `now` (a note written late in the evening is still today)."""
    return now.astimezone(zone).date()
