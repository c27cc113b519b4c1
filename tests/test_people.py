"""People services: users, passwords, the slow-down, sessions, the policy and the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from planner.db import session_scope
from planner.i18n import t
from planner.i18n.people import ACTION_NAMES
from planner.models import AuditEntry, Role, User, UserSession, utcnow
from planner.people import audit, passwords, policy, sessions, users
from planner.people.actors import SYSTEM, Actor
from planner.people.roles import (
    PERMISSIONS,
    Action,
    PermissionDenied,
    Scope,
    can,
    require,
    require_target,
)
from tests.people_helpers import PASSWORD, make_user


def test_every_action_has_a_readable_name_in_both_languages() -> None:
    assert set(ACTION_NAMES) == {a.name for a in Action}
    for role in Role:
        assert t(f"role.{role.value}", "id") != f"role.{role.value}"


def test_every_role_has_a_row_and_admin_may_do_everything() -> None:
    assert set(PERMISSIONS) == {r.value for r in Role}
    admin = Actor(1, "a", "admin")
    assert all(can(admin, a) for a in Action)


def test_shipped_hasher_is_argon2id_with_real_costs() -> None:
    real = PasswordHasher()
    stored = real.hash("x" * 12)
    assert stored.startswith("$argon2id$")
    assert real.time_cost >= 2 and real.memory_cost >= 19 * 1024


def test_refusal_names_role_and_action_in_both_languages() -> None:
    trainee = Actor(5, "tia", "trainee")
    with pytest.raises(PermissionDenied) as err:
        require(trainee, Action.MANAGE_ACCOUNTS)
    assert "Peserta pelatihan" in err.value.text("id")
    assert "managing social media accounts" in err.value.text("en")
    with pytest.raises(PermissionDenied, match="live account"):
        require_target(trainee, Action.SCHEDULE_POST, is_sandbox=False)
    require_target(trainee, Action.SCHEDULE_POST, is_sandbox=True)
    assert require(SYSTEM, Action.SCHEDULE_POST) is Scope.ANY
    with pytest.raises(PermissionDenied):
        require(None, Action.DRAFT_POST)


def test_first_admin_needs_no_actor_but_later_users_do(sqlite_db: str) -> None:
    with session_scope() as session:
        admin, generated = users.add_user(session, None, "kepala", "admin")
        assert generated and len(generated) == 19
        assert admin.password_hash and generated not in admin.password_hash
    with session_scope() as session, pytest.raises(PermissionDenied):
        users.add_user(session, None, "orang", "staff", "panjang-sekali-12")
    staff = make_user("staff")
    with session_scope() as session, pytest.raises(PermissionDenied):
        users.add_user(session, staff, "orang", "staff", "panjang-sekali-12")


@pytest.mark.parametrize(
    ("password", "key"),
    [("pendek", "too_short"), ("kepala-1234567", "has_username"), ("demo-rahasia-1", "demo")],
)
def test_weak_passwords_are_refused(sqlite_db: str, password: str, key: str) -> None:
    admin = make_user("admin")
    with session_scope() as session, pytest.raises(users.UserError) as err:
        users.add_user(session, admin, "kepala", "staff", password)
    assert err.value.key == f"people.password.{key}"


def test_sign_in_good_bad_and_slowed_down(sqlite_db: str) -> None:
    make_user("staff", "sari")
    now = utcnow()
    with session_scope() as session:
        ok = users.check_password(session, "SARI", PASSWORD, now=now)
        assert ok.actor and ok.actor.username == "sari"
    with session_scope() as session:
        for _ in range(3):
            miss = users.check_password(session, "sari", "salah", free_tries=3, now=now)
            assert miss.reason == "bad_credentials"
        assert miss.wait_seconds == 2
        # While waiting, even the right password is not checked.
        early = users.check_password(session, "sari", PASSWORD, free_tries=3, now=now)
        assert early.reason == "wait" and early.wait_seconds >= 1
        later = now + timedelta(seconds=3)
        good = users.check_password(session, "sari", PASSWORD, free_tries=3, now=later)
        assert good.actor is not None
        assert session.get(User, good.actor.id).failed_signins == 0
    with session_scope() as session:
        unknown = users.check_password(session, "nobody", PASSWORD)
        assert unknown.reason == "bad_credentials"
        failed = [e for e in audit.entries(session) if e.outcome != "ok"]
        assert {e.detail["reason"] for e in failed} == {"bad_password", "wait", "unknown_user"}


def test_wait_doubles_and_is_capped() -> None:
    assert [users.wait_after(n, 5) for n in (0, 4, 5, 6, 7)] == [0, 0, 2, 4, 8]
    assert users.wait_after(100, 5) == users.MAX_WAIT_SECONDS


def test_disabled_user_cannot_sign_in_and_last_admin_stays(sqlite_db: str) -> None:
    admin = make_user("admin")
    make_user("staff", "sari")
    with session_scope() as session:
        users.set_active(session, admin, "sari", False)
        assert users.check_password(session, "sari", PASSWORD).reason == "disabled"
        with pytest.raises(users.UserError, match="last admin"):
            users.set_active(session, admin, admin.username, False)
        with pytest.raises(users.UserError, match="last admin"):
            users.set_role(session, admin, admin.username, "staff")


def test_session_survives_until_idle_and_ends_on_reset(sqlite_db: str, monkeypatch) -> None:
    staff = make_user("staff", "sari")
    admin = make_user("admin")
    with session_scope() as session:
        sid = sessions.start(session, staff)
    cookie = sessions.cookie_value(sid)
    assert sessions.read_cookie(cookie) == sid
    assert sessions.read_cookie(cookie[:-2] + "xx") is None
    assert sessions.read_cookie("garbage") is None
    with session_scope() as session:
        assert sessions.resume(session, sid).username == "sari"
    with session_scope() as session:
        row = session.get(UserSession, sid)
        late = row.last_seen_at + timedelta(minutes=121)
        assert sessions.resume(session, sid, now=late) is None
    with session_scope() as session:
        assert sessions.resume(session, sid) is None  # ended for good
        sid2 = sessions.start(session, staff)
    with session_scope() as session:
        users.reset_password(session, admin, "sari", "kata-baru-yang-panjang")
    with session_scope() as session:
        assert sessions.resume(session, sid2) is None
        sid3 = sessions.start(session, staff)
        sessions.end(session, sid3)
    with session_scope() as session:
        assert sessions.resume(session, sid3) is None


def test_policy_round_trip_is_audited_and_admin_only(sqlite_db: str) -> None:
    admin, staff = make_user("admin"), make_user("staff")
    with session_scope() as session:
        assert policy.load_policy(session).needs_review("trainee")
        assert not policy.load_policy(session).needs_review("staff")
        with pytest.raises(PermissionDenied):
            policy.save_policy(session, staff, policy.Policy(staff_need_approval=True))
        policy.save_policy(
            session, admin, policy.Policy(staff_need_approval=True, second_factor_roles=("admin",))
        )
    with session_scope() as session:
        saved = policy.load_policy(session)
        assert saved.needs_review("staff") and saved.needs_second_factor("admin")
        entry = audit.entries(session, audit.AuditFilter(action="settings.policy"))[0]
        assert entry.detail["staff_need_approval"] is True


def test_audit_csv_quotes_formulas_and_denials_survive_rollback(sqlite_db: str) -> None:
    actor = make_user("staff", "sari")
    with pytest.raises(RuntimeError), session_scope() as session:
        audit.record(session, actor, "post.edit", ("post", 1), title="=HYPERLINK()")
        audit.deny(actor, "accounts.manage", ("account", 2))
        raise RuntimeError("the change fails")
    with session_scope() as session:
        rows = audit.entries(session, audit.AuditFilter(actor_id=actor.id))
        assert [(r.action, r.outcome) for r in rows] == [("accounts.manage", "denied")]
        session.add(AuditEntry(actor_name="=cmd|calc", action="a", detail={}))
    with session_scope() as session:
        text = audit.to_csv(audit.entries(session, audit.AuditFilter(action="a")))
    assert text.splitlines()[0] == "at,actor,action,object_type,object_id,outcome,detail"
    assert ",'=cmd|calc,a," in text


def test_generated_passwords_verify(sqlite_db: str) -> None:
    generated = passwords.generate_password()
    stored = passwords.hash_password(generated)
    assert passwords.verify_password(stored, generated)
    assert not passwords.verify_password(stored, generated + "x")
    assert not passwords.verify_password("not-a-hash", generated)
    assert not passwords.verify_password(None, generated)


def test_demo_people_are_listed_only_while_their_password_is_the_demo_one(sqlite_db) -> None:
    from planner.demo import load_demo
    from planner.people.demo_accounts import DEMO_PEOPLE, demo_logins

    load_demo()
    with session_scope() as session:
        listed = demo_logins(session)
        assert [(u, r) for u, r, _ in listed] == [(u, r) for u, r, _ in DEMO_PEOPLE]
        assert users.check_password(session, "staf", "demo-staf").actor is not None
        admin = users.check_password(session, "admin", "demo-admin").actor
        users.reset_password(session, admin, "staf", "rahasia-baru-2026")
    with session_scope() as session:
        assert "staf" not in [u for u, _, _ in demo_logins(session)]
        assert users.count_admins(session, real_password=True) == 0
