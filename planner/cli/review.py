"""Review commands: what waits for review, and the decisions, as in the Review page.

`planner --as NAME review list|submit|approve|changes|reject|comment`; the services in
planner/review/ check the role (nobody approves their own post, trainers only trainees'
practice posts) and write the audit log, exactly as for the page.
"""

from __future__ import annotations

from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.output import JsonOpt, emit

review_app = typer.Typer(no_args_is_help=True, help="Drafts in review: list and decide.")
PostArg = Annotated[int, typer.Argument(help="Post id.")]


def register(app: typer.Typer) -> None:
    """Add the `review` group to `app`."""
    app.add_typer(review_app, name="review")


def _done(post, verb: str, as_json: bool) -> None:
    emit(
        {"ok": True, "post": post.id, "review_state": str(post.review_state)},
        as_json,
        [f"post #{post.id} {verb}"],
    )


@review_app.command("list")
def review_list(as_json: JsonOpt = False) -> None:
    """Posts waiting for the acting person's decision, oldest submission first."""
    from planner.db import session_scope
    from planner.review.decisions import review_queue

    actor = acting_user()
    with session_scope() as session:
        rows = [
            {
                "post": row.post.id,
                "title": row.post.title,
                "author": row.author,
                "platforms": row.platforms,
                "due_at": row.due_at.isoformat() if row.due_at else None,
                "submitted_at": row.post.submitted_at.isoformat()
                if row.post.submitted_at
                else None,
            }
            for row in review_queue(session, actor=actor)
        ]
    lines = [
        f"#{r['post']}  {r['title']}  ({r['author']}; {', '.join(r['platforms'])})" for r in rows
    ]
    emit({"posts": rows}, as_json, lines or ["nothing waits for review"])


@review_app.command("submit")
def review_submit(post_id: PostArg, as_json: JsonOpt = False) -> None:
    """Send your draft to review."""
    from planner.db import session_scope
    from planner.review.decisions import submit

    actor = acting_user()
    with session_scope() as session:
        _done(submit(session, actor=actor, post_id=post_id), "submitted for review", as_json)


@review_app.command("approve")
def review_approve(
    post_id: PostArg,
    note: Annotated[str, typer.Option(help="A comment kept with the approval.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Approve a post (refused with every reason while the checklist fails)."""
    from planner.db import session_scope
    from planner.review.decisions import approve

    actor = acting_user()
    with session_scope() as session:
        _done(approve(session, actor=actor, post_id=post_id, note=note), "approved", as_json)


@review_app.command("changes")
def review_changes(
    post_id: PostArg,
    comment: Annotated[str, typer.Option("--comment", help="What to change (required).")],
    as_json: JsonOpt = False,
) -> None:
    """Send a post back to its author with what to change."""
    from planner.db import session_scope
    from planner.review.decisions import request_changes

    actor = acting_user()
    with session_scope() as session:
        post = request_changes(session, actor=actor, post_id=post_id, comment=comment)
        _done(post, "sent back for changes", as_json)


@review_app.command("reject")
def review_reject(
    post_id: PostArg,
    reason: Annotated[str, typer.Option("--reason", help="Why (required).")],
    as_json: JsonOpt = False,
) -> None:
    """Reject a post; it is cancelled and stays in its author's list with the reason."""
    from planner.db import session_scope
    from planner.review.decisions import reject

    actor = acting_user()
    with session_scope() as session:
        _done(reject(session, actor=actor, post_id=post_id, reason=reason), "rejected", as_json)


@review_app.command("comment")
def review_comment(
    post_id: PostArg,
    body: Annotated[str, typer.Argument(help="The comment.")],
    as_json: JsonOpt = False,
) -> None:
    """Add a comment to a post's thread."""
    from planner.db import session_scope
    from planner.review.comments import add_comment

    actor = acting_user()
    with session_scope() as session:
        comment = add_comment(session, actor=actor, post_id=post_id, body=body)
        data = {"ok": True, "post": post_id, "comment": comment.id}
    emit(data, as_json, [f"comment added to post #{post_id}"])
