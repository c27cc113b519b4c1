"""Second factor (TOTP): enrolment checks a code, codes work once within ±1 step, the secret
is encrypted at rest, and an admin can remove it."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.models import AuditEntry, User
from planner.people import policy, totp
from planner.people.roles import PermissionDenied
from planner.people.users import UserError
from planner.secrets import secret_box
from tests.people_helpers import make_user, user_row

NOW = datetime(2026, 12, 1, 5, 0, 10, tzinfo=UTC)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code_at(moment: datetime, secret: str = SECRET) -> str:
    return pyotp.TOTP(secret).at(moment)


def a_wrong_code(moment: datetime) -> str:
    valid = {code_at(moment + timedelta(seconds=30 * k)) for k in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in valid)


def enrolled(role: str = "staff"):
    actor = make_user(role)
    with session_scope() as session:
        totp.enable(session, actor, SECRET, code_at(NOW), now=NOW)
    return actor


def test_enrolment_refuses_a_wrong_code_and_stores_nothing(sqlite_db) -> None:
    actor = make_user("staff")
    with pytest.raises(UserError, match="does not match"), session_scope() as session:
        totp.enable(session, actor, SECRET, a_wrong_code(NOW), now=NOW)
    assert user_row(actor.username).totp_secret is None
    with pytest.raises(UserError), session_scope() as session:
        totp.enable(session, actor, SECRET, "12ab56", now=NOW)


def test_enrolment_with_the_right_code_stores_the_secret_encrypted(sqlite_db) -> None:
    actor = enrolled()
    row = user_row(actor.username)
    assert totp.has_second_factor(row)
    assert SECRET not in row.totp_secret
    assert secret_box().decrypt(row.totp_secret) == {"totp": SECRET}
    with session_scope() as session:
        logged = session.exec(
            select(AuditEntry).where(AuditEntry.action == "user.totp_enable")
        ).one()
        assert SECRET not in str(logged.detail)


def test_a_code_works_once(sqlite_db) -> None:
    actor = enrolled()
    later = NOW + timedelta(seconds=30)
    with session_scope() as session:
        # The enrolment code itself cannot be replayed to sign in.
        assert not totp.verify(session, actor.id, code_at(NOW), now=NOW)
        assert totp.verify(session, actor.id, code_at(later), now=later)
    with session_scope() as session:
        assert not totp.verify(session, actor.id, code_at(later), now=later)
        # An older code still inside the window is refused once a newer one was used.
        assert not totp.verify(session, actor.id, code_at(NOW), now=later)
    with session_scope() as session:
        reasons = [
            e.detail.get("reason")
            for e in session.exec(select(AuditEntry).where(AuditEntry.outcome == "failed"))
        ]
    assert reasons.count("replayed") == 3


@pytest.mark.parametrize(
    ("offset_steps", "accepted"),
    [(-2, False), (-1, True), (0, True), (1, True), (2, False)],
)
def test_window_is_one_step_either_side(sqlite_db, offset_steps: int, accepted: bool) -> None:
    actor = enrolled()
    now = NOW + timedelta(minutes=10)
    code = code_at(now + timedelta(seconds=30 * offset_steps))
    with session_scope() as session:
        assert totp.verify(session, actor.id, code, now=now) is accepted


def test_spaces_in_a_code_are_ignored_and_junk_is_refused(sqlite_db) -> None:
    actor = enrolled()
    later = NOW + timedelta(minutes=1)
    code = code_at(later)
    with session_scope() as session:
        assert not totp.verify(session, actor.id, "", now=later)
        assert not totp.verify(session, actor.id, a_wrong_code(later), now=later)
        assert totp.verify(session, actor.id, f"{code[:3]} {code[3:]}", now=later)


def test_verify_without_second_factor_is_false(sqlite_db) -> None:
    actor = make_user("staff")
    with session_scope() as session:
        assert not totp.verify(session, actor.id, code_at(NOW), now=NOW)
        assert not totp.verify(session, 9999, code_at(NOW), now=NOW)


def test_admin_resets_and_others_may_not(sqlite_db) -> None:
    actor = enrolled()
    manager = make_user("manager")
    with pytest.raises(PermissionDenied), session_scope() as session:
        totp.reset(session, manager, actor.username)
    assert user_row(actor.username).totp_secret
    admin = make_user("admin")
    with session_scope() as session:
        totp.reset(session, admin, actor.username)
    row = user_row(actor.username)
    assert row.totp_secret is None and row.totp_last_step is None
    with pytest.raises(UserError), session_scope() as session:
        totp.reset(session, admin, "nobody")


def test_own_second_factor_can_be_turned_off_unless_the_role_requires_it(sqlite_db) -> None:
    actor = enrolled()
    admin = make_user("admin")
    with session_scope() as session:
        policy.save_policy(session, admin, policy.Policy(second_factor_roles=("staff",)))
    with pytest.raises(UserError, match="cannot be turned off"), session_scope() as session:
        totp.disable(session, actor)
    with session_scope() as session:
        policy.save_policy(session, admin, policy.Policy())
    with session_scope() as session:
        totp.disable(session, actor)
    assert user_row(actor.username).totp_secret is None


def test_policy_decides_who_must_enrol(sqlite_db) -> None:
    staff, manager, admin = make_user("staff"), make_user("manager"), make_user("admin")
    with session_scope() as session:
        assert not totp.needs_enrolment(session, staff)
        policy.save_policy(session, admin, policy.Policy(second_factor_roles=("staff",)))
    with session_scope() as session:
        assert totp.needs_enrolment(session, staff)
        assert not totp.needs_enrolment(session, manager)
        totp.enable(session, staff, SECRET, code_at(NOW), now=NOW)
    with session_scope() as session:
        assert not totp.needs_enrolment(session, staff)


def test_provisioning_address_and_qr_code() -> None:
    secret = totp.new_secret()
    assert len(secret) == 32 and secret != totp.new_secret()
    uri = totp.provisioning_uri(secret, "sari")
    assert uri.startswith("otpauth://totp/Planner%20Perpustakaan:sari?")
    assert f"secret={secret}" in uri and "issuer=Planner%20Perpustakaan" in uri
    svg = totp.qr_svg(uri)
    assert svg.startswith("<svg") and "#fff" in svg


def test_the_column_is_not_shared_between_people(sqlite_db) -> None:
    first = enrolled("staff")
    second = make_user("manager")
    with session_scope() as session:
        totp.enable(session, second, SECRET, code_at(NOW), now=NOW)
    later = NOW + timedelta(seconds=30)
    with session_scope() as session:
        assert totp.verify(session, first.id, code_at(later), now=later)
        assert totp.verify(session, second.id, code_at(later), now=later)
        assert session.get(User, first.id).totp_last_step == int(later.timestamp()) // 30


def test_two_sign_ins_racing_with_one_code_let_only_one_through(any_db) -> None:
    """The second request waits for the first one's row (lock or write lock), then sees the
    step already taken; on SQLite and PostgreSQL, the two really on two threads."""
    actor = enrolled()
    later = NOW + timedelta(seconds=30)
    code = code_at(later)
    first_checked, results = threading.Event(), {}

    def second() -> None:
        first_checked.wait(10)
        with session_scope() as session:
            results["second"] = totp.verify(session, actor.id, code, now=later)

    thread = threading.Thread(target=second)
    thread.start()
    with session_scope() as session:
        results["first"] = totp.verify(session, actor.id, code, now=later)
        first_checked.set()
        time.sleep(0.3)  # the second request is now waiting for this transaction
    thread.join(20)
    assert results == {"first": True, "second": False}
