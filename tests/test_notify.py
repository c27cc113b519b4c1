"""Failures reach people: the inbox in both languages, e-mail through a real local SMTP
server (aiosmtpd), and the webhook intercepted with `responses`."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
from datetime import UTC, datetime, timedelta

import pytest
import responses
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from aiosmtpd.smtp import AuthResult
from sqlmodel import select

from planner.config import Settings, get_settings
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
from tests.certificates import ServerTLS, self_signed, signed_by_private_ca
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
            "smtp_tls": "none",  # a relay on this machine
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


# -- e-mail over TLS: the certificate is checked before any password goes out --------------
PASSWORD = "s3cret-SMTP-passw0rd"


class Passwords:
    """An SMTP authenticator that accepts any login and remembers each password it was sent."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        self.seen.append(auth_data.password.decode())
        return AuthResult(success=True)


@contextlib.contextmanager
def smtp_over_tls(tls: ServerTLS | None, *, implicit: bool = False):
    """A local SMTP server with STARTTLS (or implicit TLS) presenting `tls`'s certificate;
    without `tls` a plain server that offers no STARTTLS but would take a password."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler, passwords = Inbox(), Passwords()
    # aiosmtpd counts only STARTTLS as TLS for AUTH; with implicit TLS the whole connection is
    # encrypted already. The plain server takes AUTH, to show that none is attempted.
    options: dict = {
        "authenticator": passwords,
        "auth_require_tls": tls is not None and not implicit,
    }
    if tls is not None and implicit:
        options["ssl_context"] = tls.server_context()
    elif tls is not None:
        options.update(tls_context=tls.server_context(), require_starttls=True)
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, handler, passwords
    finally:
        controller.stop()


def _mail_settings(port: int, **update):
    return get_settings().model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_user": "humas",
            "smtp_password": PASSWORD,
            "notify_emails": "humas@perpustakaan.example",
            "locale": "en",
            **update,
        }
    )


def _delivery_error() -> str:
    with session_scope() as session:
        [note] = session.exec(select(Notification)).all()
        return note.delivery_error or ""


@pytest.mark.parametrize("implicit", [False, True], ids=["starttls", "implicit"])
def test_email_over_tls_to_a_server_signed_by_the_configured_ca(
    sqlite_db, tmp_path, implicit
) -> None:
    tls = signed_by_private_ca(tmp_path / "tls")
    _failure()
    with smtp_over_tls(tls, implicit=implicit) as (port, handler, passwords):
        settings = _mail_settings(
            port, smtp_tls="implicit" if implicit else "starttls", smtp_ca_file=tls.ca_file
        )
        assert deliver_pending(settings) == 1
    assert passwords.seen == [PASSWORD] and len(handler.messages) == 1


@pytest.mark.parametrize("implicit", [False, True], ids=["starttls", "implicit"])
def test_an_untrusted_certificate_gets_nothing_not_even_the_password(
    sqlite_db, tmp_path, implicit
) -> None:
    """A man in the middle with a certificate of its own: refused before AUTH."""
    _failure()
    with smtp_over_tls(self_signed(tmp_path / "tls"), implicit=implicit) as (port, handler, seen):
        settings = _mail_settings(port, smtp_tls="implicit" if implicit else "starttls")
        assert deliver_pending(settings) == 0
    assert seen.seen == [] and handler.messages == []
    error = _delivery_error()
    assert "certificate could not be verified (self-signed certificate)" in error
    assert "not even the password" in error and "PLANNER_SMTP_CA_FILE" in error


def test_a_private_ca_is_trusted_only_when_configured(sqlite_db, tmp_path) -> None:
    _failure()
    with smtp_over_tls(signed_by_private_ca(tmp_path / "tls")) as (port, _, passwords):
        assert deliver_pending(_mail_settings(port)) == 0  # the system's CAs do not know it
    assert passwords.seen == [] and "could not be verified" in _delivery_error()


def test_a_server_without_starttls_gets_no_password(sqlite_db) -> None:
    """Stripping STARTTLS from the server's answer (a downgrade) does not send in the clear."""
    _failure()
    with smtp_over_tls(None) as (port, handler, passwords):
        assert deliver_pending(_mail_settings(port)) == 0
    assert passwords.seen == [] and handler.messages == []
    assert "does not offer STARTTLS" in _delivery_error()


@pytest.mark.parametrize(
    ("values", "security"),
    [
        ({}, "starttls"),
        ({"smtp_port": 465}, "implicit"),
        ({"smtp_port": 465, "smtp_tls": "none"}, "none"),
        ({"smtp_port": 2525, "smtp_tls": "implicit"}, "implicit"),
    ],
)
def test_port_465_means_implicit_tls(values, security) -> None:
    assert Settings(**values).smtp_security == security


def test_a_webhook_redirect_is_not_followed(sqlite_db) -> None:
    """The payload goes to the configured address only; a 3xx is a failed delivery."""
    _failure()
    settings = get_settings().model_copy(update={"webhook_url": HOOK})
    elsewhere = "https://elsewhere.example/collect/SECRET-PATH"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(HOOK, status=307, headers={"Location": elsewhere})
        mock.post(elsewhere, status=200)
        assert deliver_pending(settings) == 0
        assert [c.request.url for c in mock.calls] == [HOOK]
    error = _delivery_error()
    assert "307, a redirect to https://elsewhere.example" in error
    assert "PLANNER_WEBHOOK_URL" in error and "SECRET-PATH" not in error


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
