"""Shared HTTP plumbing: default timeouts, secret masking in logs, request records, and what a
network failure means for the worker."""

from __future__ import annotations

import contextlib
import json
import logging
import ssl
from http.client import RemoteDisconnected

import pytest
import requests
import responses
import urllib3
from urllib3.exceptions import MaxRetryError, NameResolutionError

from planner.platforms.base import OutcomeUnknown, TransientError
from planner.platforms.http import (
    TimeoutSession,
    comparable_text,
    describe,
    network_error,
    recording_session,
)
from planner.redaction import MASK, redact, register_secrets
from tests.live_worker import IG_USER, TH_USER, attempt_outcomes, run_worker
from tests.misbehaving_server import (
    FullBacklog,
    MisbehavingServer,
    answer,
    cut_mid_chunk,
    local_session,
    refused_port,
    stall_after_headers,
)
from tests.platform_helpers import (
    cut_off_answer,
    refused,
    stalled_mid_answer,
)


@responses.activate
def test_timeout_session_adds_a_timeout_only_when_none_is_given(monkeypatch) -> None:
    seen = []
    original = requests.Session.request

    def spy(self, method, url, **kwargs):
        seen.append(kwargs.get("timeout"))
        return original(self, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", spy)
    responses.get("https://api.example/x", json={})
    session = TimeoutSession(12.5)
    session.get("https://api.example/x")
    session.get("https://api.example/x", timeout=3)
    assert seen == [12.5, 3]


def test_registered_secrets_are_masked_in_every_log_record(caplog) -> None:
    token = "EAAG-LOGGED-TOKEN-123456"
    register_secrets([token, "short"])
    caplog.set_level(logging.DEBUG)
    logging.getLogger("urllib3.connectionpool").debug(
        '%s://%s:%s "%s %s %s" %s %s',
        "https",
        "graph.facebook.com",
        443,
        "GET",
        f"/v23.0/me?access_token={token}",
        "HTTP/1.1",
        200,
        120,
    )
    try:
        raise RuntimeError(f"failed with {token}")
    except RuntimeError:
        logging.getLogger("planner.publishing.worker").exception("boom")
    assert token not in caplog.text
    assert MASK in caplog.text and redact("short") == "short"  # too short to be masked
    assert caplog.records[1].exc_text is not None and token not in caplog.records[1].exc_text


def test_redact_covers_url_encoded_forms() -> None:
    secret = "abc/def+ghi=="
    assert (
        redact(f"x={secret} y=abc%2Fdef%2Bghi%3D%3D z=abc%2Fdef%2Bghi%3D%3D", [secret]).count(MASK)
        == 3
    )


def test_describe_masks_tokens_and_summarises_files() -> None:
    secret = "TOKEN-SECRET-999"
    session, recorder = recording_session(lambda req, i: {"id": str(i)})
    session.post(
        "https://graph.facebook.com/v23.0/1/photos",
        params={"access_token": secret},
        data={"message": "Halo", "published": "false"},
        files={"source": ("p.jpg", b"\xff\xd8" + b"0" * 100, "image/jpeg")},
    )
    session.post(
        "https://api.twitter.com/2/tweets",
        json={"text": "Hai"},
        headers={"Authorization": f"OAuth oauth_token={secret}"},
    )
    session.post(
        "https://graph.facebook.com/v23.0/1/feed", data={"message": "Hi", "access_token": secret}
    )
    photo, tweet, feed = (describe(r, [secret]) for r in recorder.requests)
    assert photo["url"] == "https://graph.facebook.com/v23.0/1/photos"
    assert photo["query"] == {"access_token": MASK}
    assert photo["body"] == {
        "message": "Halo",
        "published": "false",
        "source": {"file": "p.jpg", "content_type": "image/jpeg", "bytes": 102},
    }
    assert tweet["headers"]["Authorization"] == f"OAuth {MASK}" and tweet["body"] == {"text": "Hai"}
    assert feed["body"] == {"message": "Hi", "access_token": MASK}
    assert secret not in str([photo, tweet, feed])


def _wrapped(reason: Exception) -> requests.ConnectionError:
    """A connection failure shaped as requests raises it (urllib3's reason inside)."""
    return requests.ConnectionError(MaxRetryError(None, "/2/tweets", reason=reason))


def _cert_refused() -> requests.exceptions.SSLError:
    verify = ssl.SSLCertVerificationError(1, "certificate verify failed: self-signed certificate")
    return requests.exceptions.SSLError(
        MaxRetryError(None, "/2/tweets", reason=urllib3.exceptions.SSLError(verify))
    )


ABORTED = requests.ConnectionError(
    urllib3.exceptions.ProtocolError("Connection aborted.", RemoteDisconnected("closed"))
)
READ_STALLED = stalled_mid_answer()
CUT_OFF = cut_off_answer()
# exception, raised on the publishing call?, what the worker is told
NETWORK = [
    (refused(), True, TransientError),  # nothing left this machine
    (_wrapped(NameResolutionError("api.twitter.com", None, OSError("no name"))), True,
     TransientError),
    (requests.ConnectTimeout("connect timed out"), True, TransientError),
    (requests.exceptions.ProxyError("proxy refused"), True, TransientError),
    (_cert_refused(), True, TransientError),
    (requests.ReadTimeout("read timed out"), True, OutcomeUnknown),  # sent, then silence
    (requests.ReadTimeout("read timed out"), False, TransientError),
    (READ_STALLED, True, OutcomeUnknown),  # the answer began, then stalled mid-body
    (READ_STALLED, False, TransientError),
    (CUT_OFF, True, OutcomeUnknown),  # the answer began, then was cut off
    (CUT_OFF, False, TransientError),
    (ABORTED, True, OutcomeUnknown),  # dropped after sending
    (ABORTED, False, TransientError),
    (requests.exceptions.SSLError("bad record mac"), True, OutcomeUnknown),  # not provably before
    (requests.ConnectionError("something new"), True, OutcomeUnknown),  # unknown: assume sent
]  # fmt: skip


@pytest.mark.parametrize(("exc", "final", "expected"), NETWORK)
def test_network_errors(exc, final, expected) -> None:
    error = network_error(exc, "X: post", final=final)
    assert type(error) is expected
    if expected is OutcomeUnknown:
        assert "may be live" in error.message and "check the account" in error.message
    else:
        assert "nothing was" in error.message


@pytest.mark.parametrize(
    ("ours", "theirs", "same"),
    [
        (
            "Buku & dongeng https://perpus.example/a",
            "Buku &amp; dongeng https://t.co/x https://t.co/img",
            True,
        ),
        ("Dua  spasi\nbaris", "Dua spasi baris", True),
        ("Satu", "Dua", False),
    ],
)
def test_comparable_text(ours, theirs, same) -> None:
    assert (comparable_text(ours) == comparable_text(theirs)) is same


# -- the real exceptions, through each adapter's publish path and the worker ----------------
# what each platform is asked, in order, before its publishing call
BEFORE_FINAL = {
    "x": [],
    "facebook": [],
    "instagram": [
        answer({"data": [{"quota_usage": 1, "config": {"quota_total": 50}}]}),
        answer({"id": "c1"}),
        answer(
            {
                "id": "c1",
                "status_code": "FINISHED",
                "status": "Finished: Media has been uploaded and it is ready to be published.",
            }
        ),
    ],
    "threads": [
        answer(
            {"data": [{"quota_usage": 4, "config": {"quota_total": 250, "quota_duration": 86400}}]}
        ),
        answer({"id": "c1"}),
        answer({"status": "FINISHED", "id": "c1"}),
    ],
    "bluesky": [
        answer(
            {
                "did": "did:plc:perpuskota4pekalongan7",
                "handle": "perpuskota.bsky.social",
                "accessJwt": "eyJ-ACCESS",
                "refreshJwt": "eyJ-REFRESH",
            }
        )
    ],
}
PATHS = {
    "x": ["POST /2/tweets"],
    "facebook": ["POST /v23.0/555/feed"],
    "instagram": [
        f"GET /v23.0/{IG_USER}/content_publishing_limit?fields=config%2Cquota_usage",
        f"POST /v23.0/{IG_USER}/media",
        "GET /v23.0/c1?fields=status_code%2Cstatus",
        f"POST /v23.0/{IG_USER}/media_publish",
    ],
    "threads": [
        f"GET /v1.0/{TH_USER}/threads_publishing_limit?fields=config%2Cquota_usage",
        f"POST /v1.0/{TH_USER}/threads",
        "GET /v1.0/c1?fields=status%2Cerror_message",
        f"POST /v1.0/{TH_USER}/threads_publish",
    ],
    "bluesky": [
        "POST /xrpc/com.atproto.server.createSession",
        "POST /xrpc/com.atproto.repo.createRecord",
    ],
}


@pytest.mark.parametrize("fault", [stall_after_headers, cut_mid_chunk], ids=["stalled", "cut"])
@pytest.mark.parametrize("platform", sorted(BEFORE_FINAL))
def test_an_answer_cut_short_on_the_publishing_call_needs_attention(
    sqlite_db, tmp_path, platform, fault
) -> None:
    """The platform got the request and began answering: it may have published, so the
    worker must not retry (a duplicate, or X's duplicate refusal of a live post)."""
    status = "201 Created" if platform == "x" else "200 OK"
    with MisbehavingServer([*BEFORE_FINAL[platform], fault(status)]) as server:
        target = run_worker(platform, server.session(), tmp_path)
        seen = [f"{r.method} {r.path}" for r in server.requests]
        final = server.requests[-1]
    assert seen == PATHS[platform]  # the publishing call went out exactly once
    assert (target.status, target.error_kind, target.next_attempt_at) == (
        "needs_attention",
        "unknown",
        None,
    )
    assert "may be live" in target.last_error and attempt_outcomes() == ["unknown"]
    if platform == "x":
        assert json.loads(final.body) == {"text": "Dongeng Kancil hari Sabtu di ruang baca anak."}
    if platform in ("instagram", "threads"):
        assert final.body == b"creation_id=c1"
    if platform == "bluesky":
        record = json.loads(final.body)["record"]
        assert record["text"] == "Dongeng Kancil hari Sabtu di ruang baca anak."


def test_every_platform_is_tried_with_an_answer_cut_short() -> None:
    from planner.platforms import ADAPTERS

    assert set(BEFORE_FINAL) == set(PATHS) == set(ADAPTERS)


@pytest.mark.parametrize("platform", ["x", "facebook", "threads", "bluesky"])
@pytest.mark.parametrize("where", ["refused", "connect timeout"])
def test_a_failure_before_the_request_is_sent_stays_retryable(
    sqlite_db, tmp_path, platform, where
) -> None:
    with contextlib.ExitStack() as stack:
        port = refused_port() if where == "refused" else stack.enter_context(FullBacklog()).port
        target = run_worker(platform, local_session(port), tmp_path)
    assert (target.status, target.error_kind) == ("retrying", "transient")
    assert target.next_attempt_at is not None and "nothing was sent" in target.last_error
    assert attempt_outcomes() == ["not_sent"]
