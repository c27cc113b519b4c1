"""Lessons: short bilingual YAML files, read as safely as templates and refused with file, line
and reason when broken.

Shipped lessons live in `<templates_dir>/lessons/`; lessons a trainer adds or edits in the app
are written as files to `<data_dir>/lessons/` (same format, same checks) and win over a shipped
lesson with the same id, so an upgrade never overwrites a trainer's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from planner.config import Settings, get_settings
from planner.limits import PLATFORMS
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.templates.files import folder_stamp
from planner.templates.model import ID_PATTERN, LANGUAGES, TemplateProblem

LessonProblem = TemplateProblem  # same shape: source, line, reason
TEXT_LISTS = ("goals", "do", "dont")
MAX_LESSON_BYTES = 64 * 1024
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")


@dataclass(frozen=True)
class ExerciseSpec:
    """The exercise a lesson ends with (becomes a TrainingExercise row)."""

    key: str
    brief: dict[str, str]
    platforms: tuple[str, ...]
    announces_event: bool = False
    needs_link: bool = False


@dataclass(frozen=True)
class Lesson:
    id: str
    order: int
    title: dict[str, str]
    goals: dict[str, list[str]]
    example: dict[str, str]
    do: dict[str, list[str]]
    dont: dict[str, list[str]]
    exercise: ExerciseSpec
    source: str
    origin: str = "file"  # file (shipped) | app (a trainer's)
    see_also: str = ""  # a page to open, e.g. the dashboard's best times
    extra: dict[str, Any] = field(default_factory=dict)

    def text(self, part: str, locale: str) -> Any:
        """One part ('title', 'goals', …) in `locale`, falling back to Indonesian."""
        values = getattr(self, part)
        return values.get(locale) or values["id"]


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _line(root: yaml.Node | None, *path: str) -> int | None:
    """The 1-based file line of the node at `path` (or of the deepest part that exists)."""
    node, found = root, None
    for key in path:
        node = _child(node, key)
        if node is None:
            break
        found = node
    return found.start_mark.line + 1 if found is not None else None


def _bilingual(data: dict, root: yaml.Node, source: str, key: str, kind: type) -> dict:
    value = data.get(key)
    if not isinstance(value, dict) or not value.get("id"):
        raise LessonProblem(
            source, f"'{key}' needs at least the Indonesian ('id') text", _line(root, key)
        )
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise LessonProblem(
            source, f"unknown language(s) in '{key}': {', '.join(unknown)}", _line(root, key)
        )
    for lang, text in value.items():
        line = _line(root, key, lang)
        if kind is list:
            bad = [
                i for i, item in enumerate(text) if not isinstance(item, str) or not item.strip()
            ]
            ok = isinstance(text, list) and text and not bad
            items = _child(_child(root, key), lang)
            if bad and isinstance(items, yaml.SequenceNode):
                line = items.value[bad[0]].start_mark.line + 1  # the item itself
        else:
            ok = isinstance(text, str) and text.strip()
        if not ok:
            what = "a list of lines" if kind is list else "text"
            raise LessonProblem(source, f"'{key}.{lang}' must be {what}", line)
    return {lang: list(v) if kind is list else v.strip() for lang, v in value.items()}


def _exercise(data: dict, root: yaml.Node, source: str) -> ExerciseSpec:
    raw = data.get("exercise")
    if not isinstance(raw, dict):
        raise LessonProblem(
            source,
            "'exercise' must say the exercise (key, brief, platforms)",
            _line(root, "exercise"),
        )
    key = str(raw.get("key", ""))
    if not _KEY.match(key):
        raise LessonProblem(
            source,
            "exercise key must be 3–80 lower case letters, digits and hyphens",
            _line(root, "exercise", "key"),
        )
    brief = _bilingual(raw, _child(root, "exercise"), source, "brief", str)
    platforms = raw.get("platforms")
    if (
        not isinstance(platforms, list)
        or not platforms
        or any(p not in PLATFORMS for p in platforms)
    ):
        raise LessonProblem(
            source,
            f"exercise platforms must be a list of {', '.join(PLATFORMS)}",
            _line(root, "exercise", "platforms"),
        )
    flags = {}
    for flag in ("announces_event", "needs_link"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            raise LessonProblem(
                source, f"exercise {flag} must be true or false", _line(root, "exercise", flag)
            )
        flags[flag] = value
    return ExerciseSpec(key, brief, tuple(platforms), **flags)


def load_text(content: str, source: str, *, origin: str = "file") -> Lesson:
    """Read and check one lesson from YAML text, or LessonProblem with file, line and reason."""
    if len(content.encode("utf-8")) > MAX_LESSON_BYTES:
        raise LessonProblem(source, f"the lesson is larger than {MAX_LESSON_BYTES // 1024} KB")
    try:
        loader = yaml.SafeLoader(content)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or exc
        raise LessonProblem(
            source, f"not valid YAML ({reason})", mark.line + 1 if mark else None
        ) from exc
    if not isinstance(data, dict):
        raise LessonProblem(source, "the lesson must be a mapping (key: value)", 1)
    for key in ("id", "title", "goals", "example", "do", "dont", "exercise"):
        if key not in data:
            raise LessonProblem(source, f"missing '{key}'", 1)
    lesson_id = str(data["id"])
    if not ID_PATTERN.match(lesson_id):
        raise LessonProblem(
            source, "id must be 3–80 lower case letters, digits and hyphens", _line(root, "id")
        )
    order = data.get("order", 99)
    if not isinstance(order, int):
        raise LessonProblem(source, "order must be a whole number", _line(root, "order"))
    lists = {key: _bilingual(data, root, source, key, list) for key in TEXT_LISTS}
    return Lesson(
        id=lesson_id,
        order=order,
        title=_bilingual(data, root, source, "title", str),
        example=_bilingual(data, root, source, "example", str),
        exercise=_exercise(data, root, source),
        source=source,
        origin=origin,
        see_also=str(data.get("see_also") or ""),
        **lists,
    )


def load_file(path: Path, *, origin: str = "file") -> Lesson:
    """Read and check one lesson file."""
    try:
        content = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LessonProblem(Path(path).name, "the file is not UTF-8 text") from exc
    return load_text(content, Path(path).name, origin=origin)


def shipped_dir(settings: Settings | None = None) -> Path:
    """Where the lessons that come with planner are."""
    return (settings or get_settings()).templates_dir / "lessons"


def app_dir(settings: Settings | None = None) -> Path:
    """Where lessons added or edited in the app are written."""
    return (settings or get_settings()).data_dir / "lessons"


_loaded: dict[tuple[str, str], tuple[tuple, list[Lesson], list[LessonProblem]]] = {}


def load_lessons(settings: Settings | None = None) -> tuple[list[Lesson], list[LessonProblem]]:
    """Every good lesson (a trainer's version wins over the shipped one) and the broken files.

    Parsed once and again whenever a file in either folder is added, removed or written (a
    lesson saved in the app shows at once); the practice and trainer pages ask on every run.
    """
    folders = (shipped_dir(settings), app_dir(settings))
    key = (str(folders[0]), str(folders[1]))
    stamp = tuple(folder_stamp(f) if f.is_dir() else () for f in folders)
    cached = _loaded.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, *_read_lessons(settings))
        _loaded[key] = cached
    return list(cached[1]), list(cached[2])


def _read_lessons(settings: Settings | None) -> tuple[list[Lesson], list[LessonProblem]]:
    found: dict[str, Lesson] = {}
    problems: list[LessonProblem] = []
    for folder, origin in ((shipped_dir(settings), "file"), (app_dir(settings), "app")):
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            try:
                lesson = load_file(path, origin=origin)
            except LessonProblem as exc:
                problems.append(exc)
                continue
            if lesson.id in found and found[lesson.id].origin == origin:
                problems.append(
                    LessonProblem(
                        path.name, f"id {lesson.id!r} is already used by {found[lesson.id].source}"
                    )
                )
                continue
            found[lesson.id] = lesson
    return sorted(found.values(), key=lambda lesson: (lesson.order, lesson.id)), problems


def get_lesson(lesson_id: str, settings: Settings | None = None) -> Lesson | None:
    """The lesson with `lesson_id`, or None."""
    return next((lesson for lesson in load_lessons(settings)[0] if lesson.id == lesson_id), None)


def lesson_source(lesson: Lesson, settings: Settings | None = None) -> str:
    """The YAML text of a lesson, for editing in the app."""
    folder = app_dir(settings) if lesson.origin == "app" else shipped_dir(settings)
    return (folder / lesson.source).read_text(encoding="utf-8")


def save_lesson(session, content: str, *, actor: Actor, settings: Settings | None = None) -> Lesson:
    """Check a trainer's lesson text, then write it to the app's lesson folder."""
    check(session, actor, Action.TRAIN, ("lesson", None))
    lesson = load_text(content, "lesson.yaml", origin="app")
    folder = app_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{lesson.id}.yaml"
    (folder / name).write_text(content, encoding="utf-8")
    audit.record(session, actor, "lesson.save", ("lesson", lesson.id))
    return load_file(folder / name, origin="app")
