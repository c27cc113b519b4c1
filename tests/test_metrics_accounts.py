"""Metrics collection leaves accounts that need reconnecting alone (their token would fail),
and a token that has expired while reading metrics pauses its account like a failed post;
figures a platform does not report are kept as such, not passed off as zeros."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import select

from planner.db import session_scope
from planner.metrics import collect_once, latest_per_target, unreported
from planner.models import Account, MetricSnapshot, Notification, PostTarget
from planner.platforms.base import AuthExpired, Metrics, RemoteRef
from planner.publishing.worker import Worker
from planner.scheduling import PostCreate, schedule_post
from tests.factories import add_sandbox_accounts
from tests.people_helpers import ADMIN

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def _publish_on_x_and_facebook() -> int:
    """One post on the Sandbox X and Facebook accounts, published at T0; how many went out."""
    with session_scope() as session:
        x, fb, _ = add_sandbox_accounts(session)
        schedule_post(
            session,
            data=PostCreate(
                title="t",
                texts={"x": "Halo", "facebook": "Halo"},
                account_ids=[x.id, fb.id],
                due_at=T0,
            ),
            now=T0 - timedelta(minutes=1),
            actor=ADMIN,
        )
    return Worker("w", clock=lambda: T0).run_once().published


def test_reconnect_needed_account_is_skipped_then_resumed(sqlite_db: str) -> None:
    assert _publish_on_x_and_facebook() == 2
    with session_scope() as session:
        account = session.exec(select(Account).where(Account.platform == "x")).one()
        account.status, account.status_reason = "reconnect_needed", "token revoked"
    assert collect_once(now=T0 + timedelta(hours=1)) == 1  # only Facebook
    with session_scope() as session:
        account = session.exec(select(Account).where(Account.platform == "x")).one()
        account.status = "active"
    # X's 1 h snapshot is still due (labelled 1h, taken late); Facebook has its own.
    assert collect_once(now=T0 + timedelta(hours=2)) == 1
    with session_scope() as session:
        snaps = session.exec(select(MetricSnapshot)).all()
        assert sorted(s.age_bucket for s in snaps) == ["1h", "1h"]


class _ExpiredToken:
    """An adapter whose token was revoked since the post went out."""

    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        raise AuthExpired("X: read metrics: 401 Unauthorized")


def test_expired_token_while_reading_metrics_pauses_the_account(any_db: str) -> None:
    _publish_on_x_and_facebook()
    later = T0 + timedelta(hours=1)
    real = Worker("w2", clock=lambda: later).ctx.platforms

    def factory(account: Account):
        return _ExpiredToken() if account.platform == "x" else real(account)

    for _ in range(2):  # the second pass skips the paused account and tells nobody again
        assert collect_once(now=later, platform_factory=factory) == 1
        later += timedelta(hours=23)  # the next milestone, 24 h
    with session_scope() as session:
        x = session.exec(select(Account).where(Account.platform == "x")).one()
        assert (x.status, x.status_reason) == (
            "reconnect_needed",
            "X: read metrics: 401 Unauthorized",
        )
        notes = session.exec(select(Notification)).all()
        assert [(n.key, n.account_id) for n in notes] == [("notify.reconnect", x.id)]
        # Its published post stays published; only the queue waits.
        assert {t.status for t in session.exec(select(PostTarget))} == {"published"}


class _NoSavesNoInsights:
    """Facebook as it answers after Meta retired an insight: no impressions, no saves."""

    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        return {
            r.remote_id: Metrics(likes=4, comments=1, missing=["impressions", "reach", "saves"])
            for r in refs
        }


def test_figures_a_platform_does_not_report_are_recorded_and_listed(sqlite_db: str) -> None:
    _publish_on_x_and_facebook()
    later = T0 + timedelta(hours=1)
    real = Worker("w2", clock=lambda: later).ctx.platforms

    def factory(account: Account):
        return _NoSavesNoInsights() if account.platform == "facebook" else real(account)

    assert collect_once(now=later, platform_factory=factory) == 2
    with session_scope() as session:
        snaps = {s.raw.get("missing") is not None for s in session.exec(select(MetricSnapshot))}
        rows = latest_per_target(session)
    assert snaps == {True}
    by_platform = {r["platform"]: r["missing"] for r in rows}
    assert by_platform == {"x": [], "facebook": ["impressions", "reach", "saves"]}
    # Reach is not on the dashboard, so only what it adds up is listed.
    assert unreported(rows) == {"facebook": ["impressions", "saves"]}


def test_dry_run_posts_are_never_asked_about(sqlite_db: str) -> None:
    """After an account leaves dry run, its dry-run 'posts' must not reach the live API."""
    with session_scope() as session:
        x = add_sandbox_accounts(session)[0]
        for title in ("dry", "real"):
            schedule_post(
                session,
                data=PostCreate(title=title, texts={"x": title}, account_ids=[x.id], due_at=T0),
                now=T0 - timedelta(minutes=1),
                actor=ADMIN,
            )
    Worker("w", clock=lambda: T0).run_once()
    with session_scope() as session:
        dry = session.exec(select(PostTarget).order_by(PostTarget.id)).first()
        dry.remote_id = "dryrun-x-1-0123456789"  # what a dry-run account recorded
    asked: list[str] = []

    class Live:
        def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
            asked.extend(r.remote_id for r in refs)
            return {r.remote_id: Metrics() for r in refs}

    assert collect_once(now=T0 + timedelta(hours=1), platform_factory=lambda a: Live()) == 1
    assert len(asked) == 1 and not asked[0].startswith("dryrun-")
