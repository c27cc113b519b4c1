"""Tokens at rest: Fernet with a key from PLANNER_SECRET_KEY or a 0600 key file made once."""

from __future__ import annotations

import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from planner.config import Settings
from planner.secrets import SecretsUnreadable, ensure_key, key_file, secret_box
from tests.platform_helpers import X_CREDS, settings
from tests.test_cli import planner


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
    "key", [Fernet.generate_key().decode(), "a long passphrase for the library of Pekalongan"]
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
    token = secret_box(
        settings(tmp_path, secret_key="first passphrase that is long enough to be used")
    ).encrypt(X_CREDS)
    with pytest.raises(SecretsUnreadable, match="reconnect the account") as caught:
        secret_box(
            settings(tmp_path, secret_key="other passphrase that is long enough to be used")
        ).decrypt(token)
    assert token not in str(caught.value)


def test_public_names_depend_on_the_key(tmp_path: Path) -> None:
    a = secret_box(
        settings(tmp_path, secret_key="one passphrase that is long enough here")
    ).name_token(b"image")
    b = secret_box(
        settings(tmp_path, secret_key="two passphrase that is long enough here")
    ).name_token(b"image")
    assert (
        a != b
        and len(a) == 32
        and a
        == secret_box(
            settings(tmp_path, secret_key="one passphrase that is long enough here")
        ).name_token(b"image")
    )


WEAK = "perpustakaan-2026"  # 17 characters: a guessable passphrase


@pytest.mark.parametrize("value", [WEAK, f"{Fernet.generate_key().decode()},{WEAK}", "x" * 31])
def test_a_short_passphrase_is_refused_naming_the_setting(tmp_path: Path, value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        settings(tmp_path, secret_key=value)
    message = str(caught.value)
    assert "PLANNER_SECRET_KEY" in message and "at least 32 characters" in message
    assert WEAK not in message and "x" * 31 not in message  # never echoed


@pytest.mark.parametrize("value", ["x" * 32, Fernet.generate_key().decode()])
def test_a_fernet_key_or_32_characters_are_accepted(tmp_path: Path, value: str) -> None:
    assert settings(tmp_path, secret_key=value).secret_key == value


def test_the_cli_stops_at_start_on_a_weak_key(tmp_path: Path) -> None:
    run = planner("init", data_dir=tmp_path / "data", env={"PLANNER_SECRET_KEY": WEAK})
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: error: ")
    assert "PLANNER_SECRET_KEY must be a Fernet key or a passphrase of at least 32" in lines[0]
    assert WEAK not in run.stderr and not (tmp_path / "data" / "planner.db").exists()


def test_init_makes_the_key_file_and_an_owner_only_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = planner("init", data_dir=data)
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "secret.key").stat().st_mode) == 0o600
    Fernet((data / "secret.key").read_bytes().strip())  # a real key, made before any token


def test_the_key_file_can_live_outside_the_data_folder(tmp_path: Path) -> None:
    data, keys = tmp_path / "data", tmp_path / "keys" / "planner.key"
    run = planner("init", data_dir=data, env={"PLANNER_SECRET_KEY_FILE": str(keys)})
    assert run.returncode == 0, run.stderr
    assert keys.exists() and not (data / "secret.key").exists()
    assert stat.S_IMODE(keys.parent.stat().st_mode) == 0o700
    cfg = settings(tmp_path, secret_key_file=keys)
    assert key_file(cfg) == keys and ensure_key(cfg) == keys
    token = secret_box(cfg).encrypt(X_CREDS)
    assert Fernet(keys.read_bytes().strip()).decrypt(token.encode())


def test_a_key_file_in_an_open_folder_is_warned_about(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    run = planner("init", data_dir=data)
    assert run.returncode == 0
    assert "open to other users" in run.stderr and "PLANNER_SECRET_KEY_FILE" in run.stderr


def test_a_configured_key_makes_no_file(tmp_path: Path) -> None:
    cfg = Settings(data_dir=tmp_path / "data", secret_key="k" * 40)
    assert ensure_key(cfg) is None and not key_file(cfg).exists()
