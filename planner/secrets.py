"""Platform tokens encrypted at rest with Fernet (the `cryptography` package).

The key comes from PLANNER_SECRET_KEY (a Fernet key or a passphrase of at least 32
characters, checked when the settings are read); without it a key file is created when
planner starts (`ensure_key`: init, demo, serve), readable by its owner only, in a data
folder made 0700, or wherever PLANNER_SECRET_KEY_FILE says (outside the data folder, so a
copy of that folder alone reads nothing). PLANNER_SECRET_KEY may list several keys separated
by commas: the first encrypts, every one decrypts, so a key can be rotated without
reconnecting accounts.

Decrypted tokens are registered with `planner.platforms.http.register_secrets` by whoever
uses them, so they are masked in every log line the process writes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import stat
import uuid
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from planner.config import Settings, get_settings, is_fernet_key, make_private_dir

log = logging.getLogger(__name__)
KEY_FILE_NAME = "secret.key"
# A fixed salt: every machine must derive the same key from the same passphrase, so there is
# nowhere to keep a random one; the 32-character minimum (config.py) is what resists guessing.
_PASSPHRASE_SALT = b"planner-secret-key-v1"


class SecretsUnreadable(RuntimeError):
    """Stored tokens that the current key cannot decrypt (the key changed or was lost)."""


def _as_fernet_key(value: str) -> bytes:
    """A Fernet key as given, or one derived from a passphrase with scrypt."""
    return value.encode() if is_fernet_key(value) else _derive(value)


@lru_cache(maxsize=8)
def _derive(passphrase: str) -> bytes:
    raw = hashlib.scrypt(passphrase.encode(), salt=_PASSPHRASE_SALT, n=2**14, r=8, p=1, dklen=32)
    return base64.urlsafe_b64encode(raw)


def key_file(settings: Settings) -> Path:
    """Where the key is kept when PLANNER_SECRET_KEY is unset."""
    return settings.secret_key_file or settings.data_dir / KEY_FILE_NAME


def _read_or_create_key_file(path: Path) -> bytes:
    """Read the key file, creating it (mode 0600) exactly once even if processes race."""
    if not path.exists():
        make_private_dir(path.parent)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, Fernet.generate_key())
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # atomic "create if absent": the loser of a race reads the winner's
        except FileExistsError:
            pass
        finally:
            tmp.unlink(missing_ok=True)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("secret key file %s was readable by others; restricting it to 0600", path)
        path.chmod(0o600)
    return path.read_bytes().strip()


def _keys(settings: Settings) -> tuple[bytes, ...]:
    if settings.secret_key:
        parts = [p.strip() for p in settings.secret_key.split(",") if p.strip()]
        if parts:
            return tuple(_as_fernet_key(p) for p in parts)
    return (_read_or_create_key_file(key_file(settings)),)


class SecretBox:
    """Encrypts a small dict of credentials into one opaque string, and back."""

    def __init__(self, keys: tuple[bytes, ...]) -> None:
        self._primary = keys[0]
        self._fernet = MultiFernet([Fernet(k) for k in keys])

    def encrypt(self, values: dict[str, str]) -> str:
        """The credentials as one Fernet token (text, for the Account.secrets column)."""
        return self._fernet.encrypt(json.dumps(values).encode()).decode()

    def decrypt(self, token: str) -> dict[str, str]:
        """The credentials; SecretsUnreadable when this key did not encrypt them."""
        try:
            return json.loads(self._fernet.decrypt(token.encode()))
        except (InvalidToken, ValueError) as exc:
            raise SecretsUnreadable(
                "the stored tokens cannot be decrypted with this machine's key "
                "(PLANNER_SECRET_KEY or the key file changed); set the key the tokens were "
                "saved with, or reconnect the account"
            ) from exc

    def rotate(self, token: str) -> str:
        """The same credentials encrypted with the primary key."""
        return self._fernet.rotate(token.encode()).decode()

    def derived_key(self, purpose: str) -> str:
        """A key for another use (e.g. signing session cookies), tied to the primary key."""
        return hmac.new(self._primary, b"derived:" + purpose.encode(), hashlib.sha256).hexdigest()

    def name_token(self, data: bytes) -> str:
        """A name derived from `data` that nobody without the key can guess (public media)."""
        return hmac.new(self._primary, b"public-media:" + data, hashlib.sha256).hexdigest()[:32]


def ensure_key(settings: Settings | None = None) -> Path | None:
    """At start: the key file created now if it is needed (None when PLANNER_SECRET_KEY is set).

    Creating it at `planner init`/`demo`/`serve` rather than on first use means a backup made
    right after installing already has a key to keep beside it.
    """
    settings = settings or get_settings()
    if settings.secret_key:
        return None
    path = key_file(settings)
    _read_or_create_key_file(path)
    return path


def open_folder_warning(settings: Settings | None = None) -> str | None:
    """Why the key file's folder is a risk (others may read it), or None."""
    settings = settings or get_settings()
    if settings.secret_key:
        return None
    folder = key_file(settings).parent
    if folder.exists() and stat.S_IMODE(folder.stat().st_mode) & 0o077:
        return (
            f"the folder of the key file, {folder}, is open to other users; run "
            f"`chmod 700 {folder}` or keep the key elsewhere with PLANNER_SECRET_KEY_FILE"
        )
    return None


def secret_box(settings: Settings | None = None) -> SecretBox:
    """The box for the configured key (the key file is created on first use)."""
    return SecretBox(_keys(settings or get_settings()))
