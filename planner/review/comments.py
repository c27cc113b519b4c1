"""What was said and done on a post: its comment thread and its history from the audit log."""

from __future__ import annotations

from sqlmodel import Session, col, select

from planner.models import AuditEntry, Post, PostComment
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.review.errors import ReviewError

KINDS = ("comment", "approved", "changes", "rejected")
MAX_BODY = 4000


def add(session: Session, actor: Actor, post: Post, kind: str, body: str) -> PostComment:
    """Write one remark on `post` (no permission check: the caller has made it)."""
    comment = PostComment(
        post_id=post.id,
        user_id=actor.id,
        author_name=actor.name,
        kind=kind,
        body=body.strip()[:MAX_BODY],
    )
    session.add(comment)
    return comment


def add_comment(session: Session, *, actor: Actor, post_id: int, body: str) -> PostComment:
    """A comment on a post, by anyone who may comment (trainees on their own posts only)."""
    post = session.get(Post, post_id)
    if post is None:
        raise ReviewError("no_post", post_id=post_id)
    check(
        session, actor, Action.COMMENT_POST, ("post", post_id), owner_id=post.author_id, owned=True
    )
    if not body.strip():
        raise ReviewError("comment_required")
    comment = add(session, actor, post, "comment", body)
    session.flush()
    audit.record(session, actor, "post.comment", ("post", post_id), comment_id=comment.id)
    return comment


def thread(session: Session, post_id: int) -> list[PostComment]:
    """The post's comments and decisions, oldest first (a conversation reads downwards)."""
    query = (
        select(PostComment)
        .where(PostComment.post_id == post_id)
        .order_by(col(PostComment.created_at), col(PostComment.id))
    )
    return list(session.exec(query))


def history(session: Session, post_id: int, limit: int = 200) -> list[AuditEntry]:
    """Everything the audit log holds about the post, newest first."""
    where = audit.AuditFilter(object_type="post", object_id=str(post_id))
    return audit.entries(session, where, limit=limit)
