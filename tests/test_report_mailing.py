"""Last month's report e-mailed to the managers when a month begins, through a real local SMTP
server (aiosmtpd): once per month, in each manager's language, retried when nothing got out."""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from email.header import decode_header, make_header

import pytest
from sqlmodel import select

from planner.config import get_settings
from planner.db import session_scope
from planner.evaluation.report.mailing import SENT_KEY, send_monthly_report
from planner.models import AppMeta, User
from tests.doubles import PlatformDouble
from tests.people_helpers import make_user
from tests.test_notify import smtp_server  # noqa: F401  (the fixture)
from tests.test_worker import worker

FIRST_OF_DECEMBER = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 1 Dec 00:30 WIB


def _with_email(username: str, email: str, locale: str = "id", active: bool = True) -> None:
    with session_scope() as session:
        user = session.exec(select(User).where(User.username == username)).one()
        user.email, user.locale, user.active = email, locale, active
        session.add(user)


@pytest.fixture
def people(sqlite_db: str) -> None:
    """Two managers (Indonesian, English), one without an address, one disabled, and staff."""
    for role, name, email, locale, active in [
        ("manager", "maya", "kepala@perpus.example", "id", True),
        ("manager", "mark", "head@perpus.example", "en", True),
        ("manager", "mira", "", "id", True),
        ("manager", "mona", "lama@perpus.example", "id", False),
        ("staff", "sari", "humas@perpus.example", "id", True),
    ]:
        make_user(role, name)
        _with_email(name, email, locale, active)


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def _settings(port: int, **more):
    return get_settings().model_copy(
        update={
            "report_email": True,
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_tls": "none",
            **more,
        }
    )


def test_sent_once_to_each_manager_in_their_language(people, smtp_server) -> None:  # noqa: F811
    port, handler = smtp_server
    assert send_monthly_report(_settings(port), now=FIRST_OF_DECEMBER) == 2
    assert send_monthly_report(_settings(port), now=FIRST_OF_DECEMBER) == 0  # once a month
    by_to = {m["To"]: m for m in handler.messages}
    assert set(by_to) == {"kepala@perpus.example", "head@perpus.example"}
    indonesian, english = by_to["kepala@perpus.example"], by_to["head@perpus.example"]
    assert subject(indonesian) == "[planner] Laporan Bulanan Media Sosial – November 2026"
    assert subject(english) == "[planner] Monthly Social Media Report – November 2026"
    [body, attachment] = indonesian.get_payload()
    assert "November 2026" in body.get_payload(decode=True).decode()
    assert attachment.get_filename() == "laporan-2026-11.pdf"
    assert attachment.get_payload(decode=True).startswith(b"%PDF")
    assert english.get_payload()[1].get_filename() == "report-2026-11.pdf"
    with session_scope() as session:
        assert session.get(AppMeta, SENT_KEY).value == "2026-11"


def test_switched_off_or_without_a_server_nothing_is_sent(people, smtp_server) -> None:  # noqa: F811
    port, handler = smtp_server
    assert send_monthly_report(_settings(port, report_email=False), now=FIRST_OF_DECEMBER) == 0
    assert send_monthly_report(_settings(port, smtp_host=None), now=FIRST_OF_DECEMBER) == 0
    assert handler.messages == []


def test_a_server_that_is_down_is_tried_again_on_a_later_pass(people, smtp_server) -> None:  # noqa: F811
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        nobody = s.getsockname()[1]
    assert send_monthly_report(_settings(nobody), now=FIRST_OF_DECEMBER) == 0
    with session_scope() as session:
        assert session.get(AppMeta, SENT_KEY) is None  # released: not marked as sent
    port, handler = smtp_server
    assert send_monthly_report(_settings(port), now=FIRST_OF_DECEMBER) == 2
    assert len(handler.messages) == 2


def test_the_worker_sends_it_on_its_pass(people, smtp_server) -> None:  # noqa: F811
    port, handler = smtp_server
    settings = {
        "report_email": True,
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_tls": "none",
    }
    result = worker(PlatformDouble(), FIRST_OF_DECEMBER, **settings).run_once()
    assert result.notifications_sent == 2 and len(handler.messages) == 2
    worker(PlatformDouble(), FIRST_OF_DECEMBER, **settings).run_once()
    assert len(handler.messages) == 2  # a second worker's pass sends nothing more
