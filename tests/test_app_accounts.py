"""The Accounts page through AppTest: connecting (HTTP intercepted), errors, dry run,
disconnect, and the public image address; tokens never appear on the page."""

from __future__ import annotations

import pytest
import responses
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner import config
from planner.db import session_scope
from planner.models import Account
from tests.people_helpers import signed_app
from tests.platform_helpers import X_CREDS, x_me


def _page() -> AppTest:
    at = signed_app(30).run()
    at.switch_page("planner/ui/accounts.py").run()
    assert not at.exception
    return at


def _everything_shown(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("markdown", "success", "error", "warning", "info", "caption")
        for e in getattr(at, kind)
    ]
    parts += [str(t.value) for t in at.text_input]
    return "\n".join(str(p) for p in parts)


def _connect_x(at: AppTest) -> AppTest:
    for field, value in X_CREDS.items():
        at.text_input(key=f"connect_{field}").input(value)
    at.checkbox(key="connect_dry").uncheck()
    return at.button(key="FormSubmitter:connect_form-Tes dan hubungkan").click().run()


@responses.activate
def test_connect_an_x_account(demo_db: str) -> None:
    x_me()
    at = _connect_x(_page())
    assert not at.exception
    assert any("Terhubung" in s.value for s in at.success)
    assert any("@perpuskotapkl" in m.value for m in at.markdown)
    shown = _everything_shown(at)
    assert not [s for s in X_CREDS.values() if s in shown]  # the form was cleared too
    with session_scope() as session:
        account = session.exec(select(Account).where(Account.is_sandbox == False)).one()  # noqa: E712
        assert account.handle == "@perpuskotapkl" and not account.dry_run


@responses.activate
def test_failed_connection_explains_and_stores_nothing(demo_db: str) -> None:
    x_me(status=401)
    at = _connect_x(_page())
    assert any("connection test failed" in e.value for e in at.error)
    assert not [s for s in X_CREDS.values() if s in _everything_shown(at)]
    with session_scope() as session:
        assert session.exec(select(Account).where(Account.is_sandbox == False)).all() == []  # noqa: E712


@responses.activate
def test_connect_form_names_the_empty_fields_by_their_labels(demo_db: str) -> None:
    at = _page()
    at.text_input(key="connect_consumer_key").input(X_CREDS["consumer_key"])
    at.button(key="FormSubmitter:connect_form-Tes dan hubungkan").click().run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith("Isi dulu: API key secret, Access token, Access token secret.")
    assert len(responses.calls) == 0  # nothing was sent to X
    assert X_CREDS["consumer_key"] not in _everything_shown(at)
    with session_scope() as session:
        assert session.exec(select(Account).where(Account.is_sandbox == False)).all() == []  # noqa: E712


@responses.activate
def test_dry_run_toggle_test_and_disconnect(demo_db: str) -> None:
    x_me(name="Perpus")
    at = _connect_x(_page())
    with session_scope() as session:
        account_id = session.exec(select(Account.id).where(Account.is_sandbox == False)).one()  # noqa: E712
    at.toggle(key=f"dry_{account_id}").set_value(True).run()
    assert not at.exception
    with session_scope() as session:
        assert session.get(Account, account_id).dry_run
    assert any("Uji coba" in m.value for m in at.markdown)
    at.button(key=f"test_{account_id}").click().run()
    assert any("@perpuskotapkl" in s.value for s in at.success)
    at.checkbox(key=f"confirm_{account_id}").check().run()
    at.button(key=f"disconnect_{account_id}").click().run()
    assert not at.exception
    with session_scope() as session:
        account = session.get(Account, account_id)
        assert account.status == "disconnected" and account.secrets is None


@pytest.mark.parametrize("base", [None, "https://media.perpus.example/p"])
def test_public_address_is_explained(demo_db: str, monkeypatch, base) -> None:
    if base:
        monkeypatch.setenv("PUBLIC_MEDIA_BASE_URL", base)
    else:
        monkeypatch.delenv("PUBLIC_MEDIA_BASE_URL", raising=False)
    config.reset_settings()
    at = _page()
    if base:
        assert any(base in s.value.replace("\\", "") for s in at.success)  # shown as text
    else:
        warnings = [w.value for w in at.warning]  # in the page language, not the log's English
        assert any("PUBLIC_MEDIA_BASE_URL belum diisi" in w for w in warnings), warnings
    assert any("PUBLIC_MEDIA_BASE_URL" in m.value for m in at.markdown)
