"""Roles enforced in the services: every role × every action against the real services.

One table maps each Action to a call of the service that performs it; the test runs it as
each role on a real SQLite database and expects exactly what PERMISSIONS says (allowed, or
PermissionDenied with a refusal in the audit log). An Action without an entry fails the
meta-test, so a new action cannot arrive untested.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, col, func, select

from planner import config, db
from planner.db import session_scope
from planner.imaging.brand import DEFAULT_BRAND
from planner.models import Account, AuditEntry, Notification, Post, PostTarget, Role
from planner.people.actors import Actor
from planner.people.roles import PERMISSIONS, Action, PermissionDenied
from planner.scheduling import PostCreate, PostUpdate
from tests.factories import add_event, add_sandbox_accounts
from tests.people_helpers import ADMIN, ROLE_USERS, make_user
from tests.test_media import GOOD, photo_bytes

ROLES = [r.value for r in Role]
LATER = datetime.now(UTC) + timedelta(days=3)
_sizes = iter(range(600, 2000))


def fresh_photo() -> bytes:
    """A photo no earlier case stored (an upload of known bytes is not stored twice)."""
    return photo_bytes((900, next(_sizes)))


@dataclass
class World:
    """What the calls act on: sandbox accounts, a live one, an event and the people."""

    sandbox: list[int]
    live: int
    event: int
    people: dict[str, Actor]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One migrated SQLite database for the whole table (each case makes its own objects)."""
    folder = tmp_path_factory.mktemp("permissions") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANNER_DATA_DIR", str(folder))
        mp.delenv("DATABASE_URL", raising=False)
        mp.delenv("PLANNER_DATABASE_URL", raising=False)
        mp.setenv("PLANNER_EMBEDDED_WORKER", "false")
        config.reset_settings()
        db.migrate(config.get_settings().db_url)
        with session_scope() as session:
            sandbox = [a.id for a in add_sandbox_accounts(session)]
            live = Account(platform="x", name="Perpus X", handle="@perpus", is_sandbox=False)
            session.add(live)
            session.flush()
            event = add_event(session, starts_at=datetime.now(UTC) + timedelta(days=20)).id
            live_id = live.id
        people = {role: make_user(role) for role in ROLES}
        yield World(sandbox, live_id, event, people)
        db.dispose_engines()
    config.reset_settings()


def own_post(w: World, actor: Actor, *, failed: bool = False) -> int:
    """A post by `actor` into the sandbox X account (a target that failed, when asked)."""
    from planner.scheduling import schedule_post

    with session_scope() as session:
        data = PostCreate(texts={"x": "Halo"}, account_ids=[w.sandbox[0]], due_at=LATER)
        post = schedule_post(session, actor=ADMIN, data=data)
        post.author_id = actor.id
        if failed:
            target = session.exec(select(PostTarget).where(PostTarget.post_id == post.id)).one()
            target.status = "failed"
        return post.id


def _target_of(post_id: int) -> int:
    with session_scope() as session:
        return session.exec(select(PostTarget.id).where(PostTarget.post_id == post_id)).one()


# -- one call per Action: (world, actor, session) -> anything; PermissionDenied when refused --


def _draft(w: World, a: Actor, s: Session) -> object:
    from planner.drafting import make_draft

    return make_draft(s, "event-announcement", actor=a, event_id=w.event)


def _edit(w: World, a: Actor, s: Session) -> object:
    from planner.scheduling import edit_post

    return edit_post(s, own_post(w, a), PostUpdate(title="Baru"), actor=a)


def _schedule(w: World, a: Actor, s: Session) -> object:
    from planner.people.policy import load_policy
    from planner.review import decisions, drafts
    from planner.scheduling import SchedulingError, schedule_post

    data = PostCreate(texts={"x": "Halo"}, account_ids=[w.sandbox[0]], due_at=LATER)
    if not load_policy(s).needs_review(a.role):
        return schedule_post(s, actor=a, data=data)
    # The role may schedule, but a trainee's post goes out only once approved (docs/review.md):
    # scheduling it directly is refused by that rule, not by the permission table.
    with pytest.raises(SchedulingError, match="approved"), s.begin_nested():
        schedule_post(s, actor=a, data=data)
    post = drafts.save_draft(s, actor=a, data=data)
    return decisions.submit(s, actor=a, post_id=post.id)


def _in_review(w: World, author: Actor) -> int:
    """A practice post by `author` (sandbox only), waiting for review."""
    from planner.review import decisions, drafts

    with session_scope() as session:
        data = PostCreate(texts={"x": "Halo"}, account_ids=[w.sandbox[0]], due_at=LATER)
        post = drafts.save_draft(session, actor=author, data=data)
        decisions.submit(session, actor=author, post_id=post.id)
        return post.id


def _submit(w: World, a: Actor, s: Session) -> object:
    from planner.review import decisions, drafts

    data = PostCreate(texts={"x": "Halo"}, account_ids=[w.sandbox[0]], due_at=LATER)
    post = drafts.save_draft(s, actor=a, data=data)
    return decisions.submit(s, actor=a, post_id=post.id)


def _comment(w: World, a: Actor, s: Session) -> object:
    from planner.review.comments import add_comment

    return add_comment(s, actor=a, post_id=own_post(w, a), body="Sudah bagus.")


def _approve(w: World, a: Actor, s: Session) -> object:
    from planner.review import decisions

    post_id = _in_review(w, make_user("trainee", "peserta-lain"))
    return decisions.approve(s, actor=a, post_id=post_id)


def _approve_campaign(w: World, a: Actor, s: Session) -> object:
    from planner.models import Campaign
    from planner.review import decisions

    post_id = _in_review(w, make_user("trainee", "peserta-lain"))
    with session_scope() as session:
        campaign = Campaign(name="Dongeng")
        session.add(campaign)
        session.flush()
        session.get(Post, post_id).campaign_id = campaign.id
        campaign_id = campaign.id
    return decisions.approve_campaign(s, actor=a, campaign_id=campaign_id)


def _reschedule(w: World, a: Actor, s: Session) -> object:
    from planner.scheduling import reschedule_post

    return reschedule_post(s, own_post(w, a), LATER + timedelta(hours=1), actor=a)


def _cancel(w: World, a: Actor, s: Session) -> object:
    from planner.scheduling import cancel_post

    return cancel_post(s, own_post(w, a), actor=a)


def _delete(w: World, a: Actor, s: Session) -> object:
    from planner.scheduling import delete_post

    return delete_post(s, own_post(w, a), actor=a)


def _retry(w: World, a: Actor, s: Session) -> object:
    from planner.publishing.attention import resend_target

    return resend_target(s, _target_of(own_post(w, a, failed=True)), actor=a)


def _campaign(w: World, a: Actor, s: Session) -> object:
    from planner.campaigns import plan_campaign, schedule_campaign

    with session_scope() as admin:
        plan = plan_campaign(admin, "event-announcement", w.event, actor=ADMIN)
    return schedule_campaign(s, plan, actor=a, account_ids=[w.sandbox[1]])


def _series(w: World, a: Actor, s: Session) -> object:
    from planner.recurrence import SeriesContent, SeriesRule, create_series

    return create_series(
        s,
        name="Rekomendasi",
        first_at=LATER,
        rule=SeriesRule(freq="weekly"),
        content=SeriesContent(texts={"x": "Buku pekan ini"}),
        account_ids=[w.sandbox[0]],
        actor=a,
    )


def _import_posts(w: World, a: Actor, s: Session) -> object:
    from planner.importing.posts import import_posts

    day = LATER.date().isoformat()
    sheet = f"date,time,accounts,text\n{day},10:17,Sandbox x,Impor {a.username}\n"
    report = import_posts(sheet, actor=a)
    assert [r.status for r in report.rows] == ["scheduled"], report.rows[0].errors
    return report


def _sources(w: World, a: Actor, s: Session) -> object:
    from planner.sources import EventIn, save_event

    data = EventIn(title=f"Kelas {a.username}", starts_at=LATER, place="Aula")
    return save_event(s, data, config.get_settings().tz, actor=a)


def _upload(w: World, a: Actor, s: Session) -> object:
    from planner.media import upload_image

    return upload_image(s, fresh_photo(), "foto.jpg", actor=a)


def _edit_media(w: World, a: Actor, s: Session) -> object:
    from planner.media import set_alt_text, store_image

    asset = store_image(s, GOOD, original_name="foto.jpg")
    s.commit()
    return set_alt_text(s, asset.id, "Anak-anak membaca", actor=a)


def _render(w: World, a: Actor, s: Session) -> object:
    from planner.media import save_render

    return save_render(s, GOOD, actor=a, alt_text="Poster")


def _templates(w: World, a: Actor, s: Session) -> object:
    from planner.templates.store import duplicate_template

    return duplicate_template(s, "event-announcement", f"salinan-{a.username}", actor=a)


def _brand(w: World, a: Actor, s: Session) -> object:
    from planner.brand_kit import save_brand

    return save_brand(s, DEFAULT_BRAND, actor=a)


def _accounts(w: World, a: Actor, s: Session) -> object:
    from planner.accounts import set_dry_run

    return set_dry_run(s, w.live, True, actor=a)


def _sandbox_accounts(w: World, a: Actor, s: Session) -> object:
    from planner.accounts import add_sandbox_account

    return add_sandbox_account(s, actor=a, platform="facebook", name=f"Latihan {a.username}")


def _slots(w: World, a: Actor, s: Session) -> object:
    from planner.slots import set_slots

    return set_slots(s, w.sandbox[2], [(0, "09:00")], actor=a)


def _users(w: World, a: Actor, s: Session) -> object:
    from planner.people.users import add_user

    return add_user(s, a, f"baru-{a.username}", "staff", "kata-sandi-baru-987")


def _settings(w: World, a: Actor, s: Session) -> object:
    from planner.people.policy import Policy, save_policy

    return save_policy(s, a, Policy(staff_need_approval=False))


def _view_all(w: World, a: Actor, s: Session) -> object:
    from planner.calendar import entries

    theirs = own_post(w, make_user("staff", "penulis-lain"))
    seen = {
        e.post_id
        for e in entries(s, LATER - timedelta(days=1), LATER + timedelta(days=1), viewer=a)
    }
    if theirs not in seen:
        raise PermissionDenied(a, Action.VIEW_ALL_POSTS)
    return seen


def _refresh(w: World, a: Actor, s: Session) -> object:
    from planner.collecting import refresh_figures

    return refresh_figures(actor=a, post_id=own_post(w, a))


def _inbox(w: World, a: Actor, s: Session) -> object:
    from planner.notify import mark_read

    s.add(Notification(message="Ada kabar"))
    s.commit()
    return mark_read(s, actor=a)


def _indicators(w: World, a: Actor, s: Session) -> object:
    from planner.evaluation.indicators.service_use import ServiceFigures, set_service_month

    visits = next(_sizes)  # a new figure each call, so each allowed call changes (and audits)
    figures = ServiceFigures("2026-11", visits=visits)
    return set_service_month(s, figures, actor=a, zone=config.get_settings().tz)


SERVICES: dict[Action, Callable[[World, Actor, Session], object]] = {
    Action.DRAFT_POST: _draft,
    Action.EDIT_POST: _edit,
    Action.SCHEDULE_POST: _schedule,
    Action.RESCHEDULE_POST: _reschedule,
    Action.CANCEL_POST: _cancel,
    Action.DELETE_POST: _delete,
    Action.RETRY_POST: _retry,
    Action.PLAN_CAMPAIGN: _campaign,
    Action.MANAGE_SERIES: _series,
    Action.IMPORT_POSTS: _import_posts,
    Action.EDIT_SOURCES: _sources,
    Action.RECORD_INDICATORS: _indicators,
    Action.UPLOAD_MEDIA: _upload,
    Action.EDIT_MEDIA: _edit_media,
    Action.RENDER_IMAGE: _render,
    Action.EDIT_TEMPLATES: _templates,
    Action.EDIT_BRAND: _brand,
    Action.MANAGE_ACCOUNTS: _accounts,
    Action.MANAGE_SANDBOX_ACCOUNTS: _sandbox_accounts,
    Action.MANAGE_SLOTS: _slots,
    Action.MANAGE_USERS: _users,
    Action.EDIT_SETTINGS: _settings,
    Action.VIEW_ALL_POSTS: _view_all,
    Action.READ_INBOX: _inbox,
    Action.REFRESH_METRICS: _refresh,
    Action.SUBMIT_POST: _submit,
    Action.COMMENT_POST: _comment,
    Action.APPROVE_POST: _approve,
    Action.APPROVE_CAMPAIGN: _approve_campaign,
}
# Actions whose services are built on other branches (audit and dashboard pages): each names
# where, and moves into SERVICES when that work lands here.
ELSEWHERE: dict[Action, str] = {
    Action.VIEW_AUDIT: "audit log page",
    Action.VIEW_DASHBOARD: "page gate (tests/test_app_roles.py)",
}
# Not audited when allowed: reading, and marking the shared inbox read (planner/notify.py).
UNAUDITED = {Action.VIEW_ALL_POSTS, Action.READ_INBOX}


def test_every_action_has_a_service_call_in_the_table() -> None:
    assert set(SERVICES) | set(ELSEWHERE) == set(Action)
    assert not set(SERVICES) & set(ELSEWHERE)


def _audit_count(actor: Actor, action: Action, outcome: str) -> int:
    with session_scope() as session:
        query = (
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.actor_id == actor.id, AuditEntry.outcome == outcome)
        )
        if outcome == "denied":
            query = query.where(AuditEntry.action == action.value)
        return session.exec(query).one()


@pytest.mark.parametrize("action", list(SERVICES), ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_role_may_do_exactly_what_the_table_says(world: World, role: str, action: Action) -> None:
    actor = world.people[role]
    allowed = action in PERMISSIONS[role]
    outcome = "ok" if allowed else "denied"
    before = _audit_count(actor, action, outcome)
    if allowed:
        with session_scope() as session:
            SERVICES[action](world, actor, session)
    else:
        with pytest.raises(PermissionDenied) as refused, session_scope() as session:
            SERVICES[action](world, actor, session)
        assert refused.value.text("id") and refused.value.text("en")
    if allowed and action in UNAUDITED:
        return
    if action != Action.VIEW_ALL_POSTS:  # a hidden post is not a refusal to log
        assert _audit_count(actor, action, outcome) > before, f"no {outcome} audit entry"


# -- a trainee never reaches a live account, by any path --------------------------------


def _live_paths(w: World) -> dict[str, Callable[[Actor, Session], object]]:
    from planner.campaigns import plan_campaign, schedule_campaign
    from planner.recurrence import SeriesContent, SeriesRule, create_series
    from planner.scheduling import schedule_post
    from planner.slots import add_to_queue

    both = [w.sandbox[0], w.live]
    data = PostCreate(texts={"x": "Halo"}, account_ids=both, due_at=LATER)

    def campaign(a: Actor, s: Session) -> object:
        with session_scope() as admin:
            plan = plan_campaign(admin, "event-announcement", w.event, actor=ADMIN)
        return schedule_campaign(s, plan, actor=a, account_ids=both)

    return {
        "schedule": lambda a, s: schedule_post(s, actor=a, data=data),
        "queue": lambda a, s: add_to_queue(s, data, actor=a),
        "campaign": campaign,
        "series": lambda a, s: create_series(
            s,
            name="Seri",
            first_at=LATER,
            rule=SeriesRule(freq="weekly"),
            content=SeriesContent(texts={"x": "Halo"}),
            account_ids=both,
            actor=a,
        ),
    }


@pytest.mark.parametrize("path", ["schedule", "queue", "campaign", "series"])
@pytest.mark.parametrize("role", ["trainee", "trainer"])
def test_sandbox_roles_never_reach_a_live_account(world: World, role: str, path: str) -> None:
    actor = world.people[role]
    with session_scope() as session:
        posts_before = session.exec(select(func.count()).select_from(Post)).one()
    with pytest.raises(PermissionDenied) as refused, session_scope() as s:
        _live_paths(world)[path](actor, s)
    # Neither role may plan campaigns or series at all; scheduling is refused for the account.
    reason = "live_account" if path in ("schedule", "queue") else ""
    assert refused.value.reason == reason
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Post)).one() == posts_before
        denied = session.exec(
            select(AuditEntry)
            .where(AuditEntry.actor_id == actor.id, AuditEntry.outcome == "denied")
            .order_by(col(AuditEntry.id).desc())
        ).first()
        assert denied is not None and denied.detail["reason"] == (reason or "role")


def test_staff_may_use_the_live_account(world: World) -> None:
    from planner.scheduling import schedule_post

    staff = world.people["staff"]
    with session_scope() as session:
        data = PostCreate(texts={"x": "Halo"}, account_ids=[world.live], due_at=LATER)
        post = schedule_post(session, actor=staff, data=data)
        assert (post.author_id, post.author) == (staff.id, ROLE_USERS["staff"])


def test_trainee_import_naming_a_live_account_is_refused(world: World) -> None:
    from planner.importing.posts import import_posts

    sheet = f"date,time,accounts,text\n{LATER.date()},11:00,Perpus X,Halo\n"
    with pytest.raises(PermissionDenied):
        import_posts(sheet, actor=world.people["trainee"])


# -- OWN scope: a trainee changes only their own posts ----------------------------------


@pytest.mark.parametrize("verb", ["edit", "reschedule", "cancel", "delete"])
def test_trainee_changes_only_their_own_posts(world: World, verb: str) -> None:
    from planner.scheduling import cancel_post, delete_post, edit_post, reschedule_post

    calls = {
        "edit": lambda s, p, a: edit_post(s, p, PostUpdate(title="Diubah"), actor=a),
        "reschedule": lambda s, p, a: reschedule_post(s, p, LATER + timedelta(hours=2), actor=a),
        "cancel": lambda s, p, a: cancel_post(s, p, actor=a),
        "delete": lambda s, p, a: delete_post(s, p, actor=a),
    }
    trainee, other = world.people["trainee"], make_user("trainee", "tia-lain")
    theirs, legacy = own_post(world, other), own_post(world, ADMIN)  # ADMIN: no author_id
    for post_id in (theirs, legacy):
        with pytest.raises(PermissionDenied, match="own work"), session_scope() as s:
            calls[verb](s, post_id, trainee)
    with session_scope() as s:
        calls[verb](s, own_post(world, trainee), trainee)
    staff = world.people["staff"]  # staff (ANY) change anyone's
    with session_scope() as s:
        calls[verb](s, theirs, staff)


# -- the audit log says who did what -----------------------------------------------------


def test_audit_names_each_kind_of_change(world: World) -> None:
    from planner.scheduling import cancel_post, delete_post, edit_post, reschedule_post

    staff = world.people["staff"]
    first, second = own_post(world, staff), own_post(world, staff)
    with session_scope() as s:
        edit_post(s, first, PostUpdate(title="Diubah"), actor=staff)
    with session_scope() as s:
        reschedule_post(s, first, LATER + timedelta(hours=3), actor=staff)
    with session_scope() as s:
        cancel_post(s, first, actor=staff)
    with session_scope() as s:
        delete_post(s, second, actor=staff)
    with session_scope() as s:
        rows = s.exec(select(AuditEntry).where(AuditEntry.actor_id == staff.id)).all()
    by_object = {(r.action, r.object_id) for r in rows}
    assert {
        ("post.edit", str(first)),
        ("post.reschedule", str(first)),
        ("post.cancel", str(first)),
        ("post.delete", str(second)),
    } <= by_object
    assert all(r.actor_name == ROLE_USERS["staff"] for r in rows)


def test_a_trainee_sees_only_their_own_posts(world: World) -> None:
    from planner.calendar import entries, filter_options, post_detail, upcoming

    trainee, staff = world.people["trainee"], world.people["staff"]
    mine, theirs = own_post(world, trainee), own_post(world, staff)
    start, end = LATER - timedelta(days=1), LATER + timedelta(days=1)
    with session_scope() as s:
        seen = {e.post_id for e in entries(s, start, end, viewer=trainee)}
        assert mine in seen and theirs not in seen
        assert {p.id for _, p, _ in upcoming(s, 500, viewer=trainee)} <= seen | {mine}
        assert list(filter_options(s, viewer=trainee)["authors"]) == [trainee.id]
        assert post_detail(s, theirs, viewer=trainee) is None
        assert post_detail(s, theirs, viewer=staff) is not None


def test_new_work_records_who_made_it(world: World) -> None:
    from planner.media import upload_image

    staff = world.people["staff"]
    with session_scope() as s:
        upload = upload_image(s, fresh_photo(), "baru.jpg", actor=staff)
        assert upload.asset.uploaded_by_id == staff.id
    with session_scope() as s:  # (planning opens its own session first: SQLite's one writer)
        campaign, posts = _campaign(world, staff, s)
        assert campaign.created_by_id == staff.id
        assert {p.author_id for p in posts} == {staff.id}
    with session_scope() as s:
        series = _series(world, staff, s)
        assert series.created_by_id == staff.id
        made = s.exec(select(Post).where(Post.series_id == series.id)).all()
        assert made and {p.author_id for p in made} == {staff.id}


def test_series_posts_made_later_by_the_worker_keep_their_author(world: World) -> None:
    from planner.recurrence import materialize_all

    staff = world.people["staff"]
    with session_scope() as s:
        series_id = _series(world, staff, s).id
    assert materialize_all(datetime.now(UTC) + timedelta(days=30)) > 0  # acts as SYSTEM
    with session_scope() as s:
        made = s.exec(select(Post).where(Post.series_id == series_id)).all()
        assert len(made) > 1 and {p.author_id for p in made} == {staff.id}
        by_system = s.exec(
            select(AuditEntry).where(
                AuditEntry.actor_name == "system", AuditEntry.action == "post.schedule"
            )
        ).all()
        assert by_system  # the log says the worker made them, the post says for whom


# -- the command line acts as a named person ---------------------------------------------


def test_cli_names_the_person_and_refuses_what_their_role_may_not(tmp_path) -> None:
    from tests.people_helpers import cli_user
    from tests.test_cli import _one_error_line, planner

    data = tmp_path / "data"
    assert planner("demo", data_dir=data).returncode == 0
    tia = cli_user(data, "trainee")
    sheet = tmp_path / "posts.csv"
    sheet.write_text(f"date,time,accounts,text\n{LATER.date()},09:00,1,Halo\n")
    for args in (
        ("campaign", "--template", "event-announcement", "--event", "4", "--schedule"),
        (
            "series",
            "add",
            "--name",
            "S",
            "--text",
            "Halo",
            "--accounts",
            "1",
            "--first",
            "2030-01-04 09:00",
        ),
        ("import", "posts", str(sheet)),
        ("slots", "set", "1", "Mon 09:00"),
    ):
        run = planner(*args, data_dir=data, env=tia)
        assert run.returncode == 1, (args, run.stdout)
        assert "Trainee role may not" in _one_error_line(run.stderr), args
    missing = planner("cancel", "1", data_dir=data)
    assert "--as NAME or PLANNER_USER" in _one_error_line(missing.stderr)
    unknown = planner("--as", "siapa", "cancel", "1", data_dir=data)
    assert "no user 'siapa'" in _one_error_line(unknown.stderr)
    queue = planner("--as", "tia", "queue", "--json", data_dir=data)
    assert queue.returncode == 0 and json.loads(queue.stdout) == {"items": []}  # none of hers
