"""The sign-in gate in AppTest: nothing but the sign-in page until a good password is given.

Page: planner/ui/signin.py (with app.py). The browser side (cookie, reload) is in
tests/test_browser_signin.py.
"""

from __future__ import annotations

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.db import session_scope
from planner.models import AuditEntry, UserSession
from planner.people import audit
from tests.people_helpers import PASSWORD, make_user, sign_in_app


def _fresh() -> AppTest:
    return AppTest.from_file("../app.py", default_timeout=30).run()


def _sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_signed_out_sees_only_the_sign_in_page(sqlite_db: str) -> None:
    at = _fresh()
    assert not at.exception
    assert [t.value for t in at.title] == ["Masuk ke Planner"]
    assert [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]
    assert at.text_input[1].proto.type == at.text_input[1].proto.PASSWORD
    assert "Tulis" not in str(at)  # no navigation to any page


def test_good_password_signs_in_and_is_audited(sqlite_db: str) -> None:
    make_user("staff", "sari")
    at = _sign_in(_fresh(), "sari", PASSWORD)
    assert not at.exception
    assert not at.error
    assert any("sari" in m.value for m in at.sidebar.markdown)
    with session_scope() as session:
        assert len(session.exec(select(UserSession)).all()) == 1
        entry = audit.entries(session, audit.AuditFilter(action="signin"))[0]
        assert (entry.actor_name, entry.outcome) == ("sari", "ok")


def test_bad_password_is_refused_then_slowed_down(sqlite_db: str, monkeypatch) -> None:
    monkeypatch.setenv("PLANNER_SIGNIN_FREE_TRIES", "2")
    from planner import config

    config.reset_settings()
    make_user("staff", "sari")
    at = _fresh()
    at = _sign_in(at, "sari", "salah-sekali")
    assert [e.value for e in at.error] == ["Nama pengguna atau kata sandi salah."]
    at = _sign_in(at, "sari", "salah-lagi-ya")
    assert any("Coba lagi dalam 2 detik" in w.value for w in at.warning)
    at = _sign_in(at, "sari", PASSWORD)  # right, but too soon
    assert any("Coba lagi dalam" in e.value for e in at.error)
    assert [t.value for t in at.title] == ["Masuk ke Planner"]
    with session_scope() as session:
        failed = len(session.exec(select(AuditEntry).where(AuditEntry.outcome != "ok")).all())
    assert failed == 3


def test_disabled_user_is_told_and_kept_out(sqlite_db: str) -> None:
    admin = make_user("admin")
    make_user("staff", "sari")
    from planner.people import users

    with session_scope() as session:
        users.set_active(session, admin, "sari", False)
    at = _sign_in(_fresh(), "sari", PASSWORD)
    assert any("dinonaktifkan" in e.value for e in at.error)


def test_session_ends_when_password_is_reset_elsewhere(sqlite_db: str) -> None:
    at = AppTest.from_file("../app.py", default_timeout=30)
    sign_in_app(at, "staff")
    at.run()
    assert not at.title  # a page, not the sign-in form
    admin = make_user("admin")
    from planner.people import users

    with session_scope() as session:
        users.reset_password(session, admin, "sari", "kata-sandi-baru-99")
    at.run()
    assert [t.value for t in at.title] == ["Masuk ke Planner"]


def test_sign_out_ends_the_session(sqlite_db: str) -> None:
    at = AppTest.from_file("../app.py", default_timeout=30)
    sign_in_app(at, "staff")
    at.run()
    at.sidebar.button(key="planner_signout").click().run()
    assert [t.value for t in at.title] == ["Masuk ke Planner"]
    with session_scope() as session:
        assert all(s.ended_at is not None for s in session.exec(select(UserSession)))


@pytest.mark.parametrize(("choice", "title"), [("en", "Sign in to Planner")])
def test_language_of_the_sign_in_page_follows_the_switch(sqlite_db, choice, title) -> None:
    at = _fresh()
    at.sidebar.selectbox(key="locale").select(choice).run()
    assert [t.value for t in at.title] == [title]


def test_language_choice_is_kept_in_the_profile(sqlite_db: str) -> None:
    at = AppTest.from_file("../app.py", default_timeout=30)
    sign_in_app(at, "staff")
    at.run()
    at.sidebar.selectbox(key="locale").select("en").run()
    # A new browser session (a reload) starts from the profile, not the default.
    again = AppTest.from_file("../app.py", default_timeout=30)
    sign_in_app(again, "staff")
    again.run()
    assert again.session_state["locale"] == "en"
    assert any("Signed in as" in m.value for m in again.sidebar.markdown)


def test_demo_people_are_offered_only_while_their_passwords_are_demo(demo_db: str) -> None:
    at = _fresh()
    assert any("DEMO" in w.value for w in at.warning)
    table = at.table[0].value
    assert list(table.iloc[:, 0]) == ["admin", "manajer", "staf", "pelatih", "peserta"]
    assert "demo-staf" in list(table.iloc[:, 2])
    at = _sign_in(at, "staf", "demo-staf")
    assert not at.exception and not at.error
    from planner.people import users

    admin = make_user("admin")
    with session_scope() as session:
        for name in ("admin", "manajer", "staf", "pelatih", "peserta"):
            users.reset_password(session, admin, name, f"{name[::-1]}-nyata-2026")
    assert not _fresh().table
