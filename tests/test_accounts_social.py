"""Connecting Threads and Bluesky accounts: tokens tested then stored encrypted, the remote
account remembered (and refused twice), Threads images needing the public address."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import responses
from PIL import Image
from sqlmodel import select

from planner import config
from planner.accounts import AccountError, config_fields, connect_account, credential_fields
from planner.db import session_scope
from planner.media import store_image
from planner.models import Account
from planner.platforms import credentials_of
from planner.scheduling import PostCreate, SchedulingError, schedule_post
from tests.people_helpers import ADMIN
from tests.platform_helpers import BSKY_CONFIG, BSKY_CREDS, JSON, T0, TH_CREDS

TH = "https://graph.threads.net/v1.0"
XRPC = "https://bsky.social/xrpc"
TH_USER = "26000000000000001"
DID = "did:plc:perpuskota4pekalongan7"


def threads_me() -> None:
    responses.get(
        f"{TH}/me",
        json={"id": TH_USER, "username": "perpuskotapkl", "name": "Perpus Kota"},
        content_type=JSON,
    )


def bluesky_profile() -> None:
    responses.post(
        f"{XRPC}/com.atproto.server.createSession",
        json={"did": DID, "handle": "perpuskota.bsky.social", "accessJwt": "a", "refreshJwt": "r"},
        content_type=JSON,
    )
    responses.get(
        f"{XRPC}/app.bsky.actor.getProfile",
        json={"did": DID, "handle": "perpuskota.bsky.social", "displayName": "Perpus Kota"},
        content_type=JSON,
    )


def test_the_forms_ask_for_what_each_platform_needs() -> None:
    assert (credential_fields("threads"), config_fields("threads")) == (("access_token",), ())
    assert (credential_fields("bluesky"), config_fields("bluesky")) == (
        ("app_password",),
        ("handle",),
    )


@responses.activate
def test_a_threads_profile_is_read_from_its_token_and_kept_once(sqlite_db: str) -> None:
    threads_me()
    with session_scope() as session:
        account = connect_account(session, platform="threads", credentials=TH_CREDS, actor=ADMIN)
        assert account.config == {"threads_user_id": TH_USER}
        assert account.handle == "@perpuskotapkl"
        assert credentials_of(account) == TH_CREDS
        assert TH_CREDS["access_token"] not in str(account.secrets)
        with pytest.raises(AccountError, match="already connected"):
            connect_account(session, platform="threads", credentials=TH_CREDS, actor=ADMIN)


@responses.activate
def test_a_bluesky_account_keeps_its_did_and_handle_and_hides_the_app_password(
    sqlite_db: str,
) -> None:
    bluesky_profile()
    with session_scope() as session:
        account = connect_account(
            session, platform="bluesky", credentials=BSKY_CREDS, config=BSKY_CONFIG, actor=ADMIN
        )
        assert account.config == {"did": DID, "handle": "perpuskota.bsky.social"}
        assert (account.name, account.handle) == ("Perpus Kota", "@perpuskota.bsky.social")
        assert credentials_of(account) == BSKY_CREDS
        assert BSKY_CREDS["app_password"] not in f"{account.secrets}{account.config}"


@responses.activate
def test_a_refused_app_password_is_said_and_nothing_is_stored(sqlite_db: str) -> None:
    responses.post(
        f"{XRPC}/com.atproto.server.createSession",
        json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"},
        status=401,
    )
    with session_scope() as session, pytest.raises(AccountError, match="Invalid identifier"):
        connect_account(
            session, platform="bluesky", credentials=BSKY_CREDS, config=BSKY_CONFIG, actor=ADMIN
        )
    with session_scope() as session:
        assert session.exec(select(Account)).all() == []


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1080, 1080), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@responses.activate
def test_threads_needs_the_public_address_only_for_images(sqlite_db: str, monkeypatch) -> None:
    monkeypatch.delenv("PUBLIC_MEDIA_BASE_URL", raising=False)
    config.reset_settings()
    threads_me()
    with session_scope() as session:
        account = connect_account(session, platform="threads", credentials=TH_CREDS, actor=ADMIN)
        poster = store_image(session, _jpeg(), alt_text="Poster")
        ids = account.id, poster.id

    def schedule(asset_id: int | None):
        with session_scope() as session:
            return schedule_post(
                session,
                data=PostCreate(
                    texts={"threads": "Halo Sobat Perpus"},
                    account_ids=[ids[0]],
                    due_at=T0 + timedelta(hours=1),
                    media_asset_id=asset_id,
                    alt_text="Poster" if asset_id else "",
                ),
                now=T0,
                actor=ADMIN,
            )

    schedule(None)  # a text post: Threads fetches nothing
    with pytest.raises(SchedulingError, match="PUBLIC_MEDIA_BASE_URL is not set"):
        schedule(ids[1])
