"""Dry run: a live account's adapter builds and validates every request, and sends none.

The real adapter runs unchanged on a session whose transport records each prepared request
and answers with a canned success (so later steps, like the tweet that carries an uploaded
image, are built too). The requests, with every secret masked, are written to
`data/dryrun/<account>/`, like the sandbox outbox; the target is marked published with a
`dryrun-` id and no metrics. Anything the platform would refuse (too long, wrong image,
missing public URL) fails exactly as it would live.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from planner.platforms.base import (
    AccountInfo,
    Audience,
    Metrics,
    Platform,
    PublishRequest,
    RemoteRef,
)
from planner.platforms.http import describe, recording_session

Builder = Callable[[requests.Session | None], Platform]
PREFIX = "dryrun-"  # every remote id a dry run hands out starts with this


def is_dry_run(remote_id: str | None) -> bool:
    """Whether a target's remote id is a dry run's (nothing was published, nothing to count)."""
    return (remote_id or "").startswith(PREFIX)


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "account"


class DryRunPlatform:
    """Wraps the adapter of a live account whose dry-run switch is on."""

    def __init__(
        self,
        build: Builder,
        responder: Callable[[requests.PreparedRequest, int], Any],
        *,
        folder: Path,
        secrets: list[str],
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._build = build
        self._responder = responder
        self._secrets = secrets
        self.folder = Path(folder)
        self._clock = clock or (lambda: datetime.now(UTC))
        live = build(None)
        self.name = live.name
        self.limits = live.limits
        self._live = live

    def preview(self, request: PublishRequest) -> list[dict[str, Any]]:
        """The requests publishing `request` would make, masked; raises what publish would."""
        session, recorder = recording_session(self._responder)
        self._build(session).publish(request)
        return [describe(r, self._secrets) for r in recorder.requests]

    def publish(self, request: PublishRequest) -> RemoteRef:
        """Record the exact requests under the dry-run folder instead of sending them."""
        calls = self.preview(request)
        now = self._clock()
        remote_id = f"{PREFIX}{self.name}-{request.target_id}-{uuid.uuid4().hex[:10]}"
        record = {
            "remote_id": remote_id,
            "platform": self.name,
            "target_id": request.target_id,
            "idempotency_key": request.idempotency_key,
            "text": request.text,
            "created_at": now.isoformat(),
            "requests": calls,
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{remote_id}.json.tmp"
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.folder / f"{remote_id}.json")
        return RemoteRef(remote_id, f"dryrun://{self.folder.name}/{remote_id}", now)

    def fetch_metrics(self, refs: list[RemoteRef]) -> dict[str, Metrics]:
        """Nothing was published, so there is nothing to count (and nothing is invented)."""
        return {}

    def fetch_audience(self) -> Audience:
        """Followers are read from the live account: reading publishes nothing."""
        return self._live.fetch_audience()

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        """The dry-run record of this request, if one was written."""
        for record in dry_run_records(self.folder):
            if request.idempotency_key and record.get("idempotency_key") == request.idempotency_key:
                return RemoteRef(
                    record["remote_id"],
                    f"dryrun://{self.folder.name}/{record['remote_id']}",
                    datetime.fromisoformat(record["created_at"]),
                )
        return None

    def check_connection(self) -> AccountInfo:
        """Testing the connection only reads, so it goes to the platform even in a dry run."""
        return self._live.check_connection()


def dry_run_records(folder: Path, limit: int | None = None) -> list[dict]:
    """The dry-run records in one account's folder, newest first."""
    paths = sorted(Path(folder).glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths[:limit]]


def account_folder(root: Path, account_id: int | None, account_name: str) -> Path:
    """Where one account's dry-run records go (the id keeps two same-named accounts apart)."""
    return Path(root) / f"{account_id}-{_slug(account_name)}"
