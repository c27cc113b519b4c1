"""One post as a reviewer (or its author) sees it: texts, image, checklist, thread, history."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from planner.calendar import post_detail
from planner.models import Account, AuditEntry, MediaAsset, Post, PostComment, PostTarget, User
from planner.people.actors import Actor
from planner.review import checklist, comments


@dataclass
class PostReview:
    """Everything the review page and the post panel show about one post."""

    post: Post
    targets: list[tuple[PostTarget, Account]]
    asset: MediaAsset | None
    problems: list[checklist.Problem]
    thread: list[PostComment]
    history: list[AuditEntry]
    author: str


def post_review(session: Session, post_id: int, *, viewer: Actor) -> PostReview | None:
    """The post with what a decision on it needs (None: no such post, or not one `viewer` sees)."""
    detail = post_detail(session, post_id, viewer=viewer)
    if detail is None:
        return None
    post = detail.post
    author = session.get(User, post.author_id) if post.author_id else None
    return PostReview(
        post=post,
        targets=detail.targets,
        asset=session.get(MediaAsset, post.media_asset_id) if post.media_asset_id else None,
        problems=checklist.problems(session, post),
        thread=comments.thread(session, post_id),
        history=comments.history(session, post_id),
        author=(author.display_name or author.username) if author else post.author,
    )
