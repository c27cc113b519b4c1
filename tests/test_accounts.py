"""Accounts: connect, test, reconnect, disconnect, dry run; the Instagram scheduling check; a
live account through the real worker; and tokens that never show up anywhere once entered."""

from __future__ import annotations

import io
import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
import requests
import responses
from PIL import Image
from sqlalchemy import text
from sqlmodel import select

from planner import config
from planner.accounts import (
    AccountError,
    active_accounts,
    all_accounts,
    check_account,
    connect_account,
    disconnect_account,
    get_account,
    list_accounts,
    missing_credentials,
    reconnect_account,
    set_dry_run,
)
from planner.db import session_scope
from planner.media import store_image
from planner.models import Account, AccountStatus, Notification, PostTarget, PublishAttempt
from planner.platforms import credentials_of, for_account
from planner.platforms.base import AuthExpired
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, SchedulingError, schedule_post
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN
from tests.platform_helpers import ALL_SECRETS, FB_CREDS, IG_CREDS, JSON, X_CREDS, X_ME, x_me
from tests.platform_helpers import request as publish_request

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
TWEETS = "https://api.twitter.com/2/tweets"
G = "https://graph.facebook.com/v23.0"


def connect_x(session, **kw) -> Account:
    return connect_account(session, platform="x", credentials=dict(X_CREDS), **kw, actor=ADMIN)


@responses.activate
def test_connect_tests_then_stores_tokens_encrypted(any_db: str) -> None:
    x_me()
    with session_scope() as session:
        account = connect_x(session, name="", dry_run=True)
        account_id = account.id
    with session_scope() as session:
        stored = session.get(Account, account_id)
        assert (stored.platform, stored.name, stored.handle) == (
            "x",
            "Perpustakaan Kota Pekalongan",
            "@perpuskotapkl",
        )
        assert not stored.is_sandbox and stored.dry_run and stored.status == "active"
        assert stored.config == {"user_id": "1234", "username": "perpuskotapkl"}
        raw = session.execute(
            text("SELECT secrets FROM account WHERE id = :i"), {"i": account_id}
        ).scalar()
    assert raw and not [s for s in X_CREDS.values() if s in raw]
    assert responses.calls[0].request.url.startswith(X_ME)


@responses.activate
def test_bad_input_stores_nothing(any_db: str) -> None:
    x_me(status=401)
    with session_scope() as session:
        with pytest.raises(AccountError, match="access_token_secret"):
            connect_account(
                session,
                platform="x",
                credentials={**X_CREDS, "access_token_secret": ""},
                actor=ADMIN,
            )
        with pytest.raises(AccountError, match="connection test failed"):
            connect_x(session)
        with pytest.raises(AccountError, match="unknown platform"):
            connect_account(session, platform="myspace", credentials={}, actor=ADMIN)
        with pytest.raises(AccountError, match="ig_user_id"):
            connect_account(session, platform="instagram", credentials=IG_CREDS, actor=ADMIN)
    with session_scope() as session:
        assert session.exec(select(Account)).all() == []


@responses.activate
def test_several_accounts_per_platform_but_never_the_same_one_twice(any_db: str) -> None:
    x_me("1234", "perpuskotapkl")
    x_me("5678", "perpusanakpkl")
    x_me("1234", "perpuskotapkl")
    with session_scope() as session:
        connect_x(session)
        connect_x(session)
        with pytest.raises(AccountError, match="already connected"):
            connect_x(session)
    with session_scope() as session:
        handles = [a.handle for a in list_accounts(session) if a.platform == "x"]
    assert handles == ["@perpuskotapkl", "@perpusanakpkl"]


@responses.activate
def test_revoked_token_means_reconnect_needed_until_fixed(any_db: str) -> None:
    x_me()
    with session_scope() as session:
        account_id = connect_x(session).id
    x_me(status=401)
    x_me(status=401)
    with session_scope() as session:
        result = check_account(session, account_id, actor=ADMIN)
    assert not result.ok
    with session_scope() as session:
        assert not check_account(
            session, account_id, actor=ADMIN
        ).ok  # still revoked: nobody told twice
    with session_scope() as session:
        account = session.get(Account, account_id)
        assert account.status == AccountStatus.RECONNECT_NEEDED and "401" in account.status_reason
        notes = session.exec(select(Notification)).all()
        assert [(n.key, n.account_id) for n in notes] == [("notify.reconnect", account_id)]
    x_me()
    with session_scope() as session:
        # Blank fields keep their stored values: only the access token pair is new.
        reconnect_account(
            session,
            account_id,
            {"access_token": "1234-NEWTOKEN-111", "access_token_secret": "NEWSECRET-222"},
            actor=ADMIN,
        )
    with session_scope() as session:
        account = session.get(Account, account_id)
        assert account.status == "active" and account.status_reason == ""
        creds = json.dumps(credentials_of(account))
    assert "NEWTOKEN" in creds and X_CREDS["consumer_key"] in creds


@responses.activate
def test_reconnect_refuses_another_accounts_tokens(any_db: str) -> None:
    x_me()
    with session_scope() as session:
        account_id = connect_x(session).id
    x_me("9999", "someoneelse")
    with session_scope() as session, pytest.raises(AccountError, match="not to"):
        reconnect_account(session, account_id, {"access_token": "9999-OTHER-TOKEN"}, actor=ADMIN)


@responses.activate
def test_disconnect_forgets_tokens_and_reconnecting_revives_the_row(any_db: str) -> None:
    x_me()
    x_me()
    with session_scope() as session:
        account_id = connect_x(session).id
        schedule_post(
            session,
            data=PostCreate(
                texts={"x": "Halo"}, account_ids=[account_id], due_at=T0 + timedelta(days=1)
            ),
            now=T0,
            actor=ADMIN,
        )
    with session_scope() as session:
        assert (
            disconnect_account(session, account_id, actor=ADMIN) == 1
        )  # one scheduled post now waits
    with session_scope() as session:
        account = session.get(Account, account_id)
        assert account.secrets is None and account.status == "disconnected"
        with pytest.raises(AuthExpired):
            for_account(account)
        assert not check_account(session, account_id, actor=ADMIN).ok
    with session_scope() as session:
        assert connect_x(session).id == account_id


@responses.activate
def test_dry_run_switch_is_for_live_accounts(any_db: str) -> None:
    x_me()
    with session_scope() as session:
        sandbox = add_sandbox_accounts(session)[0]
        live = connect_x(session)
        with pytest.raises(AccountError, match="sandbox"):
            set_dry_run(session, sandbox.id, True, actor=ADMIN)
        assert set_dry_run(session, live.id, True, actor=ADMIN).dry_run


def _jpeg(size) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@responses.activate
def test_instagram_cannot_be_scheduled_without_a_public_media_address(
    any_db: str, monkeypatch
) -> None:
    monkeypatch.delenv("PUBLIC_MEDIA_BASE_URL", raising=False)
    config.reset_settings()
    responses.get(
        f"{G}/17841400000000001",
        json={"id": "17841400000000001", "username": "perpus"},
        content_type=JSON,
    )
    with session_scope() as session:
        ig = connect_account(
            session,
            platform="instagram",
            credentials=IG_CREDS,
            config={"ig_user_id": "17841400000000001"},
            actor=ADMIN,
        )
        sandbox_ig = add_sandbox_accounts(session)[2]
        square = store_image(session, _jpeg((1080, 1080)), alt_text="Poster")
        story = store_image(session, _jpeg((1080, 1920)), alt_text="Poster")
        ids = (ig.id, sandbox_ig.id, square.id, story.id)

    def schedule(account_id: int, asset_id: int):
        with session_scope() as session:
            return schedule_post(
                session,
                data=PostCreate(
                    texts={"instagram": "Halo #perpus"},
                    account_ids=[account_id],
                    due_at=T0 + timedelta(hours=1),
                    media_asset_id=asset_id,
                    alt_text="Poster",
                ),
                now=T0,
                actor=ADMIN,
            )

    ig_id, sandbox_id, square_id, story_id = ids
    with pytest.raises(SchedulingError, match="PUBLIC_MEDIA_BASE_URL is not set"):
        schedule(ig_id, square_id)
    schedule(sandbox_id, square_id)  # the sandbox needs no public address
    monkeypatch.setenv("PUBLIC_MEDIA_BASE_URL", "https://media.perpus.example/p")
    config.reset_settings()
    schedule(ig_id, square_id)
    with pytest.raises(SchedulingError, match="ratio"):
        schedule(ig_id, story_id)
    with session_scope() as session:
        assert len(session.exec(select(PostTarget)).all()) == 2  # refused posts left nothing behind


def _live_x_target() -> int:
    x_me()
    with session_scope() as session:
        account = connect_x(session)
        schedule_post(
            session,
            data=PostCreate(
                title="t", texts={"x": "Dongeng Sabtu"}, account_ids=[account.id], due_at=T0
            ),
            now=T0 - timedelta(minutes=5),
            actor=ADMIN,
        )
        return account.id


@responses.activate
def test_worker_publishes_through_a_live_account(any_db: str) -> None:
    account_id = _live_x_target()
    responses.post(
        TWEETS,
        json={
            "data": {
                "id": "1850000000000000001",
                "text": "Dongeng Sabtu",
                "edit_history_tweet_ids": ["1850000000000000001"],
            }
        },
        content_type=JSON,
    )
    result = Worker("w1", clock=lambda: T0).run_once()
    assert result.published == 1
    with session_scope() as session:
        target = session.exec(select(PostTarget)).one()
        assert target.remote_id == "1850000000000000001"
        assert target.remote_url == "https://x.com/perpuskotapkl/status/1850000000000000001"
        assert session.get(Account, account_id).status == "active"


@responses.activate
def test_no_token_ever_reaches_logs_errors_exports_or_records(any_db: str, caplog, capsys) -> None:
    caplog.set_level(logging.DEBUG)
    _live_x_target()
    responses.get(
        f"{G}/555", json={"id": "555", "name": "Perpus", "category": "Library"}, content_type=JSON
    )
    responses.get(
        f"{G}/17841400000000001",
        json={"id": "17841400000000001", "username": "perpus"},
        content_type=JSON,
    )
    with session_scope() as session:
        connect_account(
            session,
            platform="facebook",
            credentials=FB_CREDS,
            config={"page_id": "555"},
            actor=ADMIN,
        )
        connect_account(
            session,
            platform="instagram",
            credentials=IG_CREDS,
            config={"ig_user_id": "17841400000000001"},
            dry_run=True,
            actor=ADMIN,
        )
    # A revoked token while publishing: the error is stored, notified and logged.
    responses.post(
        TWEETS,
        json={"title": "Unauthorized", "detail": "Unauthorized", "status": 401},
        status=401,
        content_type=JSON,
    )
    Worker("w1", clock=lambda: T0).run_once()
    # A network failure whose text carries the Graph token in its URL.
    responses.get(
        f"{G}/555/posts",
        body=requests.ConnectionError(
            "Max retries exceeded with url: /v23.0/555/posts"
            f"?access_token={FB_CREDS['page_access_token']}"
        ),
    )
    errors = []
    with session_scope() as session:
        for account in session.exec(select(Account)).all():
            try:
                for_account(account).find_existing(publish_request())
            except Exception as exc:  # collected to be searched below
                errors.append(str(exc))
        views = [v.as_dict() for v in list_accounts(session)]
        stored = [a.message for a in session.exec(select(Notification)).all()]
        stored += [a.error_message or "" for a in session.exec(select(PublishAttempt)).all()]
        stored += [t.last_error or "" for t in session.exec(select(PostTarget)).all()]
        stored += [a.status_reason for a in session.exec(select(Account)).all()]
    haystack = "\n".join(
        [caplog.text, capsys.readouterr().out, json.dumps(views, default=str), *errors, *stored]
    )
    assert "Unauthorized" in haystack  # the searched texts are the real ones
    assert [s for s in ALL_SECRETS if s in haystack] == []


@pytest.mark.parametrize(
    ("statuses", "active"),
    [
        (["active", "active", "active"], [0, 1, 2]),
        (["active", "reconnect_needed", "active"], [0, 2]),
        (["disconnected", "reconnect_needed", "disconnected"], []),
    ],
)
def test_active_accounts_are_the_ones_posts_can_go_to_in_connect_order(
    any_db: str, statuses: list[str], active: list[int]
) -> None:
    with session_scope() as session:
        accounts = add_sandbox_accounts(session)
        for account, status in zip(accounts, statuses, strict=True):
            account.status = status
        ids = [a.id for a in accounts]
    with session_scope() as session:
        assert [a.id for a in active_accounts(session)] == [ids[i] for i in active]
        assert [a.id for a in all_accounts(session)] == ids


def test_get_account_names_a_missing_id(any_db: str) -> None:
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        assert get_account(session, x.id).name == "Sandbox x"
        with pytest.raises(AccountError, match="no account with id 999"):
            get_account(session, 999)


@pytest.mark.parametrize(
    ("platform", "given", "missing"),
    [
        ("x", dict(X_CREDS), []),
        (
            "x",
            {**X_CREDS, "consumer_secret": "  ", "access_token": ""},
            ["consumer_secret", "access_token"],
        ),
        ("x", {}, ["consumer_key", "consumer_secret", "access_token", "access_token_secret"]),
        ("facebook", {"page_access_token": "EAAB-token"}, []),
        ("facebook", {"page_access_token": " "}, ["page_access_token"]),
        ("instagram", {"access_token": "", "unrelated": "x"}, ["access_token"]),
    ],
)
def test_missing_credentials_are_named_in_form_order(platform, given, missing) -> None:
    assert missing_credentials(platform, given) == missing
