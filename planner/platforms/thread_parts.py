"""What every platform that takes threads of posts (X, Threads, Bluesky) does the same way:
checking each part before the first call, and the error when a later part fails after the
first is live (a person must finish it: resending would post the first part twice)."""

from __future__ import annotations

from planner.platforms.base import OutcomeUnknown, PlatformError, PublishRequest
from planner.validation import validate


def thread_problems(platform: str, request: PublishRequest) -> list[str]:
    """Each part's validation errors in English, numbered when there is more than one part;
    the images count against the first part only."""
    parts = [request.text, *request.thread]
    problems: list[str] = []
    for index, part in enumerate(parts):
        images = list(request.media) if index == 0 else []
        result = validate(
            platform, part, image_count=len(images), alt_texts=[m.alt_text for m in images]
        )
        label = f"post {index + 1}: " if len(parts) > 1 else ""
        problems += [label + p.text("en") for p in result.errors]
    return problems


def partly_published(
    label: str, first_url: str, number: int, total: int, exc: PlatformError
) -> OutcomeUnknown:
    """The error for part `number` of `total` failing after the first part went live."""
    return OutcomeUnknown(
        f"{label}: thread partly published: post 1 is live at {first_url}; post {number} "
        f"of {total} failed ({exc.message}); finish the thread by hand"
    )
