"""Failures reach people: the in-app inbox, and optionally e-mail (SMTP) and a webhook.

A notification is written in the same transaction as the state change it reports, so a
failure can never happen without its message. It is stored as an i18n key with values and
shown in each reader's language; e-mail and webhook deliveries happen later, outside any
transaction, from the worker's pass (`deliver_pending`), each at most once.
"""

from __future__ import annotations

import contextlib
import json
import logging
import smtplib
import ssl
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import requests
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.db import session_scope
from planner.i18n import STRINGS, format_datetime, t
from planner.limits import PLATFORMS
from planner.models import Notification, PostTarget, utcnow
from planner.people.actors import Actor
from planner.people.roles import Action
from planner.redaction import redact, register_secrets

log = logging.getLogger(__name__)
LEVELS = {"info": 0, "warning": 1, "error": 2}
MAX_DELIVERY_ATTEMPTS = 5
DELIVERY_WINDOW = timedelta(hours=24)  # older ones are not mailed when SMTP is set up later
SECRET_PATH = 24  # Slack: /services/T…/B…/<24 characters>; Mattermost: /hooks/<26 characters>


def notify(
    session: Session,
    key: str,
    *,
    level: str = "warning",
    target: PostTarget | None = None,
    post_id: int | None = None,
    account_id: int | None = None,
    settings: Settings | None = None,
    **params: Any,
) -> Notification:
    """Add a message for people to `session`; e-mail/webhook delivery follows later."""
    settings = settings or get_settings()
    if target is not None:
        post_id = post_id or target.post_id
        account_id = account_id or target.account_id
        params.setdefault("post_id", target.post_id)
        params.setdefault("platform", target.platform)
    if post_id is not None:
        params.setdefault("post_id", post_id)
    clean = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in params.items()}
    wanted = LEVELS.get(level, 1) >= LEVELS.get(settings.notify_min_level, 1)
    note = Notification(
        level=level,
        key=key,
        params=clean,
        message=render_text(key, clean, settings.locale, settings.tz),
        target_id=target.id if target is not None else None,
        post_id=post_id,
        account_id=account_id,
        delivered_at=None if wanted else utcnow(),
    )
    session.add(note)
    return note


def render_text(key: str, params: dict[str, Any], locale: str, tz: ZoneInfo) -> str:
    """The message in `locale`: times in the library's zone, error kinds explained plainly."""
    values = dict(params)
    for name, value in params.items():
        if name.endswith("_at") and isinstance(value, str):
            with contextlib.suppress(ValueError):
                values[name] = format_datetime(datetime.fromisoformat(value), tz, locale)
    if values.get("platform") in PLATFORMS:
        values["platform"] = t(f"platform.{values['platform']}", locale)
    if "kind" in values:
        values["reason"] = reason_text(values["kind"], values.get("detail"), locale)
    try:
        return t(key, locale, **values)
    except (KeyError, IndexError):
        return f"{key}: {json.dumps(params, ensure_ascii=False)}"


def reason_text(kind: str | None, detail: str | None, locale: str) -> str:
    """Why a send failed, as people read it: the plain reason in their language first, then
    the platform's own words (adapters write those in English) in brackets."""
    detail = detail or ""
    if not kind or f"reason.{kind}" not in STRINGS:
        return detail
    reason = t(f"reason.{kind}", locale)
    return f"{reason} ({detail})" if detail and detail != reason else reason


def show(note: Notification, locale: str, tz: ZoneInfo) -> str:
    """A stored notification in the reader's language (falls back to the stored text)."""
    return render_text(note.key, note.params, locale, tz) if note.key else note.message


def inbox(session: Session, *, unread_only: bool = False, limit: int = 100) -> list[Notification]:
    """Newest first."""
    query = select(Notification).order_by(
        col(Notification.created_at).desc(), col(Notification.id).desc()
    )
    if unread_only:
        query = query.where(col(Notification.read_at).is_(None))
    return list(session.exec(query.limit(limit)))


def unread_count(session: Session) -> int:
    """How many messages nobody has read yet (shown next to the inbox)."""
    query = (
        select(func.count()).select_from(Notification).where(col(Notification.read_at).is_(None))
    )
    return int(session.exec(query).one())


def mark_read(session: Session, ids: list[int] | None = None, *, actor: Actor) -> int:
    """Mark the given messages (or all) as read; returns how many changed.

    Checked but not audited: reading the shared inbox changes nothing anyone else relies on.
    """
    from planner.people.guard import check

    check(session, actor, Action.READ_INBOX, ("inbox", None))
    stmt = update(Notification).where(col(Notification.read_at).is_(None))
    if ids is not None:
        stmt = stmt.where(col(Notification.id).in_(ids))
    return session.execute(stmt.values(read_at=utcnow())).rowcount


# -- delivery -------------------------------------------------------------------------------
Sender = Callable[[Settings, Notification], None]


class DeliveryError(Exception):
    """A channel refused to take a notification, with the reason a person can act on."""


def send_email(settings: Settings, note: Notification) -> None:
    """One e-mail per notification through the configured SMTP server: to the addresses the
    notification names (`to`, e.g. the reviewers of a post), else to NOTIFY_EMAILS."""
    recipients = list(note.params.get("to") or []) or [
        a.strip() for a in settings.notify_emails.split(",") if a.strip()
    ]
    if not recipients:
        return
    msg = EmailMessage()
    msg["Subject"] = f"[planner] {t('notify.subject.' + note.level, settings.locale)}"
    msg["From"] = settings.smtp_from
    msg["To"] = ", ".join(recipients)
    msg.set_content(show(note, settings.locale, settings.tz))
    with smtp_connection(settings) as smtp:
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        smtp.send_message(msg)


def smtp_connection(settings: Settings) -> smtplib.SMTP:
    """A connection to the SMTP server, protected as configured, before any password is sent.

    The server's certificate is verified (a man in the middle would otherwise receive the
    SMTP password): STARTTLS or implicit TLS with the system's CAs, or only those in
    PLANNER_SMTP_CA_FILE. A server that does not offer STARTTLS is refused, not used in
    the clear.
    """
    host, port = settings.smtp_host or "localhost", settings.smtp_port
    mode = settings.smtp_security
    where = f"SMTP server {host}:{port}"
    context = _tls_context(settings) if mode != "none" else None
    try:
        if mode == "implicit":
            return smtplib.SMTP_SSL(host, port, timeout=15, context=context)
        smtp = smtplib.SMTP(host, port, timeout=15)
        if mode == "starttls":
            try:
                smtp.starttls(context=context)
            except BaseException:
                smtp.close()
                raise
        return smtp
    except ssl.SSLCertVerificationError as exc:
        raise DeliveryError(
            f"{where}: its certificate could not be verified ({exc.verify_message}); "
            "nothing was sent, not even the password. If the server uses a private CA, set "
            "PLANNER_SMTP_CA_FILE to that CA's certificate"
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(
            f"{where} does not offer STARTTLS; nothing was sent, not even the password. Use "
            "PLANNER_SMTP_TLS=implicit for a server on port 465 (none only for a relay on "
            "this machine)"
        ) from exc
    except ssl.SSLError as exc:
        raise DeliveryError(
            f"{where}: TLS failed ({exc.reason or exc}); nothing was sent. Check "
            "PLANNER_SMTP_TLS: starttls for port 587, implicit for port 465"
        ) from exc


def _tls_context(settings: Settings) -> ssl.SSLContext:
    """Certificate and host name checks on; only PLANNER_SMTP_CA_FILE's CAs when it is set."""
    if settings.smtp_ca_file is None:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=str(settings.smtp_ca_file))
    except (OSError, ssl.SSLError) as exc:
        raise DeliveryError(
            f"PLANNER_SMTP_CA_FILE {settings.smtp_ca_file} cannot be used: {exc}"
        ) from exc


def send_webhook(settings: Settings, note: Notification) -> None:
    """POST the notification as JSON (works with Slack/Mattermost-style incoming hooks)."""
    payload = {
        "text": show(note, settings.locale, settings.tz),
        "level": note.level,
        "key": note.key,
        "params": {k: v for k, v in note.params.items() if k != "to"},  # people's addresses stay
        "post_id": note.post_id,
        "target_id": note.target_id,
        "created_at": note.created_at.isoformat(),
    }
    # Never follow a redirect: the payload would go (307/308: be re-posted) to wherever the
    # webhook server points, which is not the address someone configured.
    response = requests.post(
        settings.webhook_url or "", json=payload, timeout=15, allow_redirects=False
    )
    if 300 <= response.status_code < 400:
        target = urlsplit(response.headers.get("location", ""))
        elsewhere = f" to {target.scheme}://{target.netloc}" if target.netloc else ""
        raise DeliveryError(
            f"the webhook answered {response.status_code}, a redirect{elsewhere}; planner does "
            "not follow redirects with notifications: set PLANNER_WEBHOOK_URL to the final "
            "address"
        )
    response.raise_for_status()


def _mask_channel_secrets(settings: Settings) -> None:
    """Treat the SMTP password and the webhook address like platform tokens: never logged.

    An incoming-webhook URL (Slack, Mattermost) carries its secret in the path, and a
    failed POST names it in requests' message and in urllib3's debug log (path only).
    """
    url = settings.webhook_url or ""
    path = urlsplit(url).path
    # Only a long path is a token; a short one ('/planner') would mask ordinary log text.
    register_secrets([settings.smtp_password, url, path if len(path) >= SECRET_PATH else None])


def deliver_pending(
    settings: Settings | None = None,
    *,
    now: datetime | None = None,
    senders: list[Sender] | None = None,
    limit: int = 50,
) -> int:
    """E-mail and/or post to the webhook every undelivered notification; returns how many went.

    Each is claimed (delivered_at set) before sending, so two workers never both send one;
    a delivery no channel took is released for a later pass, up to MAX_DELIVERY_ATTEMPTS times.
    """
    settings = settings or get_settings()
    if senders is None:
        senders = ([send_email] if settings.smtp_host else []) + (
            [send_webhook] if settings.webhook_url else []
        )
    if not senders:
        return 0
    _mask_channel_secrets(settings)
    now = now or utcnow()
    with session_scope() as session:
        due = (
            select(Notification.id)
            .where(col(Notification.delivered_at).is_(None))
            .where(Notification.delivery_attempts < MAX_DELIVERY_ATTEMPTS)
            .where(Notification.created_at >= now - DELIVERY_WINDOW)
            .order_by(Notification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        ids = list(session.exec(due))
        if ids:
            session.execute(
                update(Notification)
                .where(col(Notification.id).in_(ids))
                .values(delivered_at=now, delivery_attempts=Notification.delivery_attempts + 1)
            )
        notes = [session.get(Notification, i) for i in ids]
    sent = 0
    for note in notes:
        assert note is not None
        errors = []
        for sender in senders:
            try:
                sender(settings, note)
            except (
                DeliveryError,
                OSError,
                smtplib.SMTPException,
                requests.RequestException,
            ) as exc:
                errors.append(f"{sender.__name__}: {exc}")
        if not errors:
            sent += 1
            continue
        failure = redact("; ".join(errors))  # a webhook URL is a password (Slack's are)
        log.warning("notification %s not delivered: %s", note.id, failure)
        # Released for another try only when no channel got it, so none receives it twice.
        retry = len(errors) == len(senders)
        with session_scope() as session:
            session.execute(
                update(Notification)
                .where(Notification.id == note.id)
                .values(
                    delivered_at=None if retry else now,
                    delivery_error=failure[:2000],
                )
            )
    return sent
