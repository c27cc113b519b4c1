"""People pages through AppTest: Users, Profile (with the second factor), Audit log, the policy
form in Settings, and the enrolment the sign-in gate asks for (planner/ui/second_factor.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planner.db import session_scope
from planner.people import audit, policy
from planner.people.passwords import verify_password
from tests.people_helpers import PASSWORD, app_as, make_user, user_row
from tests.test_totp import a_wrong_code


def signed_in(role: str, page: str | None = None) -> AppTest:
    """app.py through the sign-in gate as a user of `role` (switched to `page`)."""
    at = app_as(role, page)
    assert not at.exception
    return at


def page_alone(page: str, role: str) -> AppTest:
    """One page module run by itself (as a URL typed by hand would reach it)."""
    at = AppTest.from_file(f"../{page}", default_timeout=30)
    at.session_state["planner_actor"] = make_user(role)
    return at.run()


def by_label(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def texts(at: AppTest) -> str:
    parts = [*at.success, *at.error, *at.warning, *at.info, *at.markdown, *at.caption]
    return "\n".join(str(e.value) for e in parts)


# Users ---------------------------------------------------------------------------------------


def test_admin_adds_a_user_and_sees_the_password_once(demo_db) -> None:
    at = signed_in("admin", "planner/ui/users.py")
    assert "Pengguna" in [h.value for h in at.header]
    shown = at.dataframe[0].value
    assert {"ani", "staf", "peserta"} <= set(shown["Nama pengguna"])
    by_label(at.text_input, "Nama pengguna").input("rina")
    by_label(at.text_input, "Nama tampilan").input("Rina Kurnia")
    at.button(key="FormSubmitter:users_add-Tambah").click().run()
    assert not at.exception
    assert "Pengguna rina ditambahkan." in texts(at)
    (password,) = [c.value for c in at.code]
    assert verify_password(user_row("rina").password_hash, password)
    assert user_row("rina").role == "staff"
    at.run()
    assert password not in [c.value for c in at.code]


def test_admin_disables_resets_and_changes_a_role(demo_db) -> None:
    at = signed_in("admin", "planner/ui/users.py")
    at.selectbox(key="users_pick").select("staf").run()
    at.button(key="users_disable").click().run()
    assert not user_row("staf").active and "dinonaktifkan" in texts(at)
    at.button(key="users_enable").click().run()
    assert user_row("staf").active
    at.button(key="users_reset_password").click().run()
    (password,) = [c.value for c in at.code]
    assert verify_password(user_row("staf").password_hash, password)
    at.selectbox(key="users_role_staf").select("manager").run()
    at.button(key="users_set_role").click().run()
    assert user_row("staf").role == "manager"


def test_last_admin_refusal_is_shown_in_the_page_language(sqlite_db) -> None:
    at = signed_in("admin", "planner/ui/users.py")
    at.selectbox(key="users_pick").select("ani").run()
    at.button(key="users_disable").click().run()
    assert "Admin terakhir tidak dapat dinonaktifkan" in texts(at)
    assert user_row("ani").active


@pytest.mark.parametrize("role", ["manager", "staff", "trainer", "trainee"])
def test_users_page_refuses_everyone_but_admins(sqlite_db, role: str) -> None:
    at = page_alone("planner/ui/users.py", role)
    assert not at.exception
    assert "mengelola pengguna" in texts(at) and not at.dataframe


# Profile and second factor ---------------------------------------------------------------------


def test_profile_saves_name_email_and_language(sqlite_db) -> None:
    at = signed_in("staff", "planner/ui/profile.py")
    by_label(at.text_input, "Nama tampilan").input("Sari Wulandari")
    by_label(at.text_input, "Alamat e-mail").input("sari@perpus.example")
    at.button(key="FormSubmitter:profile_details-Simpan").click().run()
    row = user_row("sari")
    assert (row.display_name, row.email) == ("Sari Wulandari", "sari@perpus.example")
    at.selectbox(key="profile_locale").select("en").run()
    by_label(at.button, "Pakai bahasa ini").click().run()
    assert not at.exception
    assert at.session_state["locale"] == "en" and user_row("sari").locale == "en"
    assert "Profile" in [h.value for h in at.header]


def _change_password(at: AppTest, current: str, new: str, again: str) -> AppTest:
    by_label(at.text_input, "Kata sandi sekarang").input(current)
    by_label(at.text_input, "Kata sandi baru").input(new)
    by_label(at.text_input, "Ulangi kata sandi baru").input(again)
    return at.button(key="FormSubmitter:profile_password-Ganti kata sandi").click().run()


def test_profile_changes_the_own_password(sqlite_db) -> None:
    at = signed_in("staff", "planner/ui/profile.py")
    new = "kata-sandi-baru-sekali"
    assert "Kedua kata sandi tidak sama" in texts(_change_password(at, PASSWORD, new, new + "x"))
    assert "sekarang salah" in texts(_change_password(at, "salah-sekali-123", new, new))
    assert "minimal 10 karakter" in texts(_change_password(at, PASSWORD, "pendek", "pendek"))
    assert verify_password(user_row("sari").password_hash, PASSWORD)
    assert "Kata sandi diganti" in texts(_change_password(at, PASSWORD, new, new))
    assert verify_password(user_row("sari").password_hash, new)


def _enter_current_code(at: AppTest, key: str) -> AppTest:
    secret = at.session_state[f"{key}_secret"]
    at.text_input(key=f"{key}_code").input(pyotp.TOTP(secret).now())
    return at.button(key=f"FormSubmitter:{key}_form-Konfirmasi").click().run()


def test_profile_enrols_and_turns_off_the_second_factor(sqlite_db) -> None:
    at = signed_in("staff", "planner/ui/profile.py")
    assert at.image and "Ketik kunci ini" in texts(at)
    at.text_input(key="profile_totp_code").input(a_wrong_code(datetime.now(UTC)))
    at.button(key="FormSubmitter:profile_totp_form-Konfirmasi").click().run()
    assert "Kode tidak cocok" in texts(at) and user_row("sari").totp_secret is None
    _enter_current_code(at, "profile_totp")
    assert not at.exception
    assert user_row("sari").totp_secret and "Verifikasi dua langkah aktif" in texts(at)
    at.button(key="profile_totp_off").click().run()
    assert user_row("sari").totp_secret is None


def test_a_required_second_factor_cannot_be_turned_off(sqlite_db) -> None:
    admin = make_user("admin")
    with session_scope() as session:
        policy.save_policy(session, admin, policy.Policy(second_factor_roles=("admin",)))
    alone = page_alone("planner/ui/profile.py", "admin")
    assert "Peran Anda wajib memakai verifikasi dua langkah" in texts(alone)
    at = signed_in("admin")  # the gate asks first
    _enter_current_code(at, "gate_totp")
    assert user_row("ani").totp_secret
    at.switch_page("planner/ui/profile.py").run()
    assert "Wajib untuk peran Anda" in texts(at)
    assert not [b for b in at.button if b.key == "profile_totp_off"]


def _gate_script() -> None:
    import streamlit as st

    from planner.ui.second_factor import enrol_gate
    from planner.ui.session import current_actor

    if enrol_gate(current_actor()):
        st.write("halaman")


def test_the_gate_demands_enrolment_when_the_policy_requires_it(sqlite_db) -> None:
    admin = make_user("admin")
    staff = make_user("staff")
    at = AppTest.from_function(_gate_script, default_timeout=30)
    at.session_state["planner_actor"] = staff
    at.run()
    assert "halaman" in texts(at)  # nothing required yet
    with session_scope() as session:
        policy.save_policy(session, admin, policy.Policy(second_factor_roles=("staff",)))
    at.run()
    assert "halaman" not in texts(at)
    assert "Atur verifikasi dua langkah" in [h.value for h in at.header]
    assert "Staf promosi" in texts(at)
    _enter_current_code(at, "gate_totp")
    assert "halaman" in texts(at) and user_row("sari").totp_secret
    assert not at.header and "Verifikasi dua langkah aktif" in at.toast[0].value


def test_app_sends_people_to_enrol_before_any_page(sqlite_db) -> None:
    admin = make_user("admin")
    with session_scope() as session:
        policy.save_policy(session, admin, policy.Policy(second_factor_roles=("staff",)))
    at = app_as("staff")
    assert not at.exception
    assert [h.value for h in at.header] == ["Atur verifikasi dua langkah"]
    _enter_current_code(at, "gate_totp")
    assert not at.exception and [h.value for h in at.header] == ["Tulis unggahan"]


# Audit log -------------------------------------------------------------------------------------


def test_audit_page_filters_and_downloads_csv(sqlite_db, monkeypatch) -> None:
    downloads: list[str] = []
    real = st.download_button

    def recording(label, data=None, *args, **kwargs):
        downloads.append(data)
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    manager = make_user("manager")
    with session_scope() as session:
        audit.record(session, manager, "post.schedule", ("post", 7), outcome="denied")
    at = signed_in("admin", "planner/ui/audit_log.py")
    assert "Log audit" in [h.value for h in at.header]
    assert len(at.dataframe[0].value) >= 3
    at.selectbox(key="audit_outcome").select("denied").run()
    table = at.dataframe[0].value
    assert list(table["Orang"]) == ["maya"] and list(table["Hasil"]) == ["ditolak"]
    assert "WIB" in table["Waktu"][0]
    assert downloads[-1].splitlines()[1].split(",")[1:6] == [
        "maya",
        "post.schedule",
        "post",
        "7",
        "denied",
    ]
    at.selectbox(key="audit_outcome").select("").run()
    at.selectbox(key="audit_person").select(manager.id).run()
    assert set(at.dataframe[0].value["Orang"]) == {"maya"}
    at.selectbox(key="audit_action").select("user.add").run()
    assert len(at.dataframe[0].value) == 0
    yesterday = (datetime.now() - timedelta(days=3)).date()
    at.selectbox(key="audit_action").select("").run()
    at.date_input(key="audit_dates").set_value((yesterday, yesterday)).run()
    assert len(at.dataframe[0].value) == 0


def test_managers_read_the_audit_log_and_staff_may_not(sqlite_db) -> None:
    assert not page_alone("planner/ui/audit_log.py", "manager").error
    at = page_alone("planner/ui/audit_log.py", "staff")
    assert "melihat log audit" in texts(at) and not at.dataframe


# Policy in Settings ----------------------------------------------------------------------------


def test_admin_edits_the_policy_in_settings(sqlite_db) -> None:
    at = signed_in("admin", "planner/ui/settings.py")
    by_label(at.checkbox, policy_label("staff_need_approval")).check()
    by_label(at.checkbox, policy_label("email_reviewers")).uncheck()
    by_label(at.multiselect, policy_label("second_factor_roles")).select("admin").select("staff")
    at.button(key="FormSubmitter:policy_form-Simpan aturan").click().run()
    assert not at.exception and "Aturan disimpan." in texts(at)
    with session_scope() as session:
        saved = policy.load_policy(session)
    assert saved.staff_need_approval and not saved.email_reviewers
    assert set(saved.second_factor_roles) == {"admin", "staff"}


def test_others_see_the_policy_read_only(sqlite_db) -> None:
    at = signed_in("manager", "planner/ui/settings.py")
    assert not at.checkbox and "Persetujuan & keamanan" in [s.value for s in at.subheader]
    assert "tidak" in texts(at)


def policy_label(name: str) -> str:
    from planner.i18n import t

    return t(f"policy.{name}", "id")
