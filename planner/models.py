"""All database tables, in one place (schema changes go through Alembic migrations).

Times are stored as naive UTC and come back timezone-aware (UTC); conversion to the
library's zone happens only when showing or reading a date from a person.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.types import DateTime, TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC on every engine and hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; attach a time zone first")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _ts(**kw: Any) -> Any:
    """A UTC timestamp column."""
    return Field(sa_type=UTCDateTime, **kw)


def _json(default: Any) -> Any:
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


class Role(StrEnum):
    """What a person may do; the permission table is planner/people/roles.py."""

    ADMIN = "admin"
    MANAGER = "manager"
    STAFF = "staff"
    TRAINER = "trainer"
    TRAINEE = "trainee"


class AccountStatus(StrEnum):
    ACTIVE = "active"
    RECONNECT_NEEDED = "reconnect_needed"
    DISCONNECTED = "disconnected"


class PostStatus(StrEnum):
    """Where a post (or one of its targets) stands; the allowed moves: planner/lifecycle.py."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    RETRYING = "retrying"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs_attention"
    CANCELLED = "cancelled"


class User(SQLModel, table=True):
    """A person who signs in; what they may do follows from `role` (planner/people/roles.py)."""

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True, max_length=80)
    display_name: str = ""
    role: str = Field(default=Role.STAFF.value, max_length=20)
    password_hash: str | None = None
    locale: str = "id"
    active: bool = True
    created_at: datetime = _ts(default_factory=utcnow)
    email: str = ""
    # Still the published demo password: the sign-in page may show it, `serve` off-loopback won't.
    demo_password: bool = False
    # Bumped by a password reset, role change or disable: every older session stops working.
    session_version: int = 1
    totp_secret: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # sealed
    # The last time step (30 s) whose code was accepted: a code is never accepted twice.
    totp_last_step: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    failed_signins: int = 0
    last_failed_at: datetime | None = _ts(default=None, nullable=True)
    last_signin_at: datetime | None = _ts(default=None, nullable=True)


class UserSession(SQLModel, table=True):
    """One signed-in browser; the cookie carries its id, the row its idle clock."""

    __tablename__ = "user_session"

    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user_account.id", index=True)
    session_version: int = 1
    created_at: datetime = _ts(default_factory=utcnow)
    last_seen_at: datetime = _ts(default_factory=utcnow)
    ended_at: datetime | None = _ts(default=None, nullable=True)


class AuditEntry(SQLModel, table=True):
    """Who did what to what, when; written only by services and never changed afterwards."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_object", "object_type", "object_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, index=True)
    actor_name: str = Field(default="", max_length=80)
    action: str = Field(max_length=40, index=True)
    object_type: str = Field(default="", max_length=30)
    object_id: str = Field(default="", max_length=80)
    outcome: str = Field(default="ok", max_length=20)  # ok | denied | failed
    detail: dict[str, Any] = _json(dict)


class PostComment(SQLModel, table=True):
    """A remark on a post in review: a comment, or the reason given with a decision."""

    __tablename__ = "post_comment"

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id")
    author_name: str = Field(default="", max_length=80)
    kind: str = Field(default="comment", max_length=20)  # comment | approved | changes | rejected
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = _ts(default_factory=utcnow)


class Account(SQLModel, table=True):
    """One social media account (or sandbox stand-in) that posts can target."""

    __tablename__ = "account"

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(index=True, max_length=20)
    name: str
    handle: str = ""
    is_sandbox: bool = True
    status: str = Field(default=AccountStatus.ACTIVE.value, max_length=30)
    status_reason: str = ""
    secrets: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    config: dict[str, Any] = _json(dict)
    dry_run: bool = False
    paused: bool = False
    created_at: datetime = _ts(default_factory=utcnow)


class PostingSlot(SQLModel, table=True):
    """A recurring local time at which an account likes to post (for 'add to queue')."""

    __tablename__ = "posting_slot"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    weekday: int  # Monday = 0
    local_time: str = Field(max_length=5)  # "HH:MM" in the library's zone


class Event(SQLModel, table=True):
    """A library programme that posts promote."""

    __tablename__ = "event"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=120)
    title: str
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    category: str = ""
    starts_at: datetime = _ts()
    ends_at: datetime | None = _ts(default=None, nullable=True)
    place: str = ""
    speaker: str = ""
    audience: str = ""
    registration_url: str = ""
    image_asset_id: int | None = Field(default=None, foreign_key="media_asset.id")
    attendance: int | None = None  # people who came, entered after the event
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)


class CollectionItem(SQLModel, table=True):
    """A book or other holding that collection posts feature."""

    __tablename__ = "collection_item"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=120)
    isbn: str | None = Field(default=None, index=True, max_length=20)
    title: str
    subtitle: str = ""
    author: str = ""
    publisher: str = ""
    year: str = ""
    call_number: str = ""
    subjects: list[str] = _json(list)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    opac_url: str = ""
    cover_asset_id: int | None = Field(default=None, foreign_key="media_asset.id")
    created_at: datetime = _ts(default_factory=utcnow)


class TemplateRecord(SQLModel, table=True):
    """A content template made in the UI (file templates live in content_templates/)."""

    __tablename__ = "template_record"

    id: str = Field(primary_key=True, max_length=80)
    data: dict[str, Any] = _json(dict)
    version: int = 1
    updated_at: datetime = _ts(default_factory=utcnow)
    updated_by: str = ""


class TemplateVersion(SQLModel, table=True):
    """Every saved version of a UI-made template, for history and rollback."""

    __tablename__ = "template_version"

    id: int | None = Field(default=None, primary_key=True)
    template_id: str = Field(foreign_key="template_record.id", index=True, max_length=80)
    version: int
    data: dict[str, Any] = _json(dict)
    created_at: datetime = _ts(default_factory=utcnow)
    author: str = ""


class MediaAsset(SQLModel, table=True):
    """An image stored under the data directory by content hash."""

    __tablename__ = "media_asset"

    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(unique=True, index=True, max_length=64)
    filename: str = Field(max_length=120)  # relative to uploads_dir; never user supplied
    original_name: str = ""
    mime: str = "image/jpeg"
    width: int = 0
    height: int = 0
    size_bytes: int = 0
    kind: str = "upload"  # upload | render | cover | logo
    alt_text: str = ""
    created_at: datetime = _ts(default_factory=utcnow)
    phash: str = Field(default="", max_length=16)  # 64-bit difference hash, finds near-copies
    uploaded_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    # Identifiable people in the picture: publishing it needs their (or a parent's) consent.
    shows_people: bool = False
    consent_recorded: bool = False
    consent_note: str = ""


class BrandKit(SQLModel, table=True):
    """The library's visual identity used by the image renderer."""

    __tablename__ = "brand_kit"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    data: dict[str, Any] = _json(dict)
    logo_asset_id: int | None = Field(default=None, foreign_key="media_asset.id")
    is_active: bool = True


class Campaign(SQLModel, table=True):
    """A group of posts promoting one event (announcement, reminder, recap)."""

    __tablename__ = "campaign"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    event_id: int | None = Field(default=None, foreign_key="event.id")
    created_at: datetime = _ts(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    approved_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    approved_at: datetime | None = _ts(default=None, nullable=True)


class Series(SQLModel, table=True):
    """A recurring post, e.g. every Friday 09.00 local time."""

    __tablename__ = "series"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    rule: dict[str, Any] = _json(dict)
    timezone: str = "Asia/Jakarta"
    anchor_at: datetime = _ts()
    content: dict[str, Any] = _json(dict)
    account_ids: list[int] = _json(list)
    active: bool = True
    created_at: datetime = _ts(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class Post(SQLModel, table=True):
    """One piece of content; it goes out through one PostTarget per account."""

    __tablename__ = "post"

    id: int | None = Field(default=None, primary_key=True)
    title: str = ""
    template_id: str | None = Field(default=None, max_length=80)
    event_id: int | None = Field(default=None, foreign_key="event.id")
    item_id: int | None = Field(default=None, foreign_key="collection_item.id")
    campaign_id: int | None = Field(default=None, foreign_key="campaign.id")
    series_id: int | None = Field(default=None, foreign_key="series.id")
    author: str = ""
    media_asset_id: int | None = Field(default=None, foreign_key="media_asset.id")
    alt_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    link: str = ""
    status: str = Field(default=PostStatus.DRAFT.value, max_length=20, index=True)
    version: int = 1
    import_key: str | None = Field(default=None, unique=True, max_length=120)
    created_at: datetime = _ts(default_factory=utcnow)
    updated_at: datetime = _ts(default_factory=utcnow)
    # A person cancelled the post; an in-flight send that fails is then not retried.
    cancelled_at: datetime | None = _ts(default=None, nullable=True)
    # Who wrote it (`author` keeps the name as shown, for posts made before sign-in existed).
    author_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    # Review: "" (none) | in_review | approved | changes | rejected; `approved_version` is the
    # version a reviewer approved, so an edit after that makes the approval stale.
    review_state: str = Field(default="", max_length=20)
    submitted_at: datetime | None = _ts(default=None, nullable=True)
    reviewed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    reviewed_at: datetime | None = _ts(default=None, nullable=True)
    approved_version: int | None = None
    # The observance (planner/observances.py) the post was drafted for: its nudge then stops.
    observance_key: str | None = Field(default=None, max_length=80, index=True)


class Observance(SQLModel, table=True):
    """A library's own day on the calendar (its anniversary…), beside the shipped national days."""

    __tablename__ = "observance"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=80)
    name_id: str = Field(max_length=120)
    name_en: str = Field(default="", max_length=120)
    month: int
    day: int
    since_year: int | None = None  # the founding year: the draft says which anniversary
    template_id: str = Field(default="library-anniversary", max_length=80)
    message: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = _ts(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class PostTarget(SQLModel, table=True):
    """The post as it goes to one account: its own text, time, status, attempts and remote id."""

    __tablename__ = "post_target"
    __table_args__ = (
        Index("ix_post_target_status_due", "status", "due_at"),
        UniqueConstraint("post_id", "account_id", name="uq_post_target_post_account"),
    )

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    platform: str = Field(max_length=20)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    media_ids: list[int] = _json(list)
    alt_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(default=PostStatus.DRAFT.value, max_length=20)
    due_at: datetime | None = _ts(default=None, nullable=True)
    next_attempt_at: datetime | None = _ts(default=None, nullable=True)
    attempts: int = 0
    lease_owner: str | None = Field(default=None, max_length=120)
    lease_expires_at: datetime | None = _ts(default=None, nullable=True)
    content_version: int = 1
    remote_id: str | None = Field(default=None, max_length=200)
    remote_url: str | None = None
    published_at: datetime | None = _ts(default=None, nullable=True)
    error_kind: str | None = Field(default=None, max_length=40)
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    updated_at: datetime = _ts(default_factory=utcnow)
    # Set when the publish call starts; an edit or cancel after that is refused.
    send_started_at: datetime | None = _ts(default=None, nullable=True)
    # How often the platform was asked whether an unknown-outcome post exists.
    reconcile_checks: int = 0
    # A person asked to send again after an unknown outcome: ask the platform first.
    verify_before_send: bool = False
    # X, Threads, Bluesky (limits' `threads`): a text over the limit goes out as a numbered
    # reply chain (validation.thread_parts).
    as_thread: bool = False


class PublishAttempt(SQLModel, table=True):
    """One try at sending a target; written before the call so a crash leaves a trace."""

    __tablename__ = "publish_attempt"

    id: int | None = Field(default=None, primary_key=True)
    target_id: int = Field(foreign_key="post_target.id", index=True)
    worker_id: str = Field(max_length=120)
    platform: str = Field(default="", max_length=20)
    started_at: datetime = _ts(default_factory=utcnow)
    finished_at: datetime | None = _ts(default=None, nullable=True)
    outcome: str = Field(default="started", max_length=20)
    error_kind: str | None = Field(default=None, max_length=40)
    error_message: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    remote_id: str | None = Field(default=None, max_length=200)


class MetricSnapshot(SQLModel, table=True):
    """Engagement of one published target at one moment."""

    __tablename__ = "metric_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    target_id: int = Field(foreign_key="post_target.id", index=True)
    taken_at: datetime = _ts(default_factory=utcnow)
    age_bucket: str = Field(default="", max_length=10)
    # None is a gap (the platform did not report the figure), never a zero: sums skip it.
    impressions: int | None = None
    reach: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    clicks: int | None = None
    views: int | None = None
    simulated: bool = False
    # The platform's answer as received, so a figure can be read again later.
    raw: dict[str, Any] = _json(dict)


class AudienceSnapshot(SQLModel, table=True):
    """One account's audience on one day (followers), so growth can be shown."""

    __tablename__ = "audience_snapshot"
    __table_args__ = (UniqueConstraint("account_id", "day", name="uq_audience_account_day"),)

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    day: date  # the library's local day the figure belongs to
    taken_at: datetime = _ts(default_factory=utcnow)
    followers: int | None = None  # None: the platform did not say
    following: int | None = None
    simulated: bool = False
    raw: dict[str, Any] = _json(dict)


class ServiceMonth(SQLModel, table=True):
    """The library's service use in one month, as staff enter or import it."""

    __tablename__ = "service_month"

    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(unique=True, index=True, max_length=7)  # "YYYY-MM"
    visits: int | None = None
    loans: int | None = None
    new_members: int | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    updated_at: datetime = _ts(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class FeedbackNote(SQLModel, table=True):
    """What a user said about the library, recorded by staff (counted per month)."""

    __tablename__ = "feedback_note"

    id: int | None = Field(default=None, primary_key=True)
    noted_on: date = Field(index=True)
    source: str = Field(default="", max_length=60)  # e.g. comment, front desk, suggestion box
    sentiment: str = Field(default="neutral", max_length=10)  # positive | neutral | negative
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    post_id: int | None = Field(default=None, foreign_key="post.id")
    event_id: int | None = Field(default=None, foreign_key="event.id")
    created_at: datetime = _ts(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class Notification(SQLModel, table=True):
    """Something a person should see: a failed post, a reconnect request, a missed slot."""

    __tablename__ = "notification"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _ts(default_factory=utcnow)
    level: str = Field(default="info", max_length=10)
    message: str = Field(sa_column=Column(Text, nullable=False))
    target_id: int | None = Field(default=None, foreign_key="post_target.id")
    read_at: datetime | None = _ts(default=None, nullable=True)
    # The message as an i18n key and values, shown in each reader's language.
    key: str = Field(default="", max_length=60)
    params: dict[str, Any] = _json(dict)
    post_id: int | None = Field(default=None, index=True)
    account_id: int | None = Field(default=None)
    delivered_at: datetime | None = _ts(default=None, nullable=True)  # e-mail / webhook
    delivery_attempts: int = 0
    delivery_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class WorkerHeartbeat(SQLModel, table=True):
    """One running publishing worker, as it last reported itself (`planner status`).

    Each worker's heartbeat thread updates its row every few seconds while it also renews
    the leases of what it holds, so a row not seen for a lease's length is a worker gone.
    """

    __tablename__ = "worker_heartbeat"

    worker_id: str = Field(primary_key=True, max_length=120)
    host: str = Field(default="", max_length=255)
    pid: int = 0
    started_at: datetime = _ts(default_factory=utcnow)
    last_seen_at: datetime = _ts(default_factory=utcnow)
    in_flight: int = 0  # targets it holds (claimed or being sent) at its last heartbeat
    stopped_at: datetime | None = _ts(default=None, nullable=True)  # a clean exit


class ChangeCounter(SQLModel, table=True):
    """One row whose value moves whenever posts, targets or notifications change.

    Bumped in the same transaction as the change (planner/changes.py), so a page that saw
    the same value has nothing new to draw; see docs/performance.md.
    """

    __tablename__ = "change_counter"

    id: int = Field(default=1, primary_key=True)
    value: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))


class TrainingExercise(SQLModel, table=True):
    """A practice task: a brief, the platforms to write for, optionally an event or a book."""

    __tablename__ = "training_exercise"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, index=True, max_length=80)
    title: str
    brief: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    locale: str = Field(default="id", max_length=5)
    platforms: list[str] = _json(list)
    lesson_id: str = Field(default="", max_length=80)  # a lesson file's id
    event_id: int | None = Field(default=None, foreign_key="event.id")
    item_id: int | None = Field(default=None, foreign_key="collection_item.id")
    announces_event: bool = False  # the post must say date, time and place
    needs_link: bool = False
    active: bool = True
    created_at: datetime = _ts(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")


class TrainingSession(SQLModel, table=True):
    """One meeting of the training programme: when, what, who taught."""

    __tablename__ = "training_session"

    id: int | None = Field(default=None, primary_key=True)
    starts_at: datetime = _ts(index=True)
    topic: str
    place: str = ""
    lessons: list[str] = _json(list)  # lesson file ids covered
    trainer_id: int | None = Field(default=None, foreign_key="user_account.id")
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = _ts(default_factory=utcnow)


class TrainingAttendee(SQLModel, table=True):
    """Someone expected at a session (a user or a named outsider), and whether they came."""

    __tablename__ = "training_attendee"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="training_session.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True)
    name: str = Field(default="", max_length=120)  # an external participant's name
    organisation: str = Field(default="", max_length=120)
    attended: bool = False


class TrainingSessionExercise(SQLModel, table=True):
    """An exercise assigned in a session."""

    __tablename__ = "training_session_exercise"

    session_id: int = Field(foreign_key="training_session.id", primary_key=True)
    exercise_id: int = Field(foreign_key="training_exercise.id", primary_key=True)


class TrainingSubmission(SQLModel, table=True):
    """A trainee's answer to an exercise, its automatic checklist and the trainer's verdict."""

    __tablename__ = "training_submission"

    id: int | None = Field(default=None, primary_key=True)
    exercise_id: int = Field(foreign_key="training_exercise.id", index=True)
    trainee_id: int = Field(foreign_key="user_account.id", index=True)
    session_id: int | None = Field(default=None, foreign_key="training_session.id")
    locale: str = Field(default="id", max_length=5)
    texts: dict[str, str] = _json(dict)  # platform -> text
    account_ids: list[int] = _json(list)  # training (sandbox) accounts only
    media_asset_id: int | None = Field(default=None, foreign_key="media_asset.id")
    alt_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    link: str = ""
    # How the image was made in the studio (layout, size, texts), to measure its contrast again.
    image_spec: dict[str, Any] = _json(dict)
    checklist: list[dict[str, Any]] = _json(list)  # the automatic feedback, item by item
    auto_score: float | None = None  # 0–100
    trainer_score: int | None = None  # 0–100
    trainer_comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # submitted | returned (another try) | reviewed | promoted (became a real draft)
    state: str = Field(default="submitted", max_length=20, index=True)
    attempt: int = 1
    submitted_at: datetime = _ts(default_factory=utcnow, index=True)
    reviewed_at: datetime | None = _ts(default=None, nullable=True)
    reviewed_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    promoted_post_id: int | None = Field(default=None, foreign_key="post.id")


class CatalogueSource(SQLModel, table=True):
    """A library catalogue harvested over OAI-PMH (SLiMS, INLISLite, Koha), and its last run."""

    __tablename__ = "catalogue_source"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    base_url: str = Field(max_length=500)
    metadata_prefix: str = Field(default="oai_dc", max_length=20)  # oai_dc | marc21 | marcxml
    set_spec: str = Field(default="", max_length=200)
    record_url: str = Field(default="", max_length=500)  # OPAC link with {id}, optional
    schedule: str = Field(default="weekly", max_length=10)  # off | daily | weekly
    created_at: datetime = _ts(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user_account.id")
    # The next harvest asks for records changed from this day on (the last good harvest).
    harvested_from: datetime | None = _ts(default=None, nullable=True)
    last_run_at: datetime | None = _ts(default=None, nullable=True)
    last_status: str = Field(default="", max_length=10)  # "" | ok | failed
    last_message: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    last_counts: dict[str, Any] = _json(dict)
    # A running harvest holds the source until then, so two processes never harvest it at once.
    lease_until: datetime | None = _ts(default=None, nullable=True)
    arrivals_post_id: int | None = Field(default=None, foreign_key="post.id")
    arrivals_at: datetime | None = _ts(default=None, nullable=True)


class CatalogueRecord(SQLModel, table=True):
    """One OAI record of a source and the collection item it became (deletions follow it)."""

    __tablename__ = "catalogue_record"
    __table_args__ = (
        UniqueConstraint("source_id", "identifier", name="uq_catalogue_record_source_identifier"),
    )

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="catalogue_source.id", index=True)
    identifier: str = Field(max_length=255)
    item_id: int | None = Field(default=None, foreign_key="collection_item.id", index=True)
    datestamp: str = Field(default="", max_length=40)
    deleted: bool = False
    first_seen_at: datetime = _ts(default_factory=utcnow)
    # First seen by an incremental harvest (not the first full one): a new arrival.
    is_new: bool = False
    proposed_post_id: int | None = Field(default=None, foreign_key="post.id")


class AppMeta(SQLModel, table=True):
    """Small key/value facts about this installation (e.g. that demo data was loaded)."""

    __tablename__ = "app_meta"

    key: str = Field(primary_key=True, max_length=80)
    value: str = ""


# The queue: the claim walks this index in due order and stops after a batch, so its cost stays
# flat however many future or finished targets the table holds (see docs/scheduling.md).
Index(
    "ix_post_target_claimable",
    PostTarget.due_at,
    PostTarget.id,
    postgresql_where=sql_text("status IN ('scheduled', 'retrying')"),
    sqlite_where=sql_text("status IN ('scheduled', 'retrying')"),
)

# Evaluation reads snapshots by target in time order and posts by publishing time.
Index("ix_metric_snapshot_target_taken", MetricSnapshot.target_id, MetricSnapshot.taken_at)
Index("ix_post_target_published_at", PostTarget.published_at)
# The dashboard finds each target's newest snapshot, and its first at each age, by one seek.
Index("ix_metric_snapshot_target_id_id", MetricSnapshot.target_id, MetricSnapshot.id)
Index(
    "ix_metric_snapshot_target_age_id",
    MetricSnapshot.target_id,
    MetricSnapshot.age_bucket,
    MetricSnapshot.id,
)
