"""Pages per role: controls a role may not use are not offered (the services refuse anyway).

Each test signs an AppTest in as one role over the demo data plus one live account, opens a
page and looks for the controls by key. tests/test_permissions.py shows the services refuse
the same things when asked directly.
"""

from __future__ import annotations

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.db import session_scope
from planner.models import Account, Post
from planner.scheduling import PostCreate, schedule_post
from tests.people_helpers import app_as, make_user

LIVE = "Perpus Live X"


@pytest.fixture
def with_live(demo_db: str) -> int:
    """The demo (sandbox accounts only) plus one live X account; its id."""
    with session_scope() as session:
        live = Account(platform="x", name=LIVE, handle="@perpus_live", is_sandbox=False)
        session.add(live)
        session.flush()
        return live.id


def _keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button if b.key} | {
        f.key for f in at.get("form_submit_button") if getattr(f, "key", None)
    }


def _texts(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.info, *at.caption, *at.markdown])


def _picker_options(role: str) -> list[str]:
    at = app_as(role)
    at.button[0].click().run()  # Buat draf
    assert not at.exception
    return list(at.multiselect(key="accounts_single").options)


def test_trainee_is_offered_sandbox_accounts_only(with_live: int) -> None:
    options = _picker_options("trainee")
    assert options and not [o for o in options if "perpus_live" in o]
    assert "@perpus_live" in " ".join(_picker_options("staff"))


def test_trainee_compose_has_no_campaign_planning(with_live: int) -> None:
    at = app_as("trainee")
    assert "plan_campaign_btn" not in _keys(at)
    assert "akun latihan" in _texts(at)  # says why only training accounts are listed


@pytest.mark.parametrize(
    ("role", "connect", "test_live", "test_sandbox"),
    [
        ("admin", True, True, True),
        ("manager", False, False, True),
        ("staff", False, False, False),
        ("trainer", False, False, True),
        ("trainee", False, False, False),
    ],
)
def test_accounts_page_offers_connection_controls_by_role(
    with_live: int, role: str, connect: bool, test_live: bool, test_sandbox: bool
) -> None:
    at = app_as(role, "planner/ui/accounts.py")
    assert not at.exception
    keys = {b.key for b in at.button}
    assert (f"test_{with_live}" in keys) is test_live
    assert (f"disconnect_{with_live}" in keys) is test_live
    assert ("test_1" in keys) is test_sandbox
    assert bool([t for t in at.get("toggle") if t.key == f"dry_{with_live}"]) is test_live
    connect_form = [s for s in at.selectbox if s.key == "connect_platform"]
    assert bool(connect_form) is connect
    if not connect:
        assert "Hanya admin" in _texts(at)


@pytest.mark.parametrize(
    "page",
    [
        "planner/ui/dashboard.py",
        "planner/ui/report.py",
        "planner/ui/settings.py",
        "planner/ui/planning.py",
        "planner/ui/inbox.py",
    ],
)
def test_pages_not_for_trainees_are_left_out_of_their_menu(demo_db: str, page: str) -> None:
    at = app_as("trainee")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)
    staff = app_as("staff", page)
    assert not staff.exception and "bukan untuk peran Anda" not in _texts(staff)


def test_trainee_reads_sources_templates_and_brand_without_edit_controls(demo_db: str) -> None:
    sources = app_as("trainee", "planner/ui/sources.py")
    assert not sources.exception and "tidak dapat mengubahnya" in _texts(sources)
    assert not [t for t in sources.text_input if t.key == "item_search"]
    templates = app_as("trainee", "planner/ui/templates.py")
    assert not templates.exception
    assert not {"create_template_btn", "save_btn", "duplicate_btn"} & _keys(templates)
    assert "export_btn" in {d.key for d in templates.get("download_button")}
    brand = app_as("staff", "planner/ui/brand.py")
    assert "brand_save" not in _keys(brand) and "brand_reset" not in _keys(brand)
    assert "brand_save" in _keys(app_as("manager", "planner/ui/brand.py"))


def test_media_editing_needs_the_right(demo_db: str) -> None:
    trainee = app_as("trainee", "planner/ui/media.py")
    assert not trainee.exception
    assert not [b for b in trainee.button if b.key.startswith(("media_save_", "media_delete_"))]
    staff = app_as("staff", "planner/ui/media.py")
    assert [b for b in staff.button if b.key.startswith("media_delete_")]


def _post_by(username: str, role: str) -> int:
    from datetime import UTC, datetime, timedelta

    from planner.review import decisions, drafts

    actor = make_user(role, username)
    reviewer = make_user("manager")
    with session_scope() as session:
        sandbox = session.exec(select(Account).where(Account.is_sandbox)).first()
        data = PostCreate(
            texts={"x": "Halo"},
            account_ids=[sandbox.id],
            due_at=datetime.now(UTC) + timedelta(days=2),
            title=f"Unggahan {username}",
        )
        if role != "trainee":
            return schedule_post(session, actor=actor, data=data).id
        # A trainee's post is scheduled once a reviewer approves it (docs/review.md).
        post_id = drafts.save_draft(session, actor=actor, data=data).id
        decisions.submit(session, actor=actor, post_id=post_id)
        decisions.approve(session, actor=reviewer, post_id=post_id)
        return post_id


def _opened(role: str, post_id: int) -> AppTest:
    from tests.people_helpers import signed_app

    at = signed_app(30, role)
    at.session_state["open_post"] = post_id
    at.run()
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    return at


def test_calendar_offers_changes_to_a_trainee_on_their_own_posts_only(demo_db: str) -> None:
    mine = _post_by("tia", "trainee")
    theirs = _post_by("sari", "staff")
    own = _keys(_opened("trainee", mine))
    assert {f"cancel_{mine}", f"delete_{mine}"} <= own
    other = _opened("trainee", theirs)
    assert f"cancel_{theirs}" not in _keys(other)  # not even shown: not hers
    staff = _keys(_opened("staff", theirs))
    assert {f"cancel_{theirs}", f"delete_{theirs}"} <= staff
    sari = make_user("staff", "sari")
    with session_scope() as session:
        assert session.get(Post, theirs).author_id == sari.id


def test_a_trainer_adds_a_training_account_for_trainees(demo_db: str) -> None:
    at = app_as("trainer", "planner/ui/accounts.py")
    at.text_input(key="sandbox_name").input("Latihan Kelas A")
    at.get("form_submit_button")[-1].click().run()  # the sandbox form is the last one shown
    assert not at.exception
    with session_scope() as session:
        added = session.exec(select(Account).where(Account.name == "Latihan Kelas A")).one()
        assert added.is_sandbox
    assert "sandbox_platform" not in {
        s.key for s in app_as("staff", "planner/ui/accounts.py").selectbox
    }
