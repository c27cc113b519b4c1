"""AppTest: the post panel's "Perbarui angka" asks the platforms for a published post's
figures now (planner/ui/widgets/post_panel.py over planner/collecting.py)."""

from __future__ import annotations

from html import escape

from sqlmodel import func, select

from planner.db import session_scope
from planner.models import MetricSnapshot, Post, PostTarget
from tests.people_helpers import signed_app


def _published_post() -> tuple[int, int]:
    with session_scope() as session:
        post_id = session.exec(
            select(Post.id).where(Post.status == "published").order_by(Post.id.desc())
        ).first()
        targets = session.exec(
            select(func.count()).select_from(PostTarget).where(PostTarget.post_id == post_id)
        ).one()
    return post_id, targets


def _snapshots(post_id: int) -> list[str]:
    with session_scope() as session:
        return list(
            session.exec(
                select(MetricSnapshot.age_bucket)
                .join(PostTarget, PostTarget.id == MetricSnapshot.target_id)
                .where(PostTarget.post_id == post_id)
            )
        )


def test_refresh_figures_button_takes_snapshots_now(demo_db: str) -> None:
    post_id, targets = _published_post()
    before = _snapshots(post_id)
    at = signed_app(30).run()
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    button = at.button(key=f"refresh_{post_id}")
    assert button.label == "Perbarui angka"
    button.click().run()
    assert not at.exception
    shown = [s.value for s in at.success]
    assert f"Angka diperbarui: {targets} cuplikan unggahan, {targets} akun." in shown
    assert len(_snapshots(post_id)) == len(before) + targets


def test_the_button_speaks_english_and_waits_for_publishing(demo_db: str) -> None:
    post_id, _ = _published_post()
    at = signed_app(30).run()
    at.session_state["locale"] = "en"
    at.session_state["open_post"] = post_id
    at.switch_page("planner/ui/calendar.py").run()
    assert not at.exception
    labels = {b.key: b.label for b in at.button}
    assert labels.get(f"refresh_{post_id}") == "Refresh figures"
    with session_scope() as session:
        waiting = session.exec(select(Post.id).where(Post.status == "scheduled")).first()
    if waiting is not None:  # a post not yet out has nothing to count: no button
        at.session_state["open_post"] = waiting
        at.run()
        assert f"refresh_{waiting}" not in {b.key for b in at.button}


def test_compose_preview_shows_the_tagged_link(demo_db: str) -> None:
    at = signed_app(30).run()
    at.button[0].click().run()  # a draft from the first template
    template = at.session_state["draft"].template_id
    at.text_area(key="text_facebook").input(
        "Daftar di https://perpustakaan.pekalongankota.go.id/acara?id=7#form"
    ).run()
    assert not at.exception
    tagged = (
        "https://perpustakaan.pekalongankota.go.id/acara?id=7&utm_source=facebook"
        f"&utm_medium=social&utm_campaign={template}#form"
    )
    html = " ".join(h.proto.body for h in at.get("html"))
    assert escape(tagged) in html  # the Facebook card shows the link as it will go out
    assert any(tagged in c.value.replace("\\", "") for c in at.caption)
