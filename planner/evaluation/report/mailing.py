"""Last month's report by e-mail to the managers, once, when a month begins.

Switched on by PLANNER_REPORT_EMAIL and sent through the SMTP server of the notifications
(planner.notify). The worker asks on every pass; the first pass on or after the 1st of a
month (library time) sends it. The month is claimed in the database before sending, so two
workers never send it twice, and released again when nothing could be sent, so a later pass
retries.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from email.message import EmailMessage

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from planner.config import Settings
from planner.db import session_scope
from planner.evaluation.period import last_month
from planner.evaluation.report.files import file_name
from planner.evaluation.report.monthly import build_monthly
from planner.evaluation.report.pdf import render_pdf
from planner.evaluation.report.sentences import month_name
from planner.i18n import LOCALES, t
from planner.models import AppMeta, Role, User
from planner.notify import DeliveryError, smtp_connection

log = logging.getLogger(__name__)
SENT_KEY = "report_email.month"  # AppMeta: the last month whose report was e-mailed


def send_monthly_report(settings: Settings, *, now: datetime) -> int:
    """E-mail last month's report to the managers if it is due; the number of e-mails sent."""
    if not settings.report_email or not settings.smtp_host:
        return 0
    month = last_month(now, settings.timezone).month
    with session_scope() as session:
        readers = _managers(session)
        if not readers:
            return 0
        claimed, before = _claim(session, month)
    if not claimed:
        return 0
    sent = 0
    try:
        for lang, addresses in readers.items():
            with session_scope() as session:
                report = build_monthly(session, month, lang, now=now)
            _send(
                settings,
                addresses,
                report.month,
                lang,
                file_name(report, "pdf"),
                render_pdf(report),
            )
            sent += 1
    except (DeliveryError, smtplib.SMTPException, OSError) as exc:
        log.warning("monthly report for %s not e-mailed: %s", month, exc)
        if sent == 0:  # nobody has it yet: a later pass tries again (never twice to anyone)
            with session_scope() as session:
                _release(session, month, before)
    return sent


def _managers(session: Session) -> dict[str, list[str]]:
    """Active managers with an address, grouped by the language each reads planner in."""
    rows = session.exec(
        select(User.email, User.locale)
        .where(User.role == Role.MANAGER.value, col(User.active), User.email != "")
        .order_by(User.username)
    ).all()
    readers: dict[str, list[str]] = {}
    for email, locale in rows:
        readers.setdefault(locale if locale in LOCALES else "id", []).append(email)
    return readers


def _claim(session: Session, month: str) -> tuple[bool, str | None]:
    """Mark `month` as being sent: (whether this caller got it, the mark it replaced)."""
    row = session.get(AppMeta, SENT_KEY)
    if row is None:
        try:
            with session.begin_nested():
                session.add(AppMeta(key=SENT_KEY, value=month))
        except IntegrityError:  # another worker inserted it first
            return False, None
        return True, None
    before = row.value
    if before >= month:
        return False, before
    # Compare-and-set: only one worker moves the mark from the old month to this one.
    moved = session.execute(
        update(AppMeta).where(AppMeta.key == SENT_KEY, AppMeta.value == before).values(value=month)
    ).rowcount
    return moved == 1, before


def _release(session: Session, month: str, before: str | None) -> None:
    """Give the month back after a failed send, so the next pass tries again."""
    row = session.get(AppMeta, SENT_KEY)
    if row is not None and row.value == month:
        if before is None:
            session.delete(row)
        else:
            row.value = before
            session.add(row)


def _send(settings: Settings, to: list[str], month: str, lang: str, name: str, pdf: bytes) -> None:
    msg = EmailMessage()
    title = f"{t('report.title', lang)} – {month_name(month, lang)}"
    msg["Subject"] = f"[planner] {title}"
    msg["From"] = settings.smtp_from
    msg["To"] = ", ".join(to)
    msg.set_content(t("report.email_body", lang, month=month_name(month, lang)))
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    with smtp_connection(settings) as smtp:
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(msg)
