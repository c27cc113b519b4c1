"""What a content template is: its fields, campaign steps and texts, checked and rendered.

Parsing checks everything at load time (ids, fields, texts that compile in the sandbox,
references to fields that exist), so a broken template is refused with its file, line and
a plain reason; rendering happens in the sandbox of `planner.templates.sandbox`.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

from planner.limits import PLATFORMS, TEXT_FROM
from planner.templates.budget import bounded_render
from planner.templates.sandbox import RESERVED_NAMES, check_source, compiled, make_environment

LANGUAGES = ("id", "en")
KINDS = ("event", "collection", "service", "training")
FIELD_TYPES = ("text", "longtext", "datetime", "date", "url", "number", "list", "items")
# Kinds whose drafts come from an event, and so may carry campaign offsets.
EVENT_KINDS = ("event", "training")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")
HASHTAG_PATTERN = re.compile(r"^#\w+$", re.UNICODE)
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


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
    """One value a template needs; `example` is used for previews and tests."""

    name: str
    type: str = "text"
    required: bool = True
    example: Any = None
    label: dict[str, str] = field(default_factory=dict)

    def title(self, locale: str = "id") -> str:
        """The label in `locale`, or the field's name."""
        return self.label.get(locale) or self.label.get("id") or self.name.replace("_", " ")


@dataclass
class CampaignStep:
    """One post of a campaign: `offset_days` from the event's day at local `time`."""

    name: str
    offset_days: int
    time: str
    template: str | None = None
    label: dict[str, str] = field(default_factory=dict)

    def title(self, locale: str = "id") -> str:
        """The step's label in `locale`, or its name."""
        return self.label.get(locale) or self.label.get("id") or self.name

    @property
    def local_time(self) -> time:
        return time.fromisoformat(self.time)


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
    image: dict[str, Any] = field(default_factory=dict)
    campaign: list[CampaignStep] = field(default_factory=list)
    source: str = ""
    origin: str = "file"  # "file" (content_templates/) or "app" (made in the UI)

    def title(self, locale: str = "id") -> str:
        """The name in `locale` (Indonesian when missing)."""
        return self.name.get(locale) or self.name.get("id") or self.id

    def describe(self, locale: str = "id") -> str:
        """The description in `locale` (Indonesian when missing)."""
        return self.description.get(locale) or self.description.get("id") or ""

    def field_named(self, name: str) -> FieldSpec | None:
        """The field spec called `name`, if the template declares one."""
        return next((f for f in self.fields if f.name == name), None)

    def example_context(self) -> dict[str, Any]:
        """The fields' example values, for previews and tests."""
        return {f.name: coerce_value(f, f.example) for f in self.fields}

    def to_data(self) -> dict[str, Any]:
        """The template as plain data, in the YAML file's shape (for the database and export)."""
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "name": dict(self.name),
            "description": dict(self.description),
            "fields": [_field_data(f) for f in self.fields],
            "hashtags": list(self.hashtags),
            "image": dict(self.image),
        }
        if self.campaign:
            data["campaign"] = [_step_data(s) for s in self.campaign]
        data["text"] = {lang: dict(texts) for lang, texts in self.text.items()}
        return data


def _field_data(spec: FieldSpec) -> dict[str, Any]:
    data = {k: v for k, v in asdict(spec).items() if k != "label"}
    if spec.label:
        data["label"] = dict(spec.label)
    return data


def _step_data(step: CampaignStep) -> dict[str, Any]:
    data: dict[str, Any] = {"name": step.name, "offset_days": step.offset_days, "time": step.time}
    if step.template:
        data["template"] = step.template
    if step.label:
        data["label"] = dict(step.label)
    return data


def coerce_value(spec: FieldSpec, value: Any) -> Any:
    """A field value as the template sees it (ISO strings become datetimes, and so on)."""
    if value is None or value == "":
        return value
    if spec.type == "datetime" and isinstance(value, str):
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(f"{spec.name}: a date and time needs a zone, e.g. +07:00")
        return moment
    if spec.type == "date" and isinstance(value, str):
        return date.fromisoformat(value)
    if spec.type == "number" and isinstance(value, str):
        return float(value) if "." in value else int(value)
    if spec.type in ("list", "items") and not isinstance(value, list):
        raise ValueError(f"{spec.name}: expected a list")
    return value


def _mapping(value: Any, source: str, what: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TemplateProblem(source, f"'{what}' must map language codes (id, en) to text")
    return {str(k): v for k, v in value.items()}


def _parse_fields(raw: Any, source: str) -> list[FieldSpec]:
    if not isinstance(raw, list):
        raise TemplateProblem(source, "'fields' must be a list")
    fields: list[FieldSpec] = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise TemplateProblem(source, f"field {index} must be a mapping")
        try:
            spec = FieldSpec(**item)
        except TypeError as exc:
            raise TemplateProblem(source, f"bad field definition {index}: {exc}") from exc
        if not FIELD_NAME.match(str(spec.name)):
            raise TemplateProblem(
                source, f"field name {spec.name!r} must be lower case letters, digits and _"
            )
        if spec.name in RESERVED_NAMES:
            raise TemplateProblem(source, f"field name {spec.name!r} is reserved")
        if spec.type not in FIELD_TYPES:
            raise TemplateProblem(
                source,
                f"field {spec.name!r}: type must be one of {', '.join(FIELD_TYPES)}",
            )
        if isinstance(spec.example, date | datetime):  # an unquoted YAML date
            spec.example = spec.example.isoformat()
        if spec.example is None:
            raise TemplateProblem(source, f"field {spec.name!r} needs an example value")
        try:
            coerce_value(spec, spec.example)
        except ValueError as exc:
            raise TemplateProblem(source, f"bad example: {exc}") from exc
        spec.label = _mapping(spec.label, source, f"fields.{spec.name}.label")
        if any(f.name == spec.name for f in fields):
            raise TemplateProblem(source, f"field {spec.name!r} is declared twice")
        fields.append(spec)
    return fields


def _parse_campaign(raw: Any, kind: str, source: str) -> list[CampaignStep]:
    if not raw:
        return []
    if kind not in EVENT_KINDS:
        raise TemplateProblem(source, "only event and training templates can have a campaign")
    if not isinstance(raw, list):
        raise TemplateProblem(source, "'campaign' must be a list of steps")
    steps: list[CampaignStep] = []
    for item in raw:
        try:
            step = CampaignStep(**item)
        except TypeError as exc:
            raise TemplateProblem(source, f"bad campaign step: {exc}") from exc
        if not isinstance(step.offset_days, int) or not -90 <= step.offset_days <= 90:
            raise TemplateProblem(
                source, f"campaign step {step.name!r}: offset_days must be a whole number ±90"
            )
        if not TIME_PATTERN.match(str(step.time)):
            raise TemplateProblem(source, f"campaign step {step.name!r}: time must be HH:MM")
        step.label = _mapping(step.label, source, f"campaign.{step.name}.label")
        steps.append(step)
    if len({s.name for s in steps}) != len(steps):
        raise TemplateProblem(source, "campaign step names must be unique")
    return steps


def _check_image(raw: Any, source: str) -> dict[str, Any]:
    # Imported here so a layout registered after this module loads is still known.
    from planner.imaging.layouts import LAYOUTS
    from planner.imaging.sizes import SIZES

    image = dict(raw or {})
    layout = image.setdefault("layout", "event_poster")
    size = image.setdefault("size", "square")
    if layout not in LAYOUTS:
        raise TemplateProblem(
            source, f"image layout {layout!r} is unknown; choose one of {', '.join(LAYOUTS)}"
        )
    if size not in SIZES:
        raise TemplateProblem(
            source, f"image size {size!r} is unknown; choose one of {', '.join(SIZES)}"
        )
    return image


def parse_template(
    data: Any,
    source: str,
    *,
    lines: dict[tuple[str, str], int] | None = None,
    origin: str = "file",
) -> ContentTemplate:
    """Check a template's structure and every text; raise TemplateProblem if anything is off.

    `lines` maps (language, platform) to the file line where that text's first line sits, so
    a problem inside a text is reported at its line in the file.
    """
    if not isinstance(data, dict):
        raise TemplateProblem(source, "the template must be a mapping (key: value)")
    for key in ("id", "kind", "name", "fields", "text"):
        if key not in data:
            raise TemplateProblem(source, f"missing '{key}'")
    tid = str(data["id"])
    if not ID_PATTERN.match(tid):
        raise TemplateProblem(
            source, "id must be 3–80 lower case letters, digits and hyphens (e.g. event-reminder)"
        )
    if data["kind"] not in KINDS:
        raise TemplateProblem(source, f"kind must be one of {', '.join(KINDS)}")
    name = _mapping(data["name"], source, "name")
    if not name.get("id"):
        raise TemplateProblem(source, "'name' needs at least the Indonesian ('id') name")
    hashtags = [str(h) for h in data.get("hashtags") or []]
    bad_tags = [h for h in hashtags if not HASHTAG_PATTERN.match(h)]
    if bad_tags:
        raise TemplateProblem(
            source, f"hashtag {bad_tags[0]!r} must start with # and have no spaces or punctuation"
        )
    fields = _parse_fields(data["fields"], source)
    image = _check_image(data.get("image"), source)
    campaign = _parse_campaign(data.get("campaign"), data["kind"], source)
    text = data["text"]
    if not isinstance(text, dict) or "id" not in text:
        raise TemplateProblem(source, "'text' needs at least the Indonesian ('id') texts")
    unknown_langs = sorted(set(text) - set(LANGUAGES))
    if unknown_langs:
        raise TemplateProblem(source, f"unknown language(s) in 'text': {', '.join(unknown_langs)}")
    known = {f.name for f in fields} | RESERVED_NAMES
    env = make_environment(ZoneInfo("UTC"), "id")
    clean: dict[str, dict[str, str]] = {}
    for lang, per_platform in text.items():
        clean[lang] = {}
        for platform in PLATFORMS:
            body = own_or_borrowed(per_platform or {}, platform)
            if not isinstance(body, str) or not body.strip():
                raise TemplateProblem(source, f"no {lang} text for {platform}")
            _, issue = check_source(env, body, known)
            if issue is not None:
                offset = (lines or {}).get((lang, platform))
                line = offset + issue.line - 1 if offset and issue.line else issue.line
                raise TemplateProblem(f"{source} [{lang}.{platform}]", issue.reason, line)
            clean[lang][platform] = body
    snippets = {key: image[key] for key in ("title", "subtitle") if key in image}
    snippets |= {f"alt.{k}": v for k, v in _mapping(image.get("alt"), source, "image.alt").items()}
    for key, body in snippets.items():
        if not isinstance(body, str):
            raise TemplateProblem(source, f"image.{key} must be text")
        _, issue = check_source(env, body, known)
        if issue is not None:
            raise TemplateProblem(f"{source} [image.{key}]", issue.reason)
    tpl = ContentTemplate(
        id=tid,
        kind=data["kind"],
        name=name,
        description=_mapping(data.get("description"), source, "description"),
        fields=fields,
        text=clean,
        hashtags=hashtags,
        image=image,
        campaign=campaign,
        source=source,
        origin=origin,
    )
    _trial_render(tpl, lines or {})
    return tpl


def own_or_borrowed(texts: dict, platform: str) -> object:
    """A template's text for `platform`, or the one it borrows when it has none of its own
    (limits.TEXT_FROM: Threads from Instagram, Bluesky from X); checked like its own."""
    body = texts.get(platform)
    if (not isinstance(body, str) or not body.strip()) and platform in TEXT_FROM:
        return texts.get(TEXT_FROM[platform])
    return body


def _trial_render(tpl: ContentTemplate, lines: dict[tuple[str, str], int]) -> None:
    """Render every text from the examples, so runtime errors surface at load time."""
    for lang in tpl.text:
        for platform in PLATFORMS:
            try:
                render(tpl, platform, tpl.example_context(), ZoneInfo("Asia/Jakarta"), lang)
            except TemplateProblem as exc:
                offset = lines.get((lang, platform))
                line = offset + exc.line - 1 if offset and exc.line else exc.line
                raise TemplateProblem(
                    f"{tpl.source} [{lang}.{platform}]", exc.reason, line
                ) from exc


def check_references(
    templates: dict[str, ContentTemplate],
) -> tuple[dict[str, ContentTemplate], list[TemplateProblem]]:
    """Refuse templates whose campaign steps name a template that does not exist or fit."""
    good: dict[str, ContentTemplate] = {}
    problems: list[TemplateProblem] = []
    for tid, tpl in templates.items():
        problem = reference_problem(tpl, templates)
        if problem:
            problems.append(problem)
        else:
            good[tid] = tpl
    return good, problems


def reference_problem(
    tpl: ContentTemplate, templates: dict[str, ContentTemplate]
) -> TemplateProblem | None:
    """Why `tpl`'s campaign cannot work with `templates`, or None."""
    for step in tpl.campaign:
        if not step.template or step.template == tpl.id:
            continue
        other = templates.get(step.template)
        if other is None:
            return TemplateProblem(
                tpl.source or tpl.id,
                f"campaign step {step.name!r} uses template {step.template!r}, "
                "which does not exist",
            )
        if other.kind not in EVENT_KINDS:
            return TemplateProblem(
                tpl.source or tpl.id,
                f"campaign step {step.name!r} uses {other.id!r}, which is not an event template",
            )
    return None


def render_context(
    tpl: ContentTemplate, context: dict[str, Any], hashtags: list[str] | None = None
) -> dict[str, Any]:
    """The values a text sees: optional fields default to empty, required ones must be there."""
    values: dict[str, Any] = {"library": "", "link": "", **context}
    for spec in tpl.fields:
        value = context.get(spec.name)
        if spec.required and (value is None or value == "" or value == []):
            raise TemplateProblem(tpl.source or tpl.id, f"needs a value for {spec.name!r}")
        try:
            values[spec.name] = coerce_value(spec, value)
        except ValueError as exc:
            raise TemplateProblem(tpl.source or tpl.id, str(exc)) from exc
    tags = tpl.hashtags if hashtags is None else hashtags
    values["hashtags"] = " ".join(tags)
    return values


def _template_line(exc: BaseException) -> int | None:
    """The line of the text being rendered where `exc` was raised (Jinja maps its frames)."""
    line = getattr(exc, "lineno", None)
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def render_string(
    tpl: ContentTemplate, body: str, values: dict[str, Any], tz: ZoneInfo, locale: str
) -> str:
    """Render one Jinja2 text of `tpl` in the sandbox, bounded, tidying blank lines.

    Every way a render can fail, running out of memory or recursion included, becomes a
    TemplateProblem with the text's line: the editor's preview, drafting and loading all
    render through here, so none of them can be taken down by a template.
    """
    source = tpl.source or tpl.id
    try:
        template = compiled(tz.key, locale, body)
        text = bounded_render(lambda: template.generate(values))
    except UndefinedError as exc:
        raise TemplateProblem(source, f"missing value: {exc.message}", _template_line(exc)) from exc
    except TemplateError as exc:
        reason = exc.message if isinstance(exc, TemplateSyntaxError) else str(exc)
        raise TemplateProblem(source, reason or "invalid template", _template_line(exc)) from exc
    except MemoryError as exc:
        raise TemplateProblem(
            source, "the text needs too much memory", _template_line(exc)
        ) from exc
    except RecursionError as exc:
        raise TemplateProblem(
            source, "the text calls itself too deeply", _template_line(exc)
        ) from exc
    except (ValueError, ArithmeticError, TypeError) as exc:
        raise TemplateProblem(source, f"cannot be rendered: {exc}", _template_line(exc)) from exc
    lines = [line.rstrip() for line in text.strip().splitlines()]
    # An `{% if %}` that renders nothing leaves blank lines behind: keep at most one in a row.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def render(
    tpl: ContentTemplate,
    platform: str,
    context: dict[str, Any],
    tz: ZoneInfo,
    locale: str = "id",
    *,
    hashtags: list[str] | None = None,
) -> str:
    """The post text for `platform` in `locale` (Indonesian when the template lacks it).

    `{{ hashtags }}` in a text stands for the template's default hashtags, or `hashtags`.
    """
    lang = locale if locale in tpl.text else "id"
    values = render_context(tpl, context, hashtags)
    return render_string(tpl, tpl.text[lang][platform], values, tz, lang)
