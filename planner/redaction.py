"""Secrets never reach a log line or a message: tokens are masked wherever they appear.

Adapters register the tokens they hold; from then on every log record of the process (any
logger, any handler) and every error line built with `one_line` shows *** in their place.
Kept out of `planner.platforms` so that notifications and logs can mask without loading an
adapter.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

MASK = "***"
_MIN_SECRET = 6  # shorter values would mask ordinary words

_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_factory_installed = False


def _variants(value: str) -> set[str]:
    """The forms a token takes on the wire (plain, URL-encoded, form-encoded)."""
    return {value, quote(value, safe=""), quote_plus(value)}


def register_secrets(values: Iterable[str | None]) -> None:
    """Mask these values in every log record this process creates from now on."""
    global _factory_installed
    with _secrets_lock:
        for value in values:
            if value and len(value) >= _MIN_SECRET:
                _secrets.update(_variants(value))
        if not _factory_installed:
            _install_record_factory()
            _factory_installed = True


def redact(text: str, extra: Iterable[str] = ()) -> str:
    """`text` with every registered secret (and `extra`) replaced by ***."""
    values = set(_secrets)
    for value in extra:
        if value and len(value) >= _MIN_SECRET:
            values |= _variants(value)
    for value in sorted(values, key=len, reverse=True):
        if value in text:
            text = text.replace(value, MASK)
    return text


def _install_record_factory() -> None:
    # A record factory sees every record of every logger (urllib3 logs request URLs, where
    # no token should be but a library may put one; requests-oauthlib logs signed headers),
    # whatever handler prints it.
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if not _secrets:
            return record
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging call's problem, not ours
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            if redact(text) != text:
                record.exc_text = redact(text)
        return record

    logging.setLogRecordFactory(factory)


def one_line(exc: BaseException | str, extra: Iterable[str] = ()) -> str:
    """An exception as one masked line, for error messages a person reads."""
    return redact(" ".join(str(exc).split()), extra)
