"""Platform tokens encrypted at rest with Fernet (the `cryptography` package).

The key comes from PLANNER_SECRET_KEY; without it (the embedded default) a key file is
created in the data directory on first use, readable by its owner only. PLANNER_SECRET_KEY
may list several keys separated by commas: the first encrypts, every one decrypts, so a key
can be rotated without reconnecting accounts.

Decrypted tokens are registered with `planner.platforms.http.register_secrets` by whoever
uses them, so they are masked in every log line the process writes.
"""

from __future__ import annotations

import base64
import binascii
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

from planner.config import Settings, get_settings

log = logging.getLogger(__name__)
KEY_FILE_NAME = "secret.key"
# A fixed salt is fine here: it only turns a passphrase into a key; the passphrase is the secret.
_PASSPHRASE_SALT = b"planner-secret-key-v1"


class SecretsUnreadable(RuntimeError):
    """Stored tokens that the current key cannot decrypt (the key changed or was lost)."""


def _as_fernet_key(value: str) -> bytes:
    """A Fernet key as given, or one derived from a passphrase with scrypt."""
    try:
        if len(base64.urlsafe_b64decode(value.encode())) == 32:
            return value.encode()
    except (binascii.Error, ValueError):
        pass
    return _derive(value)


@lru_cache(maxsize=8)
def _derive(passphrase: str) -> bytes:
    raw = hashlib.scrypt(passphrase.encode(), salt=_PASSPHRASE_SALT, n=2**14, r=8, p=1, dklen=32)
    return base64.urlsafe_b64encode(raw)


def key_file(settings: Settings) -> Path:
    """Where the embedded default keeps its key."""
    return settings.data_dir / KEY_FILE_NAME


def _read_or_create_key_file(path: Path) -> bytes:
    """Read the key file, creating it (mode 0600) exactly once even if processes race."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
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
                "(PLANNER_SECRET_KEY or data/secret.key changed); set the key the tokens were "
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


def secret_box(settings: Settings | None = None) -> SecretBox:
    """The box for the configured key (the key file is created on first use)."""
    return SecretBox(_keys(settings or get_settings()))
