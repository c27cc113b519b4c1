"""Shared HTTP plumbing: default timeouts, secret masking in logs, request records, and what a
network failure means for the worker."""

from __future__ import annotations

import logging

import pytest
import requests
import responses

from planner.platforms.base import OutcomeUnknown, TransientError
from planner.platforms.http import (
    TimeoutSession,
    comparable_text,
    describe,
    network_error,
    recording_session,
)
from planner.redaction import MASK, redact, register_secrets


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


@pytest.mark.parametrize(
    ("exc", "final", "expected"),
    [
        (requests.ConnectionError("Connection refused"), True, TransientError),
        (requests.ConnectTimeout("connect timed out"), True, TransientError),
        (requests.ReadTimeout("read timed out"), True, OutcomeUnknown),
        (requests.ReadTimeout("read timed out"), False, TransientError),
        (
            requests.ConnectionError("('Connection aborted.', RemoteDisconnected())"),
            True,
            OutcomeUnknown,
        ),
        (
            requests.ConnectionError("('Connection aborted.', RemoteDisconnected())"),
            False,
            TransientError,
        ),
        (requests.exceptions.SSLError("bad handshake"), True, TransientError),
    ],
)
def test_network_errors(exc, final, expected) -> None:
    assert type(network_error(exc, "X: post", final=final)) is expected


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
