"""Talking OAI-PMH to a catalogue: Sickle, with a timeout on every request and retries.

Sickle follows resumption tokens and maps OAI errors to exceptions; what it does not do is
give up on a server that stops answering, or wait and try again after a timeout, a refused
connection or a 5xx. `PatientSickle` adds both, with backoff, and turns every way a
harvest can fail into a CatalogueError whose message says what happened. `fetch` reads a
whole harvest into memory before anything is written, so a failure halfway writes nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import requests
from lxml import etree
from sickle import Sickle, oaiexceptions
from sickle.app import DEFAULT_CLASS_MAP
from sickle.models import Identify, Record
from sickle.response import OAIResponse

from planner.catalogue.errors import CatalogueError

log = logging.getLogger(__name__)

OAI = "{http://www.openarchives.org/OAI/2.0/}"
TIMEOUT_SECONDS = 30.0
RETRIES = 3  # after the first try: 2, 4, 8 s apart (or what Retry-After asks, up to a minute)
BACKOFF_SECONDS = 2.0
MAX_WAIT_SECONDS = 60.0
RETRY_STATUSES = (429, 500, 502, 503, 504)
# A resumption token the server no longer knows: the harvest starts over this many times.
RESTARTS = 2
# Sickle raises one class per OAI error code, none of them sharing a base with OAIError.
OAI_ERRORS = (
    oaiexceptions.BadArgument,
    oaiexceptions.BadVerb,
    oaiexceptions.CannotDisseminateFormat,
    oaiexceptions.IdDoesNotExist,
    oaiexceptions.NoSetHierarchy,
    oaiexceptions.NoMetadataFormat,
    oaiexceptions.OAIError,
)
USER_AGENT = "planner (library social media planner; OAI-PMH harvester)"


class LenientRecord(Record):
    """A Sickle record that tolerates a record without metadata (we read `xml` ourselves)."""

    def get_metadata(self) -> dict[str, Any]:
        try:
            return super().get_metadata()
        except (AttributeError, IndexError):
            return {}


class PatientSickle(Sickle):
    """Sickle whose requests time out and are retried with backoff; errors as CatalogueError."""

    def __init__(
        self,
        endpoint: str,
        *,
        timeout: float | None = None,
        retries: int | None = None,
        backoff: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        # Read when made, not when defined: tests and a later setting can change them.
        timeout = TIMEOUT_SECONDS if timeout is None else timeout
        retries = RETRIES if retries is None else retries
        backoff = BACKOFF_SECONDS if backoff is None else backoff
        super().__init__(
            endpoint,
            class_mapping={
                **DEFAULT_CLASS_MAP,
                "GetRecord": LenientRecord,
                "ListRecords": LenientRecord,
            },
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
        )
        self.retries, self.backoff, self.sleep = retries, backoff, sleep
        self.requests_made = 0

    def harvest(self, **kwargs: Any) -> OAIResponse:
        """One OAI request, tried again after a timeout, a lost connection or a 5xx/429."""
        for attempt in range(self.retries + 1):
            wait = min(self.backoff * 2**attempt, MAX_WAIT_SECONDS)
            self.requests_made += 1
            try:
                response = self._request(kwargs)
            except requests.Timeout:
                problem = CatalogueError("timeout", url=self.endpoint, seconds=_seconds(self))
            except requests.RequestException as exc:
                problem = CatalogueError("unreachable", url=self.endpoint, detail=_first_line(exc))
            else:
                if response.status_code in RETRY_STATUSES:
                    problem = CatalogueError("http", url=self.endpoint, status=response.status_code)
                    wait = _retry_after(response, wait)
                elif response.status_code >= 400:
                    raise CatalogueError("http", url=self.endpoint, status=response.status_code)
                else:
                    return _checked_response(response, kwargs, self.endpoint)
            if attempt == self.retries:
                raise problem
            log.warning("catalogue %s: %s; trying again in %.0f s", self.endpoint, problem, wait)
            self.sleep(wait)
        raise AssertionError("unreachable")  # the loop returns or raises


def _seconds(client: PatientSickle) -> str:
    return f"{client.request_args.get('timeout', TIMEOUT_SECONDS):g}"


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [exc.__class__.__name__])[0][:200]


def _retry_after(response: requests.Response, default: float) -> float:
    """The server's Retry-After in seconds (capped), else our own backoff."""
    try:
        return min(float(response.headers.get("Retry-After", "")), MAX_WAIT_SECONDS)
    except ValueError:
        return default


def _checked_response(response: requests.Response, params: dict, url: str) -> OAIResponse:
    """The response, if it is an OAI-PMH document at all (a login page or an error page is not)."""
    oai = OAIResponse(response, params=params)
    try:
        root = oai.xml
    except etree.XMLSyntaxError:
        root = None
    if root is None or root.tag != f"{OAI}OAI-PMH":
        raise CatalogueError("not_oai", url=url)
    return oai


@dataclass
class OaiRecord:
    """One record as the server sent it: header facts and the metadata element (or None)."""

    identifier: str
    datestamp: str
    deleted: bool
    metadata: Any = None  # lxml element inside <metadata>, None for a deleted record


@dataclass
class Fetched:
    """A whole harvest, read before anything is written."""

    records: list[OaiRecord] = field(default_factory=list)
    requests: int = 0
    restarts: int = 0


def _record(item: Record) -> OaiRecord:
    header = item.header
    metadata = None
    if not item.deleted:
        holder = item.xml.find(f"{OAI}metadata")
        metadata = holder[0] if holder is not None and len(holder) else None
    return OaiRecord(
        identifier=(header.identifier or "").strip(),
        datestamp=(header.datestamp or "").strip(),
        deleted=item.deleted,
        metadata=metadata,
    )


def fetch(
    client: PatientSickle, *, prefix: str, set_spec: str = "", since: date | None = None
) -> Fetched:
    """Every record changed since `since` (all when None), following resumption tokens.

    `noRecordsMatch` is an empty harvest, not an error. A resumption token the server no
    longer accepts (expired, or the server restarted) starts the harvest over from the
    first page, at most RESTARTS times; what was read before is thrown away.
    """
    params: dict[str, str] = {"metadataPrefix": prefix}
    if set_spec:
        params["set"] = set_spec
    if since is not None:
        params["from"] = since.isoformat()  # day granularity: every server must support it
    fetched = Fetched()
    while True:
        try:
            fetched.records = [_record(r) for r in client.ListRecords(**dict(params))]
            break
        except oaiexceptions.NoRecordsMatch:
            fetched.records = []
            break
        except oaiexceptions.BadResumptionToken as exc:
            if fetched.restarts >= RESTARTS:
                raise CatalogueError("bad_token", detail=str(exc) or "badResumptionToken") from exc
            fetched.restarts += 1
            log.warning("catalogue %s: resumption token refused; starting over", client.endpoint)
        except OAI_ERRORS as exc:
            raise CatalogueError(
                "oai", oai_code=_oai_code(exc), detail=str(exc).strip() or "-"
            ) from exc
    fetched.requests = client.requests_made
    return fetched


def _oai_code(exc: Exception) -> str:
    name = exc.__class__.__name__
    return name[0].lower() + name[1:] if name != "OAIError" else "error"


def identify(client: PatientSickle, prefix: str) -> dict[str, Any]:
    """What the server says about itself, and whether it offers `prefix` (for `test`)."""
    response = client.harvest(verb="Identify")
    error = response.xml.find(f"{OAI}error")
    if error is not None:  # e.g. SLiMS with OAI switched off answers badVerb
        detail = (error.text or "").strip() or "-"
        raise CatalogueError("oai", oai_code=error.get("code", "error"), detail=detail)
    about = Identify(response)
    try:
        formats = [f.metadataPrefix for f in client.ListMetadataFormats()]
    except OAI_ERRORS as exc:
        raise CatalogueError(
            "oai", oai_code=_oai_code(exc), detail=str(exc).strip() or "-"
        ) from exc
    return {
        "repository": getattr(about, "repositoryName", ""),
        "protocol": getattr(about, "protocolVersion", ""),
        "deleted_records": getattr(about, "deletedRecord", ""),
        "granularity": getattr(about, "granularity", ""),
        "earliest": getattr(about, "earliestDatestamp", ""),
        "formats": formats,
        "offers_format": prefix in formats,
    }
