"""Password hashing with argon2 (argon2-cffi's defaults: argon2id, salted, self-describing)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
_hasher = PasswordHasher()


def set_hasher(hasher: PasswordHasher) -> None:
    """Swap the hasher (tests use a cheap one; argon2's default costs ~0.1 s per hash)."""
    global _hasher
    _hasher = hasher


def hash_password(password: str) -> str:
    """The stored form of `password`."""
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether `password` matches; a missing or malformed hash never matches."""
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """True when the hash was made with weaker parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def generate_password() -> str:
    """A password to print once: 4 groups of 4 letters/digits, easy to type."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def weakness(password: str, username: str = "") -> str | None:
    """Why a new password is refused (an i18n key), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "people.password.too_short"
    if username and username.lower() in password.lower():
        return "people.password.has_username"
    if password.startswith("demo-"):
        return "people.password.demo"
    return None
