"""The sandbox platform: publishes into a local outbox, never onto the network.

It is the default for every new installation and for training, so that the whole flow
(draft, schedule, publish, metrics) can be practised without any real account. Engagement
is simulated: it grows with time since publishing along a saturating curve whose size is
derived from the post's remote id, so the same post always shows the same figures.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from planner.limits import limits_for
from planner.platforms.base import (
    AccountInfo,
    Audience,
    Limits,
    Metrics,
    PublishRequest,
    RemoteRef,
)

# Rough relative reach of an average library post on each network (shapes the simulation only).
_AUDIENCE = {"x": 0.6, "facebook": 1.0, "instagram": 1.3, "threads": 0.8, "bluesky": 0.4}


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "account"


def simulated_metrics(remote_id: str, platform: str, hours: float) -> Metrics:
    """Engagement `hours` after publishing; deterministic and never decreasing in `hours`."""
    seed = int.from_bytes(hashlib.sha256(remote_id.encode()).digest()[:8], "big")
    size = 150 + seed % 1800  # final impressions before the audience factor
    like_rate = 0.02 + (seed >> 12) % 60 / 1000  # 2 %-8 %
    final = size * _AUDIENCE.get(platform, 1.0)
    # A saturating curve: most reach in the first day, a long tail over the month.
    t = max(hours, 0.0) + 0.1
    grown = final * (0.7 * (1 - math.exp(-t / 6)) + 0.3 * (1 - math.exp(-t / 120)))
    impressions = int(grown)
    likes = int(impressions * like_rate)
    return Metrics(
        impressions=impressions,
        reach=int(impressions * 0.8),
        likes=likes,
        comments=likes // 6,
        shares=likes // 9,
        saves=likes // 7 if platform == "instagram" else 0,
        clicks=int(impressions * 0.01),
        views=impressions,
        simulated=True,
        raw={"hours": round(hours, 3), "seed": seed % 10_000},
    )


# Day 0 of the simulated audience curve (any fixed date: only growth per day matters).
_AUDIENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def simulated_audience(account_name: str, platform: str, now: datetime) -> Audience:
    """Followers on `now`'s date: a steady daily growth sized by the account; deterministic."""
    seed = int.from_bytes(hashlib.sha256(f"{platform}:{account_name}".encode()).digest()[:8], "big")
    start = int((400 + seed % 2600) * _AUDIENCE.get(platform, 1.0))
    per_day = 1 + (seed >> 16) % 6  # 1-6 new followers a day
    days = max((now - _AUDIENCE_EPOCH).days, 0)
    return Audience(
        followers=start + per_day * days,
        following=50 + (seed >> 24) % 150,
        simulated=True,
        raw={"days": days, "per_day": per_day},
    )


class SandboxPlatform:
    """A stand-in for one account on `platform`, writing to `outbox/<account>/`."""

    def __init__(
        self,
        platform: str,
        account_name: str,
        outbox_dir: Path,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.name = platform
        self.limits: Limits = limits_for(platform)
        self.account_name = account_name
        self.folder = Path(outbox_dir) / _slug(account_name)
        self._clock = clock or (lambda: datetime.now(UTC))

    def publish(self, request: PublishRequest) -> RemoteRef:
        """Write the post and its images to the outbox; one new file per call."""
        self.folder.mkdir(parents=True, exist_ok=True)
        now = self._clock()
        remote_id = f"sbx-{self.name}-{request.target_id}-{uuid.uuid4().hex[:10]}"
        images = []
        for index, item in enumerate(request.media):
            suffix = Path(item.path).suffix or ".jpg"
            name = f"{remote_id}-{index}{suffix}"
            shutil.copyfile(item.path, self.folder / name)
            images.append({"file": name, "alt_text": item.alt_text})
        record = {
            "remote_id": remote_id,
            "platform": self.name,
            "account": self.account_name,
            "target_id": request.target_id,
            "idempotency_key": request.idempotency_key,
            "text": request.text,
            "thread": list(request.thread),
            "link": request.link,
            "images": images,
            "published_at": now.isoformat(),
            "simulated": True,
        }
        tmp = self.folder / f".{remote_id}.json.tmp"
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.folder / f"{remote_id}.json")
        return RemoteRef(
            remote_id=remote_id, url=f"sandbox://{self.folder.name}/{remote_id}", published_at=now
        )

    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        """Simulated engagement for each ref, from its time since publishing."""
        now = self._clock()
        out: dict[str, Metrics] = {}
        for ref in refs:
            published = ref.published_at or now
            hours = (now - published).total_seconds() / 3600
            out[ref.remote_id] = simulated_metrics(ref.remote_id, self.name, hours)
        return out

    def fetch_audience(self) -> Audience:
        """Simulated followers that grow a little every day (marked simulated)."""
        return simulated_audience(self.account_name, self.name, self._clock())

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The outbox record carrying this request's idempotency key, if any."""
        if not self.folder.exists() or not request.idempotency_key:
            return None
        for path in sorted(self.folder.glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            if record.get("idempotency_key") == request.idempotency_key:
                return RemoteRef(
                    remote_id=record["remote_id"],
                    url=f"sandbox://{self.folder.name}/{record['remote_id']}",
                    published_at=datetime.fromisoformat(record["published_at"]),
                )
        return None

    def check_connection(self) -> AccountInfo:
        """Always connected: the sandbox needs no credentials."""
        return AccountInfo(
            remote_id=f"sandbox-{self.folder.name}",
            name=self.account_name,
            handle=f"@{self.folder.name}",
        )


def outbox_records(outbox_dir: Path) -> list[dict]:
    """Every post the sandbox has 'published' (for tests, training feedback and the UI)."""
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(Path(outbox_dir).glob("*/*.json"))
    ]
