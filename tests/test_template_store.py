"""Templates made in the app: checked like files, versioned, duplicated, exported to YAML."""

from __future__ import annotations

import copy

import pytest
from sqlmodel import select

from planner.db import session_scope
from planner.models import TemplateRecord, TemplateVersion
from planner.templates.files import load_text
from planner.templates.model import KINDS, TemplateProblem
from planner.templates.store import (
    TemplateConflict,
    app_records,
    blank_template,
    catalog,
    delete_template,
    duplicate_template,
    export_yaml,
    fields_to_rows,
    history,
    restore_version,
    rows_to_fields,
    rows_to_steps,
    save_template,
    steps_to_rows,
    with_rows,
)
from tests.people_helpers import ADMIN


def _reminder_copy(session, new_id: str = "pengingat-pagi") -> dict:
    record = duplicate_template(session, "event-reminder", new_id, author="rina", actor=ADMIN)
    return copy.deepcopy(record.data)


def test_duplicate_edit_history_and_restore(any_db: str) -> None:
    with session_scope() as session:
        data = _reminder_copy(session)
        assert data["name"]["id"] == "Pengingat acara (besok) (salinan)"
        data["text"]["id"]["x"] = "⏰ Pagi ini: {{ title }} pukul {{ starts_at | time }}!\n"
        record = save_template(session, data, author="budi", expected_version=1, actor=ADMIN)
        assert record.version == 2
        unchanged = save_template(session, data, author="budi", expected_version=2, actor=ADMIN)
        assert unchanged.version == 2  # saving the same thing adds no version
        versions = history(session, "pengingat-pagi")
        assert [(v.version, v.author) for v in versions] == [(2, "budi"), (1, "rina")]
        restored = restore_version(session, "pengingat-pagi", 1, author="ani", actor=ADMIN)
        assert restored.version == 3
        found = catalog(session).get("pengingat-pagi")
    assert found.origin == "app" and found.source == "app:pengingat-pagi"
    assert "Besok" in found.text["id"]["x"]


def test_bad_template_is_refused_and_nothing_is_saved(any_db: str) -> None:
    with session_scope() as session:
        data = _reminder_copy(session)
    broken = copy.deepcopy(data)
    broken["text"]["id"]["facebook"] = "{{ ''.__class__ }}"
    with session_scope() as session:
        with pytest.raises(TemplateProblem, match="Python internals"):
            save_template(session, broken, expected_version=1, actor=ADMIN)
        broken["text"]["id"]["facebook"] = "{% if title %}"
        with pytest.raises(TemplateProblem, match=r"app:pengingat-pagi \[id.facebook\], line 1"):
            save_template(session, broken, expected_version=1, actor=ADMIN)
    with session_scope() as session:
        record = session.get(TemplateRecord, "pengingat-pagi")
        assert record.version == 1 and record.data == data
        assert len(session.exec(select(TemplateVersion)).all()) == 1


def test_file_ids_are_reserved_and_concurrent_edits_do_not_overwrite(any_db: str) -> None:
    with session_scope() as session:
        data = _reminder_copy(session)
        clash = dict(data, id="event-reminder")
        with pytest.raises(TemplateProblem, match="belongs to a file template"):
            save_template(session, clash, actor=ADMIN)
        with pytest.raises(TemplateProblem, match="already used"):
            duplicate_template(session, "event-recap", "pengingat-pagi", actor=ADMIN)
        save_template(session, dict(data, hashtags=["#Satu"]), expected_version=1, actor=ADMIN)
        with pytest.raises(TemplateConflict, match="since you opened it"):
            save_template(session, dict(data, hashtags=["#Dua"]), expected_version=1, actor=ADMIN)


def test_campaign_steps_must_name_existing_templates(any_db: str) -> None:
    with session_scope() as session:
        record = duplicate_template(session, "event-announcement", "kampanye-saya", actor=ADMIN)
        data = copy.deepcopy(record.data)
        data["campaign"][1]["template"] = "tidak-ada"
        with pytest.raises(TemplateProblem, match="'tidak-ada', which does not exist"):
            save_template(session, data, expected_version=1, actor=ADMIN)


@pytest.mark.parametrize("kind", KINDS)
def test_blank_templates_are_valid_for_every_kind(any_db: str, kind: str) -> None:
    data = blank_template(kind, f"baru-{kind}")
    data["name"] = {"id": "Baru", "en": "New"}
    with session_scope() as session:
        assert save_template(session, data, actor=ADMIN).version == 1
        assert catalog(session).get(f"baru-{kind}").kind == kind


def test_export_round_trips_through_the_file_loader(any_db: str) -> None:
    with session_scope() as session:
        templates = catalog(session).templates
    for tpl in templates.values():
        text = export_yaml(tpl)
        again = load_text(text, f"{tpl.id}.yaml")
        assert again.to_data() == tpl.to_data(), tpl.id
        assert "x: |" in text  # multi-line texts stay readable blocks


def test_delete_removes_record_and_history(any_db: str) -> None:
    with session_scope() as session:
        _reminder_copy(session)
        delete_template(session, "pengingat-pagi", actor=ADMIN)
        assert "pengingat-pagi" not in catalog(session).templates
        assert history(session, "pengingat-pagi") == []
        with pytest.raises(ValueError):
            delete_template(session, "pengingat-pagi", actor=ADMIN)


def test_grid_rows_round_trip() -> None:
    from planner.config import PROJECT_ROOT
    from planner.templates.files import load_directory

    templates, _ = load_directory(PROJECT_ROOT / "content_templates")
    for tpl in templates.values():
        data = tpl.to_data()
        assert rows_to_fields(fields_to_rows(data["fields"])) == data["fields"]
        steps = data.get("campaign", [])
        assert rows_to_steps(steps_to_rows(steps)) == steps
    with pytest.raises(TemplateProblem, match="must be JSON"):
        rows_to_fields([{"name": "books", "type": "list", "example": "[not json"}])


def test_app_records_are_the_app_templates_only(any_db: str) -> None:
    with session_scope() as session:
        assert app_records(session) == {}
        _reminder_copy(session)
        _reminder_copy(session, "pengingat-sore")
    with session_scope() as session:
        records = app_records(session)
        assert sorted(records) == ["pengingat-pagi", "pengingat-sore"]
        assert "event-reminder" in catalog(session).templates  # a file template, no record
        assert {r.version for r in records.values()} == {1}


def _shipped(template_id: str) -> dict:
    from planner.config import PROJECT_ROOT
    from planner.templates.files import load_directory

    return load_directory(PROJECT_ROOT / "content_templates")[0][template_id].to_data()


STEP_ROW = {"name": "h-1", "offset_days": -1, "time": "16:00", "template": "event-reminder"}
EMPTY_ROW = {"name": None, "offset_days": 0, "time": "09:00", "template": float("nan")}


@pytest.mark.parametrize(
    ("step_rows", "campaign"),
    [
        (None, None),  # no campaign grid (not an event template): no campaign
        ([], None),
        ([EMPTY_ROW], None),  # the editor's new empty row
        ([STEP_ROW, EMPTY_ROW], [STEP_ROW]),
    ],
)
def test_editor_rows_become_fields_and_campaign_steps(step_rows, campaign) -> None:
    data = _shipped("event-announcement")  # it has campaign steps of its own
    assert data["campaign"]
    original = copy.deepcopy(data)
    rows = fields_to_rows(data["fields"])
    assembled = with_rows(data, [*rows, {"name": " ", "type": "text"}], step_rows)
    assert assembled["fields"] == data["fields"]  # the empty row is dropped
    assert assembled.get("campaign") == campaign
    assert {k: v for k, v in assembled.items() if k not in ("fields", "campaign")} == {
        k: v for k, v in data.items() if k not in ("fields", "campaign")
    }
    assert data == original  # the editor's data is left as it was


def test_editor_rows_with_a_bad_example_are_refused() -> None:
    with pytest.raises(TemplateProblem, match="must be JSON"):
        with_rows({}, [{"name": "books", "type": "list", "example": "[not json"}], None)
