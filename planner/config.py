"""Settings read from the environment (and an optional `.env`), one object for the whole app.

Every knob a deployment may turn lives here so that the CLI, the worker and the Streamlit
app agree on where the data is and which clock and language they use.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A passphrase is stretched with scrypt under a fixed salt (the same key on every machine
# needs the same salt), so its length is what resists guessing: at least 32 characters.
MIN_PASSPHRASE = 32
FERNET_KEY_HINT = (
    "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
)


def is_fernet_key(value: str) -> bool:
    """Whether `value` is a Fernet key (32 bytes, URL-safe base64) rather than a passphrase."""
    try:
        return len(base64.urlsafe_b64decode(value.encode())) == 32
    except (binascii.Error, ValueError):
        return False


def make_private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by its owner only; an existing folder is left.

    The data folder holds the database, the uploads and by default the key file: made by
    planner, it is never world-readable (mode 0700 whatever the umask).
    """
    if not path.exists():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)
    return path


class Settings(BaseSettings):
    """Deployment configuration; see the README's Configuration table."""

    # hide_input_in_errors: a refused PLANNER_SECRET_KEY must never be echoed in an error.
    model_config = SettingsConfigDict(
        env_prefix="PLANNER_", env_file=".env", extra="ignore", hide_input_in_errors=True
    )

    data_dir: Path = Field(default=PROJECT_ROOT / "data")
    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "PLANNER_DATABASE_URL")
    )
    secret_key: str | None = None
    # Where the key lives when PLANNER_SECRET_KEY is unset (default: secret.key in the data
    # folder); put it outside the data folder so a copy of that folder is not enough.
    secret_key_file: Path | None = None
    timezone: str = "Asia/Jakarta"
    locale: str = "id"
    public_media_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("PUBLIC_MEDIA_BASE_URL", "PLANNER_PUBLIC_MEDIA_BASE_URL"),
    )
    templates_dir: Path = Field(default=PROJECT_ROOT / "content_templates")

    embedded_worker: bool = True
    worker_poll_seconds: float = 2.0
    worker_batch_size: int = 20
    # A claimed target stays reserved this long after its worker's last heartbeat; a worker
    # that dies (SIGKILL, power cut) gives its targets up this long after its last beat.
    lease_seconds: int = Field(default=10, gt=0)
    # How often a running worker reports itself and renews the leases it holds (at most a
    # third of the lease, so a few missed beats never cost a live worker its targets).
    heartbeat_seconds: float = Field(default=3.0, gt=0)
    max_attempts: int = 5

    # -- collecting figures (docs/evaluation.md) --------------------------------------------
    # How often the worker looks for posts that reached a milestone and accounts without
    # today's audience figure (the looking is one query; the platforms are asked only then).
    metrics_interval_seconds: int = Field(default=300, gt=0)
    # Post ages at which engagement is snapshotted, e.g. "1h,24h,7d,30d" (m, h, d units).
    metrics_milestones: str = "1h,24h,7d,30d"
    # Links a post carries get UTM parameters (utm_source = platform, utm_medium below,
    # utm_campaign = the campaign's name or else the template's id), unless switched off.
    utm_enabled: bool = True
    utm_medium: str = "social"

    # -- imports (planner/importing/) ------------------------------------------------------
    # Most rows one spreadsheet may bring in; more is refused before anything is written.
    import_max_rows: int = 100_000

    # -- scheduling and the publishing worker (docs/scheduling.md) -------------------------
    # A due post still goes out this long after its time (worker down, machine asleep);
    # later it is flagged as missed and a person decides.
    grace_minutes: int = 30
    # Publish calls one worker keeps in flight at once.
    send_concurrency: int = 4
    # Most targets of one platform being sent at once, across all workers: {"x": 2}.
    platform_concurrency: dict[str, int] = Field(default_factory=dict)
    # Most posts per live account per rolling 24 hours, by platform: {"x": 17} (X free tier).
    daily_caps: dict[str, int] = Field(default_factory=dict)
    retry_base_seconds: int = 30
    retry_max_seconds: int = 3600
    # How many times the platform is asked whether an unknown-outcome post exists.
    reconcile_checks: int = 4
    # How far ahead a recurring series is turned into scheduled posts.
    series_horizon_days: int = 28
    # Failures reach people: the in-app inbox always, plus e-mail and/or a webhook if set.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    # How the connection to the SMTP server is protected: "starttls" (port 587), "implicit"
    # TLS (port 465, the default there) or "none" (only for a relay on this machine). The
    # server's certificate is always verified, against PLANNER_SMTP_CA_FILE when it is set
    # (a private CA) or else the system's trusted CAs.
    smtp_tls: Literal["starttls", "implicit", "none"] | None = None
    smtp_ca_file: Path | None = None
    smtp_from: str = "planner@localhost"
    notify_emails: str = ""  # comma-separated addresses
    webhook_url: str | None = None
    notify_min_level: str = "warning"  # info | warning | error
    # On the first day of each month the worker e-mails last month's report (PDF) to every
    # active manager with an e-mail address, once per month, through the SMTP server above.
    report_email: bool = False

    # -- people and sign-in (docs/security.md) ----------------------------------------------
    # A signed-in browser that does nothing this long must sign in again.
    session_idle_minutes: int = Field(default=120, gt=0)
    # However active, a session ends after this many days.
    session_max_days: int = Field(default=14, gt=0)
    # Wrong passwords in a row before each further try must wait (2, 4, 8 … s, max 15 min).
    signin_free_tries: int = Field(default=5, ge=1)
    # Send the session cookie only over HTTPS (set it when serving behind a TLS proxy).
    secure_cookies: bool = False

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("secret_key")
    @classmethod
    def _strong_key(cls, value: str | None) -> str | None:
        if not value or not value.strip():
            return None
        for number, part in enumerate((p.strip() for p in value.split(",") if p.strip()), 1):
            if not is_fernet_key(part) and len(part) < MIN_PASSPHRASE:
                which = f"key {number} of PLANNER_SECRET_KEY" if "," in value else "it"
                raise ValueError(
                    f"PLANNER_SECRET_KEY must be a Fernet key or a passphrase of at least "
                    f"{MIN_PASSPHRASE} characters, but {which} has {len(part)}; generate a key "
                    f"with {FERNET_KEY_HINT}"
                )
        return value

    @field_validator("metrics_milestones")
    @classmethod
    def _milestones(cls, value: str) -> str:
        from planner.milestones import parse_milestones

        parse_milestones(value)  # raises ValueError with the reason
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in ("id", "en"):
            raise ValueError("locale must be 'id' or 'en'")
        return value

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL; SQLite under the data directory unless DATABASE_URL is set."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                # psycopg 3 is the driver we ship; plain URLs from hosting panels name psycopg2.
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return url
        return f"sqlite:///{self.data_dir / 'planner.db'}"

    @property
    def smtp_security(self) -> str:
        """How e-mail is protected: PLANNER_SMTP_TLS, else implicit TLS on 465, else STARTTLS."""
        if self.smtp_tls is not None:
            return self.smtp_tls
        return "implicit" if self.smtp_port == 465 else "starttls"

    @property
    def heartbeat_interval(self) -> float:
        """Seconds between heartbeats: the setting, but never more than a third of the lease."""
        return min(self.heartbeat_seconds, self.lease_seconds / 3)

    @property
    def tz(self) -> ZoneInfo:
        """The library's time zone, used for every date shown or typed."""
        return ZoneInfo(self.timezone)

    @property
    def outbox_dir(self) -> Path:
        """Where the sandbox platform writes what it 'publishes'."""
        return self.data_dir / "outbox"

    @property
    def uploads_dir(self) -> Path:
        """Uploaded and rendered media, stored under content-hash names."""
        return self.data_dir / "media"

    # -- live platforms (docs/platforms.md) -----------------------------------------------
    graph_api_version: str = "v23.0"
    x_media_upload: Literal["v2", "v1.1"] = "v2"
    platform_timeout_seconds: float = Field(default=30.0, gt=0)
    ig_poll_interval_seconds: float = Field(default=2.0, gt=0)
    ig_poll_timeout_seconds: float = Field(default=90.0, gt=0)
    public_media_dir: Path | None = None

    @field_validator("graph_api_version")
    @classmethod
    def _graph_version(cls, value: str) -> str:
        if not re.fullmatch(r"v\d{1,2}\.\d", value):
            raise ValueError("graph_api_version must look like 'v23.0'")
        return value

    @property
    def public_dir(self) -> Path:
        """Where images Instagram fetches are copied, under unguessable names."""
        return self.public_media_dir or self.data_dir / "public"

    @property
    def dryrun_dir(self) -> Path:
        """Where dry-run accounts record the requests they would have sent."""
        return self.data_dir / "dryrun"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()


def reset_settings() -> None:
    """Forget cached settings, so a changed environment is read again (tests, CLI options)."""
    get_settings.cache_clear()
