"""The worker driving a real platform adapter: one post due at T0, the adapter built with a
session the test chooses (tests/misbehaving_server.py), one pass, then what was stored."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path

import requests
from PIL import Image
from sqlmodel import select

from planner.config import get_settings
from planner.db import session_scope
from planner.media import store_image
from planner.models import PostTarget, PublishAttempt
from planner.platforms import build_adapter
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, schedule_post
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN
from tests.platform_helpers import (
    BSKY_CONFIG,
    BSKY_CREDS,
    FB_CREDS,
    IG_CREDS,
    T0,
    TH_CREDS,
    X_CREDS,
    settings,
)

IG_USER = "17841400000000001"
TH_USER = "26000000000000001"
LIVE = {
    "x": (X_CREDS, {"user_id": "1234", "username": "perpuskotapkl"}),
    "facebook": (FB_CREDS, {"page_id": "555"}),
    "instagram": (IG_CREDS, {"ig_user_id": IG_USER}),
    "threads": (TH_CREDS, {"threads_user_id": TH_USER}),
    "bluesky": (BSKY_CREDS, BSKY_CONFIG),
}


def schedule_live_post(platform: str) -> int:
    """A post due at T0 on the sandbox account of `platform` (the worker is handed the live
    adapter below); Instagram's carries an image."""
    with session_scope() as session:
        account = add_sandbox_accounts(session, (platform,))[0]
        asset = None
        if platform == "instagram":
            buffer = io.BytesIO()
            Image.new("RGB", (1080, 1080), (0, 94, 184)).save(buffer, "JPEG")
            asset = store_image(session, buffer.getvalue(), alt_text="Poster dongeng")
        post = schedule_post(
            session,
            actor=ADMIN,
            data=PostCreate(
                title="Dongeng",
                texts={platform: "Dongeng Kancil hari Sabtu di ruang baca anak."},
                account_ids=[account.id],
                due_at=T0,
                media_asset_id=asset.id if asset else None,
                alt_text="Poster dongeng" if asset else "",
            ),
            now=T0 - timedelta(minutes=5),
        )
        return post.id


def run_worker(platform: str, session: requests.Session, tmp_path: Path) -> PostTarget:
    """One worker pass over a fresh post, publishing through the real adapter on `session`."""
    credentials, config = LIVE[platform]
    adapter = build_adapter(
        platform,
        credentials,
        config=config,
        settings=settings(tmp_path, platform_timeout_seconds=0.5),
        clock=lambda: T0,
        session=session,
    )
    schedule_live_post(platform)
    Worker(
        "w",
        settings=get_settings(),
        platform_factory=lambda account: adapter,
        clock=lambda: T0,
        rng=random.Random(7),
    ).run_once()
    with session_scope() as db:
        return db.exec(select(PostTarget)).one()


def attempt_outcomes() -> list[str]:
    """The outcome of every publish attempt, oldest first."""
    with session_scope() as db:
        return [a.outcome for a in db.exec(select(PublishAttempt).order_by(PublishAttempt.id))]
