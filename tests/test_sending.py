"""The platform call of one started send (planner/publishing/sending.py), against the platform
double: no database, only what `send` returns and which calls the platform saw."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from planner.models import Account
from planner.platforms.base import (
    AuthExpired,
    MediaItem,
    OutcomeUnknown,
    PlatformError,
    PublishRequest,
    Rejected,
    RemoteRef,
    TransientError,
)
from planner.publishing.sending import SetupError, send
from planner.publishing.starting import StartedSend
from tests import doubles
from tests.doubles import PlatformDouble, context

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def started(verify_first: bool = False, media: tuple[MediaItem, ...] = ()) -> StartedSend:
    request = PublishRequest(
        target_id=7, account_id=3, text="Halo", media=media, idempotency_key="planner-7"
    )
    account = Account(id=3, platform="x", name="Akun x")
    return StartedSend(request, account, post_id=5, attempt_id=11, verify_first=verify_first)


def test_success_returns_the_platforms_reference(data_dir) -> None:
    double = PlatformDouble()
    prepared = started()
    ref = send(context(double, T0), prepared)
    assert ref == RemoteRef("x-7-1", url="https://x.example/p/7")
    assert double.publish_calls == [prepared.request]  # exactly what was built, once
    assert (double.find_calls, prepared.found) == ([], False)


FAULTS = [
    ("server error", doubles.server_error),
    ("connection refused", doubles.connection_refused),
    ("rate limited", lambda: doubles.rate_limited(T0 + timedelta(minutes=15))),
    ("token expired", doubles.token_expired),
    ("content rejected", doubles.rejected),
    ("timeout after send", doubles.timeout_after_send),
    ("timeout, lost", doubles.timeout_lost),
    ("connection reset", doubles.connection_reset),
]


@pytest.mark.parametrize("fault", [f[1] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_each_platform_error_comes_back_unchanged(data_dir, fault) -> None:
    scripted = fault()
    double = PlatformDouble(script=[scripted])
    assert send(context(double, T0), started()) is scripted.error  # its class, message, reset
    assert len(double.publish_calls) == 1


# name, what the adapter factory raises, what send returns (same object, or a SetupError)
FACTORY_ERRORS = [
    ("no tokens: reconnect", AuthExpired("no tokens stored"), "same"),
    ("tokens undecryptable here: retry", TransientError("cannot decrypt"), "same"),
    ("no adapter for the platform", KeyError("myspace"), SetupError),
    ("adapter cannot be built", RuntimeError("boom"), SetupError),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "error", "returned"), FACTORY_ERRORS, ids=[e[0] for e in FACTORY_ERRORS]
)
def test_an_adapter_that_cannot_be_made_keeps_the_meaning_of_its_error(
    data_dir, name, error, returned
) -> None:
    def factory(account: Account) -> PlatformDouble:
        raise error

    outcome = send(context(factory, T0), started())
    if returned == "same":
        assert outcome is error
        return
    assert type(outcome) is returned and outcome.kind == "setup"
    assert outcome.__cause__ is error and str(error) in outcome.message
    assert isinstance(outcome, PlatformError)  # the recorder treats it as nothing sent


def test_verify_first_finds_the_post_and_does_not_publish(data_dir) -> None:
    already = RemoteRef("x-7-1", url="https://x.example/p/7")
    double = PlatformDouble(timeline={"planner-7": already})
    prepared = started(verify_first=True)
    assert send(context(double, T0), prepared) == already
    assert (double.publish_calls, prepared.found) == ([], True)
    assert double.find_calls == [prepared.request]


def test_verify_first_publishes_when_nothing_is_found(data_dir) -> None:
    double = PlatformDouble()
    prepared = started(verify_first=True)
    ref = send(context(double, T0), prepared)
    assert (len(double.find_calls), len(double.publish_calls), prepared.found) == (1, 1, False)
    assert double.timeline == {"planner-7": ref}


def test_without_verify_first_the_platform_is_not_asked(data_dir) -> None:
    double = PlatformDouble(timeline={"planner-7": RemoteRef("old")})
    send(context(double, T0), started())
    assert (len(double.find_calls), len(double.publish_calls)) == (0, 1)


class FailingFind(PlatformDouble):
    """A platform whose 'does it exist?' question fails with `error`."""

    error: Exception = TransientError("HTTP 503 while searching")

    def find_existing(self, request: PublishRequest) -> RemoteRef | None:
        self.find_calls.append(request)
        raise self.error


def test_a_failing_check_before_sending_again_sends_nothing(data_dir) -> None:
    double = FailingFind()
    assert send(context(double, T0), started(verify_first=True)) is FailingFind.error
    assert double.publish_calls == []


def test_a_missing_image_is_rejected_without_calling(data_dir, tmp_path: Path) -> None:
    there, gone = tmp_path / "there.png", tmp_path / "gone.png"
    there.write_bytes(b"png")
    double = PlatformDouble()
    outcome = send(context(double, T0), started(media=(MediaItem(there), MediaItem(gone))))
    assert isinstance(outcome, Rejected) and "gone.png" in outcome.message
    assert double.publish_calls == []


def test_present_images_go_out(data_dir, tmp_path: Path) -> None:
    image = tmp_path / "poster.png"
    image.write_bytes(b"png")
    double = PlatformDouble()
    prepared = started(media=(MediaItem(image, alt_text="Poster"),))
    assert isinstance(send(context(double, T0), prepared), RemoteRef)
    assert double.publish_calls[0].media == (MediaItem(image, alt_text="Poster"),)


class Buggy(PlatformDouble):
    """An adapter with a bug: publish raises something that is no PlatformError."""

    def publish(self, request: PublishRequest) -> RemoteRef:
        self.publish_calls.append(request)
        raise ValueError("list index out of range")


def test_an_adapter_bug_is_an_unknown_outcome(data_dir, caplog) -> None:
    double = Buggy()
    with caplog.at_level(logging.ERROR, logger="planner.publishing.sending"):
        outcome = send(context(double, T0), started())
    assert type(outcome) is OutcomeUnknown  # it may have been sent: never resent blindly
    assert outcome.message == "unexpected error: list index out of range"
    assert len(double.publish_calls) == 1
    assert "unexpected error publishing target 7" in caplog.text
