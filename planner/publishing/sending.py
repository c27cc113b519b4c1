"""The platform call of one started send: on a pool thread, never touching the database."""

from __future__ import annotations

import logging

from planner.platforms.base import OutcomeUnknown, PlatformError, Rejected, RemoteRef
from planner.publishing.context import WorkerContext
from planner.publishing.starting import StartedSend

log = logging.getLogger(__name__)


class SetupError(PlatformError):
    """The adapter could not be made (no credentials, platform not available): nothing sent."""

    kind = "setup"


def send(ctx: WorkerContext, prepared: StartedSend) -> RemoteRef | PlatformError:
    """Publish one started send: the platform's reference, or the error it ended with.

    After a person's "send again" on an unclear outcome the platform is asked first, so a
    post that did arrive is recorded as found instead of sent twice.
    """
    request = prepared.request
    try:
        try:
            platform = ctx.platforms(prepared.account)
        except PlatformError:
            # The factory already says what is wrong (planner.platforms.for_account):
            # no tokens → AuthExpired (reconnect), a key that cannot decrypt them on this
            # machine → TransientError (retry, maybe elsewhere). Keep that meaning.
            raise
        except Exception as exc:  # no adapter for it: surely nothing was sent
            raise SetupError(f"cannot publish to this account: {exc}") from exc
        if prepared.verify_first and (ref := platform.find_existing(request)) is not None:
            prepared.found = True
            return ref
        for item in request.media:
            if not item.path.is_file():
                raise Rejected(f"the image file is missing: {item.path.name}")
        return platform.publish(request)
    except PlatformError as exc:
        return exc
    except Exception as exc:  # an adapter bug: we cannot know whether it was sent
        log.exception("unexpected error publishing target %s", request.target_id)
        return OutcomeUnknown(f"unexpected error: {exc}")
