"""Content templates: loading, checking and rendering them safely.

A template is a YAML file in content_templates/ holding, per language and platform, a Jinja2
text. Rendering happens in a SandboxedEnvironment with StrictUndefined so that a template can
reach only the fields it is given and a typo is an error, not an empty gap in a public post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta
from jinja2.sandbox import SandboxedEnvironment

from planner.i18n import format_date, format_datetime, format_time

PLATFORMS = ("x", "facebook", "instagram")
KINDS = ("event", "collection", "service", "training")


class TemplateProblem(ValueError):
    """A template that cannot be used, with where and why in plain words."""

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


@dataclass
class FieldSpec:
    name: str
    type: str = "text"
    required: bool = True
    example: Any = None


@dataclass
class ContentTemplate:
    """One template, as loaded and checked."""

    id: str
    kind: str
    name: dict[str, str]
    description: dict[str, str]
    fields: list[FieldSpec]
    text: dict[str, dict[str, str]]  # language -> platform -> Jinja2 source
    hashtags: list[str] = field(default_factory=list)
    image: dict[str, str] = field(default_factory=dict)
    campaign: list[dict[str, Any]] = field(default_factory=list)
    source: str = ""

    def title(self, locale: str = "id") -> str:
        """The name in `locale` (Indonesian when missing)."""
        return self.name.get(locale) or self.name.get("id") or self.id

    def example_context(self) -> dict[str, Any]:
        """The fields' example values, for previews and tests."""
        return {f.name: _coerce(f, f.example) for f in self.fields}


def _coerce(spec: FieldSpec, value: Any) -> Any:
    if spec.type == "datetime" and isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def make_environment(tz: ZoneInfo, locale: str) -> SandboxedEnvironment:
    """A sandboxed Jinja2 environment with only our date/number filters."""
    env = SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.filters["date"] = lambda v: format_date(v, tz, locale)
    env.filters["time"] = lambda v: format_time(v, tz, locale)
    env.filters["datetime"] = lambda v: format_datetime(v, tz, locale)
    env.globals.clear()
    return env


def parse_template(data: Any, source: str) -> ContentTemplate:
    """Check a template's structure and Jinja2 syntax; raise TemplateProblem if anything is off."""
    if not isinstance(data, dict):
        raise TemplateProblem(source, "the file must hold a mapping (key: value)")
    for key in ("id", "kind", "name", "fields", "text"):
        if key not in data:
            raise TemplateProblem(source, f"missing '{key}'")
    if data["kind"] not in KINDS:
        raise TemplateProblem(source, f"kind must be one of {', '.join(KINDS)}")
    try:
        fields = [FieldSpec(**f) for f in data["fields"]]
    except TypeError as exc:
        raise TemplateProblem(source, f"bad field definition: {exc}") from exc
    known = {f.name for f in fields} | {"library", "hashtags", "link"}
    env = make_environment(ZoneInfo("UTC"), "id")
    text = data["text"]
    if not isinstance(text, dict) or "id" not in text:
        raise TemplateProblem(source, "'text' needs at least the Indonesian ('id') texts")
    for lang, per_platform in text.items():
        for platform in PLATFORMS:
            body = (per_platform or {}).get(platform)
            if not body:
                raise TemplateProblem(source, f"no {lang} text for {platform}")
            label = f"{source} [{lang}.{platform}]"
            try:
                parsed = env.parse(body)
            except TemplateSyntaxError as exc:
                raise TemplateProblem(label, exc.message or "syntax error", exc.lineno) from exc

            unknown = meta.find_undeclared_variables(parsed) - known
            if unknown:
                raise TemplateProblem(label, f"unknown field(s): {', '.join(sorted(unknown))}")
    return ContentTemplate(
        id=str(data["id"]),
        kind=data["kind"],
        name=dict(data["name"]),
        description=dict(data.get("description") or {}),
        fields=fields,
        text=text,
        hashtags=list(data.get("hashtags") or []),
        image=dict(data.get("image") or {}),
        campaign=list(data.get("campaign") or []),
        source=source,
    )


def load_file(path: Path) -> ContentTemplate:
    """Read and check one YAML template file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        line = exc.problem_mark.line + 1 if getattr(exc, "problem_mark", None) else None
        raise TemplateProblem(
            path.name, f"not valid YAML ({getattr(exc, 'problem', exc)})", line
        ) from exc
    return parse_template(data, path.name)


def load_directory(folder: Path) -> tuple[dict[str, ContentTemplate], list[TemplateProblem]]:
    """Every good template in `folder` by id, and the problems of the bad ones."""
    templates: dict[str, ContentTemplate] = {}
    problems: list[TemplateProblem] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            tpl = load_file(path)
        except TemplateProblem as exc:
            problems.append(exc)
            continue
        templates[tpl.id] = tpl
    return templates, problems


def render(
    tpl: ContentTemplate,
    platform: str,
    context: dict[str, Any],
    tz: ZoneInfo,
    locale: str = "id",
) -> str:
    """The post text for `platform`, with the template's hashtags appended when not used inline."""
    lang = locale if locale in tpl.text else "id"
    env = make_environment(tz, lang)
    values = {"hashtags": " ".join(tpl.hashtags), **context}
    try:
        text = env.from_string(tpl.text[lang][platform]).render(values)
    except UndefinedError as exc:
        raise TemplateProblem(tpl.source or tpl.id, f"missing value: {exc.message}") from exc
    except TemplateError as exc:
        raise TemplateProblem(tpl.source or tpl.id, str(exc)) from exc
    lines = [line.rstrip() for line in text.strip().splitlines()]
    # An `{% if %}` that renders nothing leaves blank lines behind: keep at most one in a row.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


_cache: dict[str, tuple[float, dict[str, ContentTemplate], list[TemplateProblem]]] = {}


def _folder_stamp(folder: Path) -> float:
    paths = list(Path(folder).glob("*.yaml"))
    return max((p.stat().st_mtime for p in paths), default=0.0) + len(paths)


def available_templates(folder: Path) -> tuple[dict[str, ContentTemplate], list[TemplateProblem]]:
    """The file templates, re-read whenever a file in `folder` changes."""
    key = str(Path(folder).resolve())
    stamp = _folder_stamp(folder)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        templates, problems = load_directory(folder)
        cached = (stamp, templates, problems)
        _cache[key] = cached
    return cached[1], cached[2]
