"""Lesson files: the shipped ones load, broken ones are refused with file, line and reason."""

from __future__ import annotations

import pytest

from planner.config import get_settings
from planner.training.lessons import (
    LessonProblem,
    app_dir,
    load_file,
    load_lessons,
    load_text,
    shipped_dir,
)

GOOD = (shipped_dir() / "02-event-announcement.yaml").read_text(encoding="utf-8")


def test_the_shipped_lessons_load_in_both_languages() -> None:
    lessons, problems = load_lessons()
    assert problems == []
    assert len(lessons) >= 6
    for lesson in lessons:
        for locale in ("id", "en"):
            assert lesson.text("title", locale) and lesson.text("example", locale)
            assert lesson.text("goals", locale) and lesson.text("do", locale)
            assert lesson.text("dont", locale) and lesson.exercise.brief[locale]
    assert len({lesson.exercise.key for lesson in lessons}) == len(lessons)


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        (GOOD.replace("goals:\n", "goals: [\n", 1), None, "not valid YAML"),
        (GOOD.replace("id: event-announcement-basics", "id: Bad Id"), 1, "id must be"),
        (GOOD.replace("order: 2", "order: dua"), 2, "order must be a whole number"),
        (
            GOOD.replace("  platforms: [facebook, instagram]", "  platforms: [tiktok]"),
            51,
            "platforms",
        ),
        (
            GOOD.replace(
                "    - Tulis jam dengan zona waktu (09.00 WIB).\n", "    - Tulis jam: 09.00\n"
            ),
            33,
            "'do.id' must be a list of lines",
        ),
        (GOOD.replace("dont:", "larangan:"), 1, "missing 'dont'"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        (GOOD.replace("  announces_event: true", "  announces_event: ya"), 52, "true or false"),
    ],
)
def test_a_broken_lesson_is_refused_with_line_and_reason(content: str, line, reason: str) -> None:
    with pytest.raises(LessonProblem) as refused:
        load_text(content, "broken.yaml")
    assert refused.value.source == "broken.yaml"
    assert reason in refused.value.reason
    if line is not None:
        assert refused.value.line == line
    else:
        assert refused.value.line is not None


def test_a_broken_file_is_listed_and_the_good_ones_still_load(data_dir) -> None:
    folder = app_dir(get_settings())
    folder.mkdir(parents=True)
    (folder / "rusak.yaml").write_text("id: rusak\ntitle: [\n", encoding="utf-8")
    (folder / "biner.yaml").write_bytes(b"\xff\xfe\x00")
    lessons, problems = load_lessons()
    assert len(lessons) >= 6
    assert sorted(p.source for p in problems) == ["biner.yaml", "rusak.yaml"]
    assert "UTF-8" in next(p.reason for p in problems if p.source == "biner.yaml")


def test_a_trainers_copy_wins_over_the_shipped_lesson(data_dir) -> None:
    folder = app_dir(get_settings())
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(GOOD.replace("Mengumumkan acara", "Acara kita"), "utf-8")
    lesson = next(x for x in load_lessons()[0] if x.id == "event-announcement-basics")
    assert lesson.origin == "app" and lesson.title["id"].startswith("Acara kita")
    assert load_file(folder / "mine.yaml").exercise.needs_link is True


def test_a_trainer_saves_a_lesson_in_the_app_and_a_broken_one_is_refused(sqlite_db) -> None:
    from planner.db import session_scope
    from planner.people.roles import PermissionDenied
    from planner.training.lessons import save_lesson
    from tests.people_helpers import make_user

    trainer, trainee = make_user("trainer"), make_user("trainee")
    with session_scope() as session:
        saved = save_lesson(session, GOOD.replace("order: 2", "order: 7"), actor=trainer)
    assert (saved.origin, saved.order) == ("app", 7)
    assert (app_dir(get_settings()) / "event-announcement-basics.yaml").is_file()
    with pytest.raises(LessonProblem) as refused, session_scope() as session:
        save_lesson(session, GOOD.replace("order: 2", "order: x"), actor=trainer)
    assert refused.value.line == 2
    with pytest.raises(PermissionDenied), session_scope() as session:
        save_lesson(session, GOOD, actor=trainee)
    assert [x.order for x in load_lessons()[0] if x.id == "event-announcement-basics"] == [7]
