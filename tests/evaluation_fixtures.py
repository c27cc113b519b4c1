"""A small, hand-counted month of results (November 2026, Asia/Jakarta = UTC+7) for the
evaluation queries and the dashboard page: gaps, a late snapshot, a cancelled post, two Facebook
accounts, a sandbox Instagram account mixed with live ones, and posts on the month's edges.

The expected numbers are written out next to the data in tests/test_evaluation_queries.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from planner.models import (
    Account,
    AudienceSnapshot,
    Campaign,
    CollectionItem,
    Event,
    MetricSnapshot,
    Post,
    PostTarget,
    User,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


FIGURES = ("impressions", "reach", "likes", "comments", "shares", "saves", "clicks")


def snap(
    session: Session, target: PostTarget, age: str, after: timedelta, simulated=False, **figs: Any
) -> MetricSnapshot:
    """A snapshot `after` the target's publishing; unnamed figures are gaps (None)."""
    row = MetricSnapshot(
        target_id=target.id,
        taken_at=target.published_at + after,
        age_bucket=age,
        simulated=simulated,
        **{name: figs.get(name) for name in FIGURES},
    )
    session.add(row)
    session.flush()
    return row


def target(
    session: Session,
    post: Post,
    account: Account,
    *,
    due: datetime,
    published: datetime | None = None,
    status: str = "published",
    **extra: Any,
) -> PostTarget:
    row = PostTarget(
        post_id=post.id,
        account_id=account.id,
        platform=account.platform,
        status=status,
        due_at=due,
        published_at=published,
        remote_id=f"r-{post.id}-{account.id}" if published else None,
        remote_url=f"https://example.org/{post.id}/{account.id}" if published else None,
        **extra,
    )
    session.add(row)
    session.flush()
    return row


def load_month(session: Session) -> dict[str, Any]:
    """The fixture; returns the ids the tests name."""
    author = User(username="penulis", display_name="Penulis")
    session.add(author)
    accounts = {
        "x": Account(platform="x", name="X Perpus", is_sandbox=False),
        "fb": Account(platform="facebook", name="FB Perpus", is_sandbox=False),
        "fb2": Account(platform="facebook", name="FB Anak", is_sandbox=False),
        "ig": Account(platform="instagram", name="IG Latihan", is_sandbox=True),
    }
    session.add_all(accounts.values())
    event = Event(key="dongeng", title="Dongeng", starts_at=utc(2026, 11, 20, 2))
    item = CollectionItem(key="laskar", title="Laskar Pelangi")
    session.add_all([event, item])
    session.flush()
    campaign = Campaign(name="Dongeng Sabtu", event_id=event.id)
    session.add(campaign)
    session.flush()

    def post(title: str, **kw: Any) -> Post:
        row = Post(title=title, **{"status": "published", **kw})
        session.add(row)
        session.flush()
        return row

    x, fb, fb2, ig = (accounts[k] for k in ("x", "fb", "fb2", "ig"))
    # P1: an event poster on X and Facebook, Tuesday 3 Nov 09:00 local.
    p1 = post("Dongeng Sabtu", template_id="event_poster", event_id=event.id,
              campaign_id=campaign.id)  # fmt: skip
    t1 = target(session, p1, x, due=utc(2026, 11, 3, 2), published=utc(2026, 11, 3, 2))
    snap(session, t1, "1h", timedelta(hours=1), likes=10, comments=1, shares=2, clicks=3,
         reach=100, impressions=200)  # fmt: skip
    # Late: the collector was down, the first 24 h snapshot came at 30 h; a second one at 48 h.
    snap(session, t1, "24h", timedelta(hours=30), likes=20, comments=2, shares=4, clicks=5,
         reach=400, impressions=800)  # fmt: skip
    snap(session, t1, "24h", timedelta(hours=48), likes=25, comments=2, shares=4, clicks=5,
         reach=450, impressions=850)  # fmt: skip
    snap(session, t1, "7d", timedelta(days=7), likes=30, comments=3, shares=5, clicks=7,
         reach=600, impressions=1000)  # fmt: skip
    t2 = target(session, p1, fb, due=utc(2026, 11, 3, 2), published=utc(2026, 11, 3, 2, 0, 30))
    # Facebook gives no reach here: the rate falls back to impressions.
    snap(session, t2, "24h", timedelta(hours=24), likes=8, shares=1, impressions=300)
    # P2: a book, Wednesday 11 Nov 03:00 local, on the second Facebook account, retried once.
    p2 = post("Laskar Pelangi", template_id="book_of_week", item_id=item.id,
              author_id=author.id)  # fmt: skip
    t3 = target(session, p2, fb2, due=utc(2026, 11, 10, 20), published=utc(2026, 11, 10, 20),
                attempts=2)  # fmt: skip
    snap(session, t3, "24h", timedelta(hours=24), likes=5, comments=1, shares=0, saves=2,
         clicks=4, reach=50, impressions=90)  # fmt: skip
    # The platform stopped giving comments, reach and impressions: gaps, not zeros.
    snap(session, t3, "7d", timedelta(days=7), likes=6, shares=0, saves=2, clicks=4)
    # P3: a service post on the sandbox Instagram, Friday 20 Nov 12:00 local: simulated.
    p3 = post("Jam layanan")
    t4 = target(session, p3, ig, due=utc(2026, 11, 20, 5), published=utc(2026, 11, 20, 5))
    snap(session, t4, "24h", timedelta(hours=24), simulated=True, likes=100, comments=10,
         shares=0, saves=5, reach=1000, impressions=1500)  # fmt: skip
    # P4: cancelled before it went out.
    p4 = post("Dibatalkan", status="cancelled")
    target(session, p4, x, due=utc(2026, 11, 5, 2), status="cancelled")
    # P5: October (the comparison month).
    p5 = post("Oktober")
    t6 = target(session, p5, x, due=utc(2026, 10, 15, 3), published=utc(2026, 10, 15, 3))
    snap(session, t6, "24h", timedelta(hours=24), likes=5, comments=0, shares=0, clicks=1,
         reach=100, impressions=150)  # fmt: skip
    # P6: 30 Nov 18:00 UTC is 1 Dec 01:00 local: December, not November.
    p6 = post("Desember")
    t7 = target(session, p6, fb, due=utc(2026, 11, 30, 18), published=utc(2026, 11, 30, 18))
    snap(session, t7, "1h", timedelta(hours=1), likes=50, reach=70)
    # P7: 31 Oct 17:30 UTC is 1 Nov 00:30 local: November; sent 5 minutes late, no figures yet.
    p7 = post("Tengah malam")
    t8 = target(session, p7, x, due=utc(2026, 10, 31, 17, 30),
                published=utc(2026, 10, 31, 17, 35))  # fmt: skip
    # P8: failed on Facebook, unknown outcome on X; P9 still waiting although due.
    p8 = post("Gagal", status="failed")
    target(session, p8, fb, due=utc(2026, 11, 12, 3), status="failed", attempts=3,
           error_kind="rejected")  # fmt: skip
    target(session, p8, x, due=utc(2026, 11, 12, 3), status="needs_attention", attempts=1,
           error_kind="unknown")  # fmt: skip
    p9 = post("Tertunda", status="scheduled")
    target(session, p9, x, due=utc(2026, 11, 25, 3), status="scheduled")

    def followers(account: Account, day: date, count: int | None) -> None:
        session.add(AudienceSnapshot(account_id=account.id, day=day, followers=count,
                                     simulated=account.is_sandbox))  # fmt: skip

    followers(x, date(2026, 10, 31), 1000)
    followers(x, date(2026, 11, 15), 1100)
    followers(x, date(2026, 11, 30), 1200)
    followers(fb, date(2026, 11, 5), 500)
    followers(fb, date(2026, 11, 20), None)  # not reported that day
    followers(fb, date(2026, 11, 25), 520)
    followers(ig, date(2026, 11, 10), 50)
    followers(ig, date(2026, 11, 30), 80)
    session.flush()
    return {
        "accounts": {k: a.id for k, a in accounts.items()},
        "author": author.id,
        "campaign": campaign.id,
        "targets": {"t1": t1.id, "t2": t2.id, "t3": t3.id, "t4": t4.id, "t7": t7.id, "t8": t8.id},
        "posts": {"p1": p1.id, "p2": p2.id, "p3": p3.id, "p7": p7.id},
    }
