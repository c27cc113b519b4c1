"""What pages ask on every run is cached, and each cache lets a change show at once.

bench/pages.py measures the gain (docs/performance.md); these tests hold the invalidation:
a lesson saved in the app, a demo password changed, an image file replaced.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from planner.db import session_scope
from planner.people.demo_accounts import ensure_demo_people, still_demo
from planner.people.passwords import hash_password
from planner.people.users import find_user
from planner.previews import build_preview, preview_html
from planner.training.lessons import load_lessons, save_lesson, shipped_dir
from tests.people_helpers import make_user

GOOD = (shipped_dir() / "02-event-announcement.yaml").read_text(encoding="utf-8")


def _order(lesson_id: str) -> int:
    return next(lesson.order for lesson in load_lessons()[0] if lesson.id == lesson_id)


def test_a_lesson_saved_in_the_app_shows_on_the_next_run(sqlite_db) -> None:
    assert _order("event-announcement-basics") == 2
    assert load_lessons() == load_lessons()  # the same answer from the cache
    with session_scope() as session:
        save_lesson(session, GOOD.replace("order: 2", "order: 7"), actor=make_user("trainer"))
    assert _order("event-announcement-basics") == 7
    with session_scope() as session:
        save_lesson(session, GOOD.replace("order: 2", "order: 8"), actor=make_user("trainer"))
    assert _order("event-announcement-basics") == 8  # written again within the same second


def test_a_demo_password_changed_is_no_longer_demo_at_once(sqlite_db) -> None:
    with session_scope() as session:
        ensure_demo_people(session)
    with session_scope() as session:
        staff = find_user(session, "staf")
        assert still_demo(staff) and still_demo(staff)  # the second answer from the cache
        staff.password_hash = hash_password("kata-sandi-baru-99")
        session.add(staff)
    with session_scope() as session:
        assert not still_demo(find_user(session, "staf"))


def test_a_replaced_image_file_gives_a_new_preview(tmp_path: Path) -> None:
    picture = tmp_path / "poster.jpg"
    preview = build_preview("instagram", "Halo", locale="id", image_size=(1080, 1350))
    Image.new("RGB", (1080, 1350), "red").save(picture)
    red = preview_html(preview, account="perpus", image=picture, alt_text="poster")
    assert red == preview_html(preview, account="perpus", image=picture, alt_text="poster")
    Image.new("RGB", (1080, 1350), "blue").save(picture, quality=50)
    blue = preview_html(preview, account="perpus", image=picture, alt_text="poster")
    assert blue != red
