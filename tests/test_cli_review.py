"""`planner review …`: the review queue and decisions from the command line, as the page does.

Module under test: planner/cli/review.py (over planner/review/decisions.py).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

from planner.db import session_scope
from planner.models import MediaAsset, Post
from planner.people import audit
from planner.review import drafts
from planner.scheduling import PostCreate
from tests.factories import add_sandbox_accounts
from tests.people_helpers import make_user
from tests.test_cli_users import cli, one_error

ALT = "Poster acara Dongeng Anak: seorang pendongeng dan anak-anak di ruang baca"


def _trainee_draft() -> int:
    trainee = make_user("trainee")
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        asset = MediaAsset(sha256=uuid.uuid4().hex, filename="a.jpg", alt_text=ALT)
        session.add(asset)
        session.flush()
        data = PostCreate(
            title="Dongeng Anak",
            texts={"x": "Dongeng Anak hari Sabtu!", "facebook": "Dongeng Anak, Sabtu pagi."},
            account_ids=[x.id, fb.id],
            due_at=datetime.now(UTC) + timedelta(days=2),
            media_asset_id=asset.id,
            alt_text=ALT,
        )
        return drafts.save_draft(session, actor=trainee, data=data).id


def test_submit_list_and_approve_from_the_command_line(sqlite_db, monkeypatch, capsys) -> None:
    post_id = _trainee_draft()
    manager = make_user("manager").username
    code, out, err = cli(monkeypatch, capsys, "review", "submit", str(post_id), user="tia")
    assert code == 0, err
    code, out, _ = cli(monkeypatch, capsys, "review", "list", "--json", user=manager)
    assert code == 0
    listed = json.loads(out)["posts"]
    assert [(p["post"], p["title"]) for p in listed] == [(post_id, "Dongeng Anak")]
    code, out, _ = cli(monkeypatch, capsys, "review", "approve", str(post_id), user=manager)
    assert (code, out.strip()) == (0, f"post #{post_id} approved")
    with session_scope() as session:
        assert session.get(Post, post_id).review_state == "approved"
        actions = [
            e.action for e in audit.entries(session, audit.AuditFilter(object_id=str(post_id)))
        ]
    assert "post.submit" in actions and "post.approve" in actions


def test_trainee_cannot_approve_and_changes_need_a_comment(sqlite_db, monkeypatch, capsys) -> None:
    post_id = _trainee_draft()
    cli(monkeypatch, capsys, "review", "submit", str(post_id), user="tia")
    code, out, err = cli(monkeypatch, capsys, "review", "approve", str(post_id), user="tia")
    assert code == 1 and out == ""
    assert "may not do this" in one_error(err)
    manager = make_user("manager").username
    code, _, err = cli(
        monkeypatch, capsys, "review", "changes", str(post_id), "--comment", " ", user=manager
    )
    assert code == 1 and one_error(err)
    code, out, _ = cli(
        monkeypatch, capsys, "review", "changes", str(post_id), "--comment",
        "Tambahkan jam acara.", user=manager,
    )  # fmt: skip
    assert code == 0 and "sent back for changes" in out
    code, out, _ = cli(monkeypatch, capsys, "review", "comment", str(post_id), "Siap!", user="tia")
    assert code == 0
    code, _, err = cli(monkeypatch, capsys, "review", "list")
    assert code == 1 and "--as" in one_error(err)
