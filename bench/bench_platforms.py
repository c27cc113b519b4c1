"""Cost of the live-platform plumbing that runs on every post: prints one JSON object.

Network time is not measured (HTTP is intercepted with `responses`); what is measured is
the work planner itself does: building and validating requests, batching metrics, parsing
payloads, encrypting tokens and preparing the public image copy for Instagram.

    python bench/bench_platforms.py [--quick]
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/queue.py is named like the standard library's `queue`; running any script here puts
# bench/ first on sys.path, which would shadow it (concurrent.futures, psycopg). Drop bench/.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import io
import json
import tempfile
import time
from datetime import UTC, datetime

import responses
from PIL import Image

from planner.config import Settings
from planner.models import Account
from planner.platforms import build_adapter, for_account
from planner.platforms.base import MediaItem, PublishRequest, RemoteRef
from planner.platforms.x import tweet_metrics
from planner.public_media import publish_image
from planner.secrets import secret_box

X = {
    "consumer_key": "ck-1234567",
    "consumer_secret": "cs-1234567",
    "access_token": "1-at1234567",
    "access_token_secret": "ats-1234567",
}
FB = {"page_access_token": "EAAG-bench-token-1234567"}
T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def timed(fn, repeat: int) -> float:
    """Median seconds per call over `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[len(samples) // 2]


def main(quick: bool) -> dict:
    posts = 300 if quick else 2000
    repeat = 3 if quick else 7
    folder = Path(tempfile.mkdtemp(prefix="bench-platforms-"))
    settings = Settings(
        data_dir=folder,
        public_media_base_url="https://media.example/p",
        secret_key="bench passphrase",
    )
    result: dict = {"posts": posts}

    payload = {
        "id": "1",
        "text": "t",
        "edit_history_tweet_ids": ["1"],
        "public_metrics": {
            "retweet_count": 1,
            "reply_count": 2,
            "like_count": 3,
            "quote_count": 0,
            "bookmark_count": 1,
            "impression_count": 100,
        },
        "non_public_metrics": {
            "impression_count": 101,
            "url_link_clicks": 2,
            "user_profile_clicks": 1,
        },
    }
    result["x_parse_us_per_tweet"] = round(
        timed(lambda: [tweet_metrics(payload) for _ in range(posts)], repeat) / posts * 1e6, 2
    )

    refs = [RemoteRef(str(10_000 + i), published_at=T0) for i in range(posts)]
    x = build_adapter("x", X, config={"user_id": "1"}, settings=settings, clock=lambda: T0)
    with responses.RequestsMock() as mock:

        def tweets(req):
            from urllib.parse import parse_qsl, urlsplit

            ids = dict(parse_qsl(urlsplit(req.url).query))["ids"].split(",")
            return (
                200,
                {"content-type": "application/json"},
                json.dumps({"data": [{**payload, "id": i} for i in ids]}),
            )

        mock.add_callback(responses.GET, "https://api.twitter.com/2/tweets", callback=tweets)
        seconds = timed(lambda: x.fetch_metrics(refs), repeat)
        result["x_metrics_ms_per_post"] = round(seconds / posts * 1000, 3)
        result["x_metrics_calls"] = len(mock.calls) // repeat

    fb = build_adapter(
        "facebook", FB, config={"page_id": "555"}, settings=settings, clock=lambda: T0
    )
    node = json.dumps(
        {
            "id": "555_1",
            "shares": {"count": 2},
            "reactions": {"summary": {"total_count": 5}},
            "comments": {"summary": {"total_count": 1}},
            "insights": {"data": [{"name": "post_media_view", "values": [{"value": 10}]}]},
        }
    )
    with responses.RequestsMock() as mock:

        def batch(req):
            from urllib.parse import parse_qsl

            ops = json.loads(dict(parse_qsl(req.body))["batch"])
            return (
                200,
                {"content-type": "application/json"},
                json.dumps([{"code": 200, "body": node} for _ in ops]),
            )

        mock.add_callback(responses.POST, "https://graph.facebook.com/v23.0/", callback=batch)
        fb_refs = [RemoteRef(f"555_{i}") for i in range(posts)]
        seconds = timed(lambda: fb.fetch_metrics(fb_refs), repeat)
        result["facebook_metrics_ms_per_post"] = round(seconds / posts * 1000, 3)
        result["facebook_metrics_calls"] = len(mock.calls) // repeat

    buffer = io.BytesIO()
    Image.new("RGB", (1080, 1080), (0, 94, 184)).save(buffer, "JPEG", quality=90)
    jpeg = folder / "poster.jpg"
    jpeg.write_bytes(buffer.getvalue())
    png = folder / "poster.png"
    Image.new("RGBA", (1080, 1350), (0, 94, 184, 255)).save(png, "PNG")
    account = Account(
        id=1,
        platform="x",
        name="bench",
        is_sandbox=False,
        dry_run=True,
        secrets=secret_box(settings).encrypt(X),
        config={"user_id": "1"},
    )
    dry = for_account(account, settings, clock=lambda: T0)
    request = PublishRequest(
        target_id=1,
        account_id=1,
        text="Dongeng Kancil, Sabtu 09.00 WIB #perpustakaan",
        media=(MediaItem(jpeg, "Poster"),),
    )
    result["dry_run_x_post_with_image_ms"] = round(
        timed(lambda: dry.preview(request), repeat * 3) * 1000, 2
    )

    box = secret_box(settings)
    result["encrypt_decrypt_us"] = round(timed(lambda: box.decrypt(box.encrypt(X)), 200) * 1e6, 1)

    def fresh(path: Path):
        def run() -> None:
            for old in settings.public_dir.glob("*.jpg"):
                old.unlink()
            publish_image(path, settings)

        return run

    result["public_copy_jpeg_ms"] = round(timed(fresh(jpeg), repeat * 3) * 1000, 2)
    again = timed(lambda: publish_image(jpeg, settings), repeat * 3)
    result["public_copy_again_ms"] = round(again * 1000, 2)
    result["public_copy_png_to_jpeg_ms"] = round(timed(fresh(png), repeat) * 1000, 2)
    return result


if __name__ == "__main__":
    print(json.dumps(main("--quick" in sys.argv)))
