"""A template cannot exhaust memory or CPU: every render is bounded, every overrun refused.

Each attack below is made only of operations the sandbox allowed one at a time; before the
render budget they ran until the machine ran out of memory or patience. Now each is a
TemplateProblem naming the text and its line, at load time, in the editor's preview, in
drafting and from the command line (`planner templates check`).
"""

from __future__ import annotations

import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.config import PROJECT_ROOT
from planner.drafting import example_texts
from planner.limits import PLATFORMS
from planner.templates.files import load_file
from planner.templates.model import ContentTemplate, FieldSpec, TemplateProblem, render
from tests.test_cli import planner

JAKARTA = ZoneInfo("Asia/Jakarta")
ANNOUNCEMENT = (PROJECT_ROOT / "content_templates" / "event-announcement.yaml").read_text(
    encoding="utf-8"
)

ATTACKS = {
    "nested multiplication": "{{ (('a' * 1000) * 1000) * 100 }}",
    "format width": "{{ '%0100000000d' | format(1) }}",
    "format star width": "{{ '%*d' | format(100000000, 1) }}",
    "str.format width": "{{ '{:>100000000}'.format(1) }}",
    "chained replace": "{{ ('a' * 1000) | replace('a', 'a' * 1000) | replace('a', 'a' * 1000) }}",
    "replace method": "{{ ('a' * 1000).replace('a', 'aaaaaaaaaa' * 100).replace('a', 'b' * 900) }}",
    "center": "{{ 'x' | center(100000000) }}",
    "batch": "{{ 'x' | batch(100000000, 'y') | list }}",
    "nested loops": (
        "{% for a in 'x' * 999 %}{% for b in 'x' * 999 %}{% for c in 'x' * 999 %}"
        "{% endfor %}{% endfor %}{% endfor %}"
    ),
    "nested loops with output": (
        "{% for a in 'x' * 999 %}{% for b in 'x' * 999 %}{{ a }}{% endfor %}{% endfor %}"
    ),
    "power of powers": "{{ ((9 ** 64) ** 64) ** 64 }}",
    "squaring macro": "{% macro f(n) %}{{ f(n * n) }}{% endmacro %}{{ f(9 ** 64) }}",
    "recursive macro": "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "doubling macro": "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('ab') }}",
    "concatenation": "{{ ('a' * 1000) * 100 + ('a' * 1000) * 100 }}",
}


def _template(body: str) -> ContentTemplate:
    return ContentTemplate(
        id="greedy",
        kind="event",
        name={"id": "x"},
        description={},
        fields=[FieldSpec(name="title", example="Dongeng")],
        text={"id": {p: "ok\n" + body for p in PLATFORMS}},
        source="greedy.yaml",
    )


@pytest.mark.parametrize("body", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_greedy_template_is_refused_quickly_with_its_line(body: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as err:
        render(_template(body), "x", {"title": "Dongeng"}, JAKARTA)
    assert time.monotonic() - started < 5
    assert err.value.source == "greedy.yaml"
    assert err.value.line == 2, str(err.value)  # the body sits on the text's second line


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("{{ self }}", "'self' is not allowed"),
        ("{{ self.__init__ }}", "'self' is not allowed"),
        ("{{ title | attr('upper') }}", "'attr' filter is not allowed"),
        ("{{ ''|attr('format') }}", "'attr' filter is not allowed"),
    ],
)
def test_self_and_attr_are_refused_at_load_and_at_render(
    tmp_path: Path, body: str, reason: str
) -> None:
    source = ANNOUNCEMENT.replace("📢 {{ title }}", body, 1)
    (tmp_path / "bad.yaml").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateProblem, match=reason):
        load_file(tmp_path / "bad.yaml")
    with pytest.raises(TemplateProblem, match=reason):
        render(_template(body), "x", {"title": "Dongeng"}, JAKARTA)


def test_a_greedy_template_is_refused_at_load_time_at_its_file_line(tmp_path: Path) -> None:
    source = ANNOUNCEMENT.replace("📢 {{ title }}", ATTACKS["format width"], 1)
    (tmp_path / "greedy.yaml").write_text(source, encoding="utf-8")
    with pytest.raises(TemplateProblem) as err:
        load_file(tmp_path / "greedy.yaml")
    first_text_line = next(
        i for i, line in enumerate(source.splitlines(), 1) if line.strip() == "x: |"
    )
    assert str(err.value).startswith(f"greedy.yaml [id.x], line {first_text_line + 1}:")


def test_the_editor_preview_refuses_instead_of_hanging() -> None:
    """The live preview renders the examples through the same bounded render."""
    with pytest.raises(TemplateProblem, match=r"steps|longer than"):
        example_texts(_template(ATTACKS["nested loops"]), JAKARTA, "id")


def test_ordinary_templates_still_render_long_posts() -> None:
    """The bounds leave room for the longest post a platform takes."""
    body = "{% for n in [1] * 900 %}{{ title }} nomor {{ n }}. {% endfor %}"
    text = render(_template(body), "facebook", {"title": "Dongeng Anak"}, JAKARTA)
    assert text.count("Dongeng Anak") == 900


def test_cli_template_check_refuses_a_greedy_template_in_one_line(tmp_path: Path) -> None:
    source = ANNOUNCEMENT.replace("📢 {{ title }}", ATTACKS["recursive macro"], 1)
    (tmp_path / "greedy.yaml").write_text(source, encoding="utf-8")
    result = planner("templates", "check", str(tmp_path / "greedy.yaml"), data_dir=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "greedy.yaml [id.x], line" in result.stderr
    assert "nest deeper than" in result.stderr


def test_drafting_refuses_a_template_that_only_explodes_on_real_values(sqlite_db) -> None:
    """Examples pass the trial render; a long event title must still be bounded at drafting."""
    import yaml

    from planner.db import session_scope
    from planner.drafting import DraftError, make_draft
    from planner.templates.store import save_template
    from tests.factories import add_event
    from tests.people_helpers import ADMIN

    cube = "{% for a in title %}{% for b in title %}{% for c in title %}{% endfor %}"
    cube += "{% endfor %}{% endfor %}"
    data = yaml.safe_load(ANNOUNCEMENT)
    data["id"] = "greedy-draft"
    data["campaign"] = []
    data["text"]["id"]["x"] = cube + "{{ title }}"
    with session_scope() as session:
        save_template(session, data, actor=ADMIN)  # 33 characters: 36,000 steps, fine
        event = add_event(session, title="D" * 100)  # 1,000,000 steps
        started = time.monotonic()
        with pytest.raises(DraftError, match="steps"):
            make_draft(session, "greedy-draft", actor=ADMIN, event_id=event.id)
        assert time.monotonic() - started < 5
