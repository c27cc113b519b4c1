"""Tokens at rest: Fernet with a key from PLANNER_SECRET_KEY or a 0600 key file made once."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from planner.secrets import SecretsUnreadable, key_file, secret_box
from tests.platform_helpers import X_CREDS, settings


def test_key_file_is_created_once_with_owner_only_permissions(tmp_path: Path) -> None:
    cfg = settings(tmp_path)
    path = key_file(cfg)
    assert not path.exists()
    token = secret_box(cfg).encrypt(X_CREDS)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_box(cfg).decrypt(token) == X_CREDS
    assert len(Fernet(path.read_bytes().strip())._signing_key) == 16  # a real Fernet key
    assert not [s for s in X_CREDS.values() if s in token]


def test_racing_first_starts_agree_on_one_key(tmp_path: Path) -> None:
    cfg = settings(tmp_path)
    with ThreadPoolExecutor(8) as pool:
        tokens = list(pool.map(lambda i: secret_box(cfg).encrypt({"n": str(i)}), range(16)))
    box = secret_box(cfg)
    assert [box.decrypt(t)["n"] for t in tokens] == [str(i) for i in range(16)]
    assert [p.name for p in key_file(cfg).parent.iterdir() if "secret" in p.name] == ["secret.key"]


def test_a_too_open_key_file_is_tightened(tmp_path: Path) -> None:
    cfg = settings(tmp_path)
    secret_box(cfg)
    key_file(cfg).chmod(0o644)
    secret_box(cfg)
    assert stat.S_IMODE(key_file(cfg).stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "key", [Fernet.generate_key().decode(), "a long passphrase for the library"]
)
def test_configured_key_needs_no_file(tmp_path: Path, key: str) -> None:
    cfg = settings(tmp_path, secret_key=key)
    token = secret_box(cfg).encrypt(X_CREDS)
    assert secret_box(settings(tmp_path, secret_key=key)).decrypt(token) == X_CREDS
    assert not key_file(cfg).exists()


def test_rotation_first_key_encrypts_all_keys_decrypt(tmp_path: Path) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    token = secret_box(settings(tmp_path, secret_key=old)).encrypt(X_CREDS)
    both = secret_box(settings(tmp_path, secret_key=f"{new}, {old}"))
    assert both.decrypt(token) == X_CREDS
    rotated = both.rotate(token)
    assert secret_box(settings(tmp_path, secret_key=new)).decrypt(rotated) == X_CREDS


def test_wrong_key_says_what_to_do_without_showing_anything(tmp_path: Path) -> None:
    token = secret_box(settings(tmp_path, secret_key="first passphrase")).encrypt(X_CREDS)
    with pytest.raises(SecretsUnreadable, match="reconnect the account") as caught:
        secret_box(settings(tmp_path, secret_key="other passphrase")).decrypt(token)
    assert token not in str(caught.value)


def test_public_names_depend_on_the_key(tmp_path: Path) -> None:
    a = secret_box(settings(tmp_path, secret_key="one")).name_token(b"image")
    b = secret_box(settings(tmp_path, secret_key="two")).name_token(b"image")
    assert (
        a != b
        and len(a) == 32
        and a == secret_box(settings(tmp_path, secret_key="one")).name_token(b"image")
    )
