"""Failures reach people: the inbox in both languages, e-mail through a real local SMTP
server (aiosmtpd), and the webhook intercepted with `responses`."""

from __future__ import annotations

import json
import logging
import socket
from datetime import UTC, datetime, timedelta

import pytest
import responses
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from sqlmodel import select

from planner.config import get_settings
from planner.db import session_scope
from planner.i18n import t
from planner.models import AuditEntry, Notification
from planner.notify import (
    deliver_pending,
    inbox,
    mark_read,
    notify,
    reason_text,
    show,
    unread_count,
)
from tests.doubles import PlatformDouble, rejected
from tests.people_helpers import ADMIN
from tests.test_worker import T0, schedule, worker

HOOK = "https://hooks.example/planner"


class Inbox(Message):
    """Keeps the messages the SMTP server received."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list = []

    def handle_message(self, message) -> None:
        self.messages.append(message)


@pytest.fixture
def smtp_server():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler
    controller.stop()


def _failure() -> None:
    schedule()
    worker(PlatformDouble(script=[rejected()]), T0).run_once()


def test_failure_lands_in_the_inbox_in_the_readers_language(any_db) -> None:
    _failure()
    tz = get_settings().tz
    with session_scope() as session:
        [note] = inbox(session)
        assert unread_count(session) == 1
        assert note.level == "error" and note.post_id is not None
        assert "gagal" in show(note, "id", tz) and "platform menolak" in show(note, "id", tz)
        assert "failed" in show(note, "en", tz) and "refused the content" in show(note, "en", tz)
        assert "duplicate content" in show(note, "en", tz)  # the platform's own words too
        assert mark_read(session, actor=ADMIN) == 1
        assert unread_count(session) == 0 and inbox(session, unread_only=True) == []
        # The audit log says the system saw it fail (one entry per target outcome).
        failed = session.exec(select(AuditEntry).where(AuditEntry.action == "post.failed")).all()
        assert [(f.actor_name, f.outcome, f.detail["kind"]) for f in failed] == [
            ("system", "failed", "rejected")
        ]


def test_email_through_a_local_smtp_server(sqlite_db, smtp_server) -> None:
    port, handler = smtp_server
    _failure()
    settings = get_settings().model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_starttls": False,
            "notify_emails": "humas@perpustakaan.example, kepala@perpustakaan.example",
            "locale": "en",
        }
    )
    assert deliver_pending(settings) == 1
    assert deliver_pending(settings) == 0  # at most once
    [message] = handler.messages
    assert message["To"] == "humas@perpustakaan.example, kepala@perpustakaan.example"
    assert "Publishing failed" in message["Subject"]
    assert "failed" in message.get_payload()


def test_webhook_and_retry_when_it_is_down(any_db) -> None:
    _failure()
    settings = get_settings().model_copy(update={"webhook_url": HOOK})
    with responses.RequestsMock() as mock:
        mock.post(HOOK, status=502)
        assert deliver_pending(settings) == 0
    with session_scope() as session:
        [note] = session.exec(select(Notification)).all()
        assert note.delivered_at is None and "502" in note.delivery_error
    with responses.RequestsMock() as mock:
        mock.post(HOOK, status=200)
        assert deliver_pending(settings) == 1
        body = json.loads(mock.calls[0].request.body)
    assert body["level"] == "error" and body["post_id"] and "gagal" in body["text"]


def test_a_webhook_address_is_a_secret_in_logs_and_stored_errors(sqlite_db, caplog) -> None:
    secret_hook = "https://hooks.slack.example/services/T0PERPUS/B0PLANNER/s3cr3tW3bh00kT0k3nXYZ"
    _failure()
    settings = get_settings().model_copy(update={"webhook_url": secret_hook})
    caplog.set_level(logging.DEBUG)
    with responses.RequestsMock() as mock:
        mock.post(secret_hook, status=404)
        assert deliver_pending(settings) == 0
    with session_scope() as session:
        [note] = session.exec(select(Notification)).all()
    assert "404" in note.delivery_error and "not delivered" in caplog.text
    token_path = "/services/T0PERPUS/B0PLANNER/s3cr3tW3bh00kT0k3nXYZ"
    assert token_path not in note.delivery_error and token_path not in caplog.text


def test_below_min_level_and_old_ones_are_not_sent(sqlite_db) -> None:
    with session_scope() as session:
        notify(session, "notify.reconciled", level="info", post_id=1, platform="x")
        old = notify(session, "notify.failed", level="error", post_id=2, platform="x",
                     account="a", kind="rejected", detail="")  # fmt: skip
        session.flush()
        old.created_at = datetime.now(UTC) - timedelta(days=3)
    sent = []
    settings = get_settings().model_copy(update={"webhook_url": HOOK})
    assert deliver_pending(settings, senders=[lambda s, n: sent.append(n.key)]) == 0
    assert sent == []


# kind, the adapter's own words, locale → what the calendar and the inbox show
FORBIDDEN = "X: post: 403 Forbidden"
MISSED = "not sent within 30 min"
REASONS = [
    ("rejected", FORBIDDEN, "id", f"platform menolak isi unggahan ({FORBIDDEN})"),
    ("rejected", FORBIDDEN, "en", f"the platform refused the content ({FORBIDDEN})"),
    ("auth_expired", "", "id", "izin akses akun tidak berlaku lagi"),
    ("missed", MISSED, "en", f"{t('reason.missed', 'en')} ({MISSED})"),
    ("quota", None, "id", "batas unggahan harian akun ini tercapai"),
    (None, "cancelled by cli", "id", "cancelled by cli"),  # not an error: shown as written
    ("something-new", "detail", "en", "detail"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "detail", "locale", "expected"), REASONS)
def test_reasons_are_explained_in_the_readers_language(kind, detail, locale, expected) -> None:
    assert reason_text(kind, detail, locale) == expected
