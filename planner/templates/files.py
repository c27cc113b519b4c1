"""Template files: reading content_templates/*.yaml, with line numbers, and noticing changes.

Problems inside a text are reported at their line in the YAML file (found from the YAML
node tree), so a librarian editing a file in a text editor can go straight to the mistake.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from planner.limits import PLATFORMS, TEXT_FROM
from planner.templates.model import (
    ContentTemplate,
    TemplateProblem,
    check_references,
    parse_template,
)


def _text_lines(root: yaml.Node | None) -> dict[tuple[str, str], int]:
    """Where each text's first line is in the file (1-based), from the YAML node tree."""
    found: dict[tuple[str, str], int] = {}

    def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return v
        return None

    text = child(root, "text")
    if not isinstance(text, yaml.MappingNode):
        return found
    for lang_node, per_platform in text.value:
        for platform in PLATFORMS:
            node = child(per_platform, platform)
            if node is None and platform in TEXT_FROM:  # a borrowed text: its own lines
                node = child(per_platform, TEXT_FROM[platform])
            if isinstance(node, yaml.ScalarNode):
                # A block scalar (| or >) starts on the line after its indicator.
                block = node.style in ("|", ">")
                found[(lang_node.value, platform)] = node.start_mark.line + (2 if block else 1)
    return found


def load_text(content: str, source: str, *, origin: str = "file") -> ContentTemplate:
    """Read and check one template from YAML text."""
    try:
        loader = yaml.SafeLoader(content)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise TemplateProblem(
            source,
            f"not valid YAML ({getattr(exc, 'problem', None) or exc})",
            mark.line + 1 if mark else None,
        ) from exc
    return parse_template(data, source, lines=_text_lines(root), origin=origin)


def load_file(path: Path) -> ContentTemplate:
    """Read and check one YAML template file."""
    try:
        content = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateProblem(Path(path).name, "the file is not UTF-8 text") from exc
    return load_text(content, Path(path).name)


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
        if tpl.id in templates:
            problems.append(
                TemplateProblem(
                    path.name, f"id {tpl.id!r} is already used by {templates[tpl.id].source}"
                )
            )
            continue
        templates[tpl.id] = tpl
    good, dangling = check_references(templates)
    return good, problems + dangling


_cache: dict[str, tuple[tuple, dict[str, ContentTemplate], list[TemplateProblem]]] = {}


def folder_stamp(folder: Path) -> tuple:
    """Names, modification times and sizes of the YAML files in `folder`: changes whenever a
    file is added, removed or written (also by the app's own editors)."""
    return tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(Path(folder).glob("*.yaml"))
    )


def available_templates(folder: Path) -> tuple[dict[str, ContentTemplate], list[TemplateProblem]]:
    """The file templates, re-read whenever a file in `folder` is added, removed or changed."""
    key = str(Path(folder).resolve())
    stamp = folder_stamp(folder)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        templates, problems = load_directory(folder)
        cached = (stamp, templates, problems)
        _cache[key] = cached
    return cached[1], cached[2]
