"""Answering an exercise and reviewing the answer: into training (sandbox) accounts only.

A trainee's answer is kept with its automatic checklist; a trainer adds a score and a comment,
returns it for another try, or promotes a good one to a real post, which then waits in the
normal review queue (nothing a trainee wrote reaches a live account without a reviewer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from planner.config import get_settings
from planner.imaging.canvas import Drawn
from planner.imaging.layouts import TEXT_FIELDS, LayoutInput
from planner.imaging.render import draw, encode_jpeg
from planner.media import store_image
from planner.models import (
    Account,
    Event,
    MediaAsset,
    Post,
    TrainingExercise,
    TrainingSubmission,
    User,
    utcnow,
)
from planner.people import audit
from planner.people.actors import SYSTEM, Actor
from planner.people.guard import check, check_targets
from planner.people.roles import Action
from planner.review.decisions import submit
from planner.review.drafts import save_draft
from planner.scheduling import PostCreate
from planner.training.errors import TrainingError
from planner.training.feedback import Answer, Brief, feedback, score
from planner.validation import EventFacts

SUBMITTED, RETURNED, REVIEWED, PROMOTED = "submitted", "returned", "reviewed", "promoted"
WAITING = (SUBMITTED,)


@dataclass
class AnswerInput:
    """What a trainee hands in for one exercise."""

    texts: dict[str, str]
    account_ids: list[int]
    alt_text: str = ""
    link: str = ""
    media_asset_id: int | None = None
    image_spec: dict[str, Any] | None = None  # studio layout, size and texts of the image
    session_id: int | None = None
    locale: str = "id"


def drawn_from(spec: dict[str, Any]) -> Drawn:
    """The studio render an answer's image came from, drawn again with its background."""
    fields = {k: str(v) for k, v in (spec.get("fields") or {}).items() if k in TEXT_FIELDS}
    if not fields.get("title"):
        raise TrainingError("image_spec")
    data = LayoutInput(locale=str(spec.get("locale") or "id"), **fields)
    try:
        return draw(str(spec.get("layout")), str(spec.get("size")), data, keep_background=True)
    except ValueError as exc:
        raise TrainingError("image_spec") from exc


def brief_of(session: Session, exercise: TrainingExercise) -> Brief:
    """What the exercise asks for, with its event's place when it names one."""
    facts = None
    event = session.get(Event, exercise.event_id) if exercise.event_id else None
    if event is not None:
        facts = EventFacts(event.starts_at, event.place, get_settings().tz)
    return Brief(tuple(exercise.platforms), exercise.announces_event, exercise.needs_link, facts)


def _training_accounts(session: Session, actor: Actor, ids: list[int], platforms) -> list[Account]:
    if not ids:
        raise TrainingError("no_account")
    accounts = []
    for account_id in ids:
        account = session.get(Account, account_id)
        if account is None:
            raise TrainingError("no_account")
        accounts.append(account)
    # A trainee is refused (and audited) any live account; for everyone else an answer is
    # practice too, so a live account is refused as well.
    check_targets(session, actor, Action.PRACTISE, accounts, ("exercise", None))
    for account in accounts:
        if not account.is_sandbox:
            raise TrainingError("live_account", account=account.name)
        if account.platform not in platforms:
            raise TrainingError("wrong_platform", account=account.name)
    return accounts


def answer_exercise(
    session: Session, *, actor: Actor, exercise_id: int, answer: AnswerInput
) -> TrainingSubmission:
    """Hand in an answer: checked automatically, kept for the trainer, nothing published."""
    check(session, actor, Action.PRACTISE, ("exercise", exercise_id))
    exercise = session.get(TrainingExercise, exercise_id)
    if exercise is None or not exercise.active:
        raise TrainingError("no_exercise", exercise_id=exercise_id)
    _training_accounts(session, actor, answer.account_ids, exercise.platforms)
    asset = session.get(MediaAsset, answer.media_asset_id) if answer.media_asset_id else None
    drawn = drawn_from(answer.image_spec) if answer.image_spec else None
    if asset is None and drawn is not None:
        # Kept like a studio render, so the trainer's previews show the very picture.
        asset = store_image(
            session,
            encode_jpeg(drawn.image),
            kind="render",
            alt_text=answer.alt_text,
            uploaded_by_id=actor.id,
        )
    size = (asset.width, asset.height) if asset is not None else None
    if size is None and drawn is not None:
        size = drawn.image.size
    texts = {p: answer.texts.get(p, "") for p in exercise.platforms}
    items = feedback(
        Answer(
            texts=texts,
            alt_text=answer.alt_text,
            link=answer.link,
            image_name=asset.original_name if asset is not None else "",
            image_size=size,
            drawn=drawn,
        ),
        brief_of(session, exercise),
    )
    earlier = session.exec(
        select(TrainingSubmission)
        .where(TrainingSubmission.exercise_id == exercise_id)
        .where(TrainingSubmission.trainee_id == actor.id)
    ).all()
    row = TrainingSubmission(
        exercise_id=exercise_id,
        trainee_id=actor.id,
        session_id=answer.session_id,
        locale=answer.locale,
        texts=texts,
        account_ids=list(answer.account_ids),
        media_asset_id=asset.id if asset is not None else None,
        alt_text=answer.alt_text,
        link=answer.link,
        image_spec=dict(answer.image_spec or {}),
        checklist=[item.as_dict() for item in items],
        auto_score=score(items),
        attempt=len(earlier) + 1,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "training.answer", ("submission", row.id), exercise=exercise.key)
    return row


def _submission(session: Session, submission_id: int) -> TrainingSubmission:
    row = session.get(TrainingSubmission, submission_id)
    if row is None:
        raise TrainingError("no_submission", submission_id=submission_id)
    return row


def _decide(
    session: Session, actor: Actor, submission_id: int, score_: int | None, comment: str, state: str
) -> TrainingSubmission:
    check(session, actor, Action.TRAIN, ("submission", submission_id))
    row = _submission(session, submission_id)
    if row.state == PROMOTED:
        raise TrainingError("already_promoted")
    if score_ is not None and not 0 <= score_ <= 100:
        raise TrainingError("bad_score")
    row.trainer_score = score_ if score_ is not None else row.trainer_score
    row.trainer_comment = comment.strip() or row.trainer_comment
    row.state = state
    row.reviewed_at = utcnow()
    row.reviewed_by_id = actor.id
    session.add(row)
    audit.record(session, actor, f"training.{state}", ("submission", row.id), score=score_)
    return row


def score_answer(
    session: Session, *, actor: Actor, submission_id: int, score: int, comment: str = ""
) -> TrainingSubmission:
    """The trainer's own score (0–100) and comment."""
    return _decide(session, actor, submission_id, score, comment, REVIEWED)


def return_answer(
    session: Session, *, actor: Actor, submission_id: int, comment: str, score: int | None = None
) -> TrainingSubmission:
    """Send the answer back for another try, with a comment saying what to change."""
    if not comment.strip():
        raise TrainingError("comment_needed")
    return _decide(session, actor, submission_id, score, comment, RETURNED)


def promote_answer(
    session: Session, *, actor: Actor, submission_id: int, account_ids: list[int]
) -> Post:
    """Make a good answer a real post for the chosen accounts, waiting in the review queue.

    The post is made by the system on the trainer's word (a trainer may not draft for live
    accounts), credited to the trainee by name, and submitted: a reviewer still decides.
    """
    check(session, actor, Action.TRAIN, ("submission", submission_id))
    row = _submission(session, submission_id)
    if row.state == PROMOTED:
        raise TrainingError("already_promoted")
    exercise = session.get(TrainingExercise, row.exercise_id)
    trainee = session.get(User, row.trainee_id)
    accounts = [session.get(Account, account_id) for account_id in account_ids]
    if not accounts or any(a is None or a.platform not in row.texts for a in accounts):
        raise TrainingError("promote_accounts")
    post = save_draft(
        session,
        actor=SYSTEM,
        data=PostCreate(
            title=exercise.title if exercise else "",
            texts=row.texts,
            account_ids=[a.id for a in accounts],
            media_asset_id=row.media_asset_id,
            alt_text=row.alt_text,
            link=row.link,
            event_id=exercise.event_id if exercise else None,
            item_id=exercise.item_id if exercise else None,
            author=(trainee.display_name or trainee.username) if trainee else "",
        ),
    )
    submit(session, actor=SYSTEM, post_id=post.id)
    row.state = PROMOTED
    row.promoted_post_id = post.id
    row.reviewed_at = row.reviewed_at or utcnow()
    row.reviewed_by_id = row.reviewed_by_id or actor.id
    session.add(row)
    audit.record(session, actor, "training.promote", ("submission", row.id), post_id=post.id)
    return post


def waiting(session: Session) -> list[TrainingSubmission]:
    """Answers waiting for a trainer, oldest first."""
    query = select(TrainingSubmission).where(col(TrainingSubmission.state).in_(WAITING))
    return list(session.exec(query.order_by(TrainingSubmission.submitted_at)))


def open_answers(session: Session) -> list[TrainingSubmission]:
    """Answers a trainer may still act on: waiting ones first (oldest first), then the scored
    ones not yet promoted (newest first)."""
    scored = select(TrainingSubmission).where(TrainingSubmission.state == REVIEWED)
    newest = scored.order_by(col(TrainingSubmission.submitted_at).desc())
    return waiting(session) + list(session.exec(newest))


def answers_of(session: Session, trainee_id: int) -> list[TrainingSubmission]:
    """A trainee's answers, newest first."""
    query = select(TrainingSubmission).where(TrainingSubmission.trainee_id == trainee_id)
    return list(session.exec(query.order_by(col(TrainingSubmission.submitted_at).desc())))
