"""The sandbox platform: a local outbox, deterministic simulated engagement, reconciliation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from planner.platforms.base import MediaItem, Platform, PublishRequest, RemoteRef
from planner.platforms.sandbox import SandboxPlatform, outbox_records, simulated_metrics

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def _platform(tmp_path: Path, clock=lambda: T0) -> SandboxPlatform:
    return SandboxPlatform("instagram", "Sandbox Instagram · @perpus", tmp_path, clock=clock)


def test_publish_writes_record_and_image(tmp_path: Path) -> None:
    image = tmp_path / "poster.jpg"
    image.write_bytes(b"\xff\xd8fake")
    sandbox = _platform(tmp_path / "outbox")
    assert isinstance(sandbox, Platform)
    ref = sandbox.publish(
        PublishRequest(
            target_id=7,
            account_id=1,
            text="Halo",
            media=(MediaItem(image, "Poster"),),
            idempotency_key="k-7",
        )
    )
    records = outbox_records(tmp_path / "outbox")
    assert len(records) == 1
    record = records[0]
    assert record["remote_id"] == ref.remote_id and record["text"] == "Halo"
    assert record["images"] == [{"file": f"{ref.remote_id}-0.jpg", "alt_text": "Poster"}]
    assert (tmp_path / "outbox" / "sandbox-instagram-perpus" / f"{ref.remote_id}-0.jpg").exists()
    assert ref.published_at == T0


def test_find_existing_by_idempotency_key(tmp_path: Path) -> None:
    sandbox = _platform(tmp_path)
    request = PublishRequest(target_id=3, account_id=1, text="x", idempotency_key="planner-3")
    assert sandbox.find_existing(request) is None
    ref = sandbox.publish(request)
    found = sandbox.find_existing(request)
    assert found is not None and found.remote_id == ref.remote_id


def test_metrics_deterministic_and_growing(tmp_path: Path) -> None:
    ref = RemoteRef("sbx-x-1-abc", published_at=T0)
    early = _platform(tmp_path, clock=lambda: T0 + timedelta(hours=1)).fetch_metrics([ref])[
        ref.remote_id
    ]
    again = _platform(tmp_path, clock=lambda: T0 + timedelta(hours=1)).fetch_metrics([ref])[
        ref.remote_id
    ]
    late = _platform(tmp_path, clock=lambda: T0 + timedelta(days=7)).fetch_metrics([ref])[
        ref.remote_id
    ]
    assert early == again
    assert early.simulated and 0 < early.impressions < late.impressions
    assert late.likes >= early.likes


@given(st.text(min_size=1, max_size=30), st.floats(0, 2000), st.floats(0, 2000))
def test_simulated_metrics_never_decrease(remote_id: str, a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    m1, m2 = (
        simulated_metrics(remote_id, "facebook", lo),
        simulated_metrics(remote_id, "facebook", hi),
    )
    assert (
        m1.impressions <= m2.impressions and m1.likes <= m2.likes and m1.engagement <= m2.engagement
    )
