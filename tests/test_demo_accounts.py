"""Demo accounts: one per role, loaded once, listed for sign-in only while the demo password
really still works."""

from __future__ import annotations

from sqlmodel import select

from planner.db import session_scope
from planner.demo import load_demo
from planner.models import Post, User
from planner.people.demo_accounts import (
    DEMO_PEOPLE,
    demo_logins,
    demo_password,
    ensure_demo_people,
    still_demo,
)
from planner.people.passwords import hash_password
from planner.people.users import check_password, find_user, reset_password, set_active
from tests.people_helpers import make_user


def test_one_demo_account_per_role_loaded_once(demo_db) -> None:
    assert load_demo() is False
    with session_scope() as session:
        people = session.exec(select(User)).all()
        assert sorted(u.role for u in people) == sorted(r for _, r, _ in DEMO_PEOPLE)
        assert all(u.demo_password for u in people)
        assert ensure_demo_people(session) == find_user(session, "staf").id
        assert len(session.exec(select(User)).all()) == len(DEMO_PEOPLE)
        check = check_password(session, "peserta", "demo-peserta")
        assert check.actor is not None and check.actor.role == "trainee"


def test_demo_posts_are_written_by_the_demo_staff(demo_db) -> None:
    with session_scope() as session:
        staff = find_user(session, "staf")
        authors = {p.author_id for p in session.exec(select(Post))}
    assert authors == {staff.id}


def test_demo_logins_in_role_order(demo_db) -> None:
    with session_scope() as session:
        logins = demo_logins(session)
    assert logins == [
        ("admin", "admin", "demo-admin"),
        ("manajer", "manager", "demo-manajer"),
        ("staf", "staff", "demo-staf"),
        ("pelatih", "trainer", "demo-pelatih"),
        ("peserta", "trainee", "demo-peserta"),
    ]


def test_a_changed_or_disabled_account_is_no_longer_listed(demo_db) -> None:
    admin = make_user("admin")
    with session_scope() as session:
        reset_password(session, admin, "staf", "kata-sandi-baru-99")
        set_active(session, admin, "pelatih", False)
        # The flag alone is not trusted: the hash must still match the demo password.
        manager = find_user(session, "manajer")
        manager.password_hash = hash_password("sesuatu-yang-lain-1")
        session.add(manager)
    with session_scope() as session:
        names = [name for name, _, _ in demo_logins(session)]
        assert names == ["admin", "peserta"]
        assert find_user(session, "manajer").demo_password  # flag still set, hash changed
        assert not still_demo(find_user(session, "manajer"))


def test_demo_password_is_refused_for_real_accounts() -> None:
    from planner.people.passwords import weakness

    assert demo_password("staf") == "demo-staf"
    assert weakness(demo_password("sari") + "-panjang") is not None
