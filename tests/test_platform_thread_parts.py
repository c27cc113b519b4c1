"""The checks and the error the thread-taking platforms (X, Threads, Bluesky) share."""

from __future__ import annotations

from planner.platforms.base import OutcomeUnknown, PublishRequest, TransientError
from planner.platforms.thread_parts import partly_published, thread_problems


def _request(text: str, *thread: str) -> PublishRequest:
    return PublishRequest(target_id=1, account_id=1, text=text, thread=tuple(thread))


def test_a_single_post_within_the_limit_has_no_problem() -> None:
    assert thread_problems("bluesky", _request("Dongeng Anak hari Sabtu")) == []


def test_problems_are_numbered_by_part_only_in_a_thread() -> None:
    too_long = "a" * 301
    single = thread_problems("bluesky", _request(too_long))
    assert single and not single[0].startswith("post ")
    numbered = thread_problems("bluesky", _request("Bagian pertama", too_long))
    assert numbered and all(p.startswith("post 2: ") for p in numbered)


def test_each_platform_is_checked_by_its_own_rule() -> None:
    text = "b" * 400  # over Bluesky's 300 graphemes, within Threads' 500 characters
    assert thread_problems("bluesky", _request(text))
    assert thread_problems("threads", _request(text)) == []


def test_a_later_part_failing_names_the_live_first_post_and_asks_for_a_person() -> None:
    error = partly_published(
        "Bluesky", "https://bsky.app/profile/p/post/1", 3, 4, TransientError("timeout")
    )
    assert isinstance(error, OutcomeUnknown)
    assert error.message == (
        "Bluesky: thread partly published: post 1 is live at "
        "https://bsky.app/profile/p/post/1; post 3 of 4 failed (timeout); "
        "finish the thread by hand"
    )
