"""Shipped templates render for every platform and pass validation; bad templates are refused."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.config import PROJECT_ROOT
from planner.templates import PLATFORMS, TemplateProblem, load_directory, load_file, render
from planner.validation import validate

TEMPLATES, PROBLEMS = load_directory(PROJECT_ROOT / "content_templates")
JAKARTA = ZoneInfo("Asia/Jakarta")


def test_shipped_templates_all_load() -> None:
    assert PROBLEMS == []
    assert {"event-announcement", "new-arrival"} <= set(TEMPLATES)


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_template_renders_and_validates(template_id: str, platform: str, locale: str) -> None:
    tpl = TEMPLATES[template_id]
    assert all(f.example is not None for f in tpl.fields), "every field needs an example"
    text = render(tpl, platform, tpl.example_context(), JAKARTA, locale)
    result = validate(platform, text, image_count=1, alt_texts=["Poster"])
    assert result.ok, result.as_dict()


def test_indonesian_date_filter() -> None:
    tpl = TEMPLATES["event-announcement"]
    text = render(tpl, "x", tpl.example_context(), JAKARTA, "id")
    assert "Sabtu, 5 Desember 2026, 09.00 WIB" in text


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("{{ title ", "line"),
        ("{{ unknown_field }}", "unknown field"),
    ],
)
def test_bad_templates_refused_with_file_and_reason(tmp_path: Path, body: str, reason: str) -> None:
    path = tmp_path / "bad.yaml"
    source = (PROJECT_ROOT / "content_templates" / "event-announcement.yaml").read_text()
    path.write_text(
        source.replace(
            "📢 {{ title }}\n      🗓️ {{ starts_at | datetime }}",
            body + "\n      🗓️ {{ starts_at | datetime }}",
            1,
        )
    )
    with pytest.raises(TemplateProblem) as err:
        load_file(path)
    assert "bad.yaml" in str(err.value) and reason in str(err.value)


def test_sandbox_escape_is_refused() -> None:
    from planner.templates import ContentTemplate

    tpl = ContentTemplate(
        id="evil",
        kind="event",
        name={"id": "x"},
        description={},
        fields=[],
        text={"id": {p: "{{ ''.__class__.__mro__[1].__subclasses__() }}" for p in PLATFORMS}},
    )
    with pytest.raises(TemplateProblem):
        render(tpl, "x", {}, JAKARTA)
