"""Templates: browse every template, create, duplicate and edit app templates with a live
preview, see and restore their versions, and export any template as YAML.

File templates are read-only here (duplicate one to change it); every check and save is
done by planner/templates/store.py.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import streamlit as st

from planner.config import get_settings
from planner.db import session_scope
from planner.drafting import example_texts
from planner.i18n import format_datetime
from planner.imaging.layouts import LAYOUTS
from planner.imaging.sizes import SIZES
from planner.limits import PLATFORMS
from planner.models import TemplateRecord
from planner.people.roles import Action, PermissionDenied
from planner.previews import build_preview, preview_html
from planner.templates.model import (
    EVENT_KINDS,
    FIELD_TYPES,
    KINDS,
    LANGUAGES,
    ContentTemplate,
    TemplateProblem,
    parse_template,
)
from planner.templates.store import (
    FIELD_COLUMNS,
    STEP_COLUMNS,
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
    save_template,
    steps_to_rows,
    with_rows,
)
from planner.ui.runtime import (
    LANGUAGE_NAMES,
    counter,
    error_text,
    locale,
    plain,
    size_label,
    tr,
)
from planner.ui.session import allowed, current_actor

NEW = "__new__"


def _chooser(found: dict[str, ContentTemplate]) -> str:
    ordered = sorted(found, key=lambda t: (found[t].kind, found[t].title(locale())))
    options = [NEW, *ordered] if allowed(Action.EDIT_TEMPLATES) else ordered

    def label(tid: str) -> str:
        if tid == NEW:
            return "➕ " + tr("templates.new")
        tpl = found[tid]
        icon = "📄" if tpl.origin == "file" else "✏️"
        return f"{icon} {tpl.title(locale())} · {tr(f'templates.kind_{tpl.kind}')} · {tid}"

    if "template_next" in st.session_state:  # chosen by a save or duplicate on the last run
        st.session_state["template_open"] = st.session_state.pop("template_next")
    if st.session_state.get("template_open") not in options:
        st.session_state["template_open"] = next((o for o in options if o != NEW), NEW)
    return st.selectbox(tr("templates.choose"), options, format_func=label, key="template_open")


def _new_form(found: dict[str, ContentTemplate]) -> None:
    kind_col, id_col = st.columns(2)
    kind = kind_col.selectbox(
        tr("templates.kind"), KINDS, format_func=lambda k: tr(f"templates.kind_{k}")
    )
    new_id = id_col.text_input(tr("templates.new_id"), help=tr("templates.id_help"))
    if st.button(tr("templates.create"), type="primary", key="create_template_btn"):
        data = blank_template(kind, new_id.strip())
        data["name"] = {"id": new_id.strip(), "en": new_id.strip()}
        _save(data, None, found)


def _save(data: dict[str, Any], expected: int | None, found: dict[str, ContentTemplate]) -> None:
    try:
        with session_scope() as session:
            record = save_template(session, data, actor=current_actor(), expected_version=expected)
            saved_id, version = record.id, record.version
    except (TemplateProblem, TemplateConflict, PermissionDenied) as exc:
        st.error(tr("templates.refused", reason=error_text(exc)))
        return
    st.session_state["template_next"] = saved_id
    st.session_state["template_message"] = tr("templates.saved", id=saved_id, version=version)
    st.rerun()


def _text_inputs(data: dict[str, Any], prefix: str, read_only: bool) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    tabs = st.tabs(
        [f"{lang.upper()} · {tr(f'platform.{p}')}" for lang in LANGUAGES for p in PLATFORMS]
    )
    index = 0
    for lang in LANGUAGES:
        texts[lang] = {}
        for platform in PLATFORMS:
            with tabs[index]:
                texts[lang][platform] = st.text_area(
                    tr(
                        "a11y.text_for",
                        platform=tr(f"platform.{platform}"),
                        language=LANGUAGE_NAMES[lang],
                    ),
                    value=data["text"].get(lang, {}).get(platform, ""),
                    key=f"{prefix}_text_{lang}_{platform}",
                    height=240,
                    disabled=read_only,
                    label_visibility="collapsed",
                )
            index += 1
    return texts


def _headers(group: str, columns: tuple[str, ...]) -> dict[str, str]:
    """Grid headers in the page language; the data keeps the YAML's column names."""
    return {column: tr(f"templates.{group}.{column}") for column in columns}


def _editor(tpl: ContentTemplate, record: TemplateRecord | None) -> dict[str, Any]:
    """The editing widgets; returns the template data they currently hold."""
    read_only = tpl.origin == "file" or not allowed(Action.EDIT_TEMPLATES)
    data = copy.deepcopy(record.data if record is not None else tpl.to_data())
    prefix = f"tpl_{tpl.id}_{record.version if record else 0}"
    name_col, desc_col = st.columns(2)
    data["name"] = {
        lang: name_col.text_input(
            tr("templates.name", lang=lang.upper()),
            value=data["name"].get(lang, ""),
            key=f"{prefix}_name_{lang}",
            disabled=read_only,
        )
        for lang in LANGUAGES
    }
    data["description"] = {
        lang: desc_col.text_input(
            tr("templates.description", lang=lang.upper()),
            value=data.get("description", {}).get(lang, ""),
            key=f"{prefix}_desc_{lang}",
            disabled=read_only,
        )
        for lang in LANGUAGES
    }
    kind_col, layout_col, size_col = st.columns(3)
    data["kind"] = kind_col.selectbox(
        tr("templates.kind"),
        KINDS,
        index=KINDS.index(data["kind"]),
        format_func=lambda k: tr(f"templates.kind_{k}"),
        key=f"{prefix}_kind",
        disabled=read_only,
    )
    layouts, sizes = list(LAYOUTS), list(SIZES)
    image = dict(data.get("image") or {})
    image["layout"] = layout_col.selectbox(
        tr("templates.layout"),
        layouts,
        index=layouts.index(image["layout"]) if image.get("layout") in layouts else 0,
        format_func=lambda name: LAYOUTS[name].title(locale()),
        key=f"{prefix}_layout",
        disabled=read_only,
    )
    image["size"] = size_col.selectbox(
        tr("templates.size"),
        sizes,
        index=sizes.index(image["size"]) if image.get("size") in sizes else 0,
        format_func=size_label,
        key=f"{prefix}_size",
        disabled=read_only,
    )
    with st.expander(tr("templates.image_texts")):
        for key in ("title", "subtitle"):
            value = st.text_input(
                tr(f"templates.image_{key}"),
                value=image.get(key, ""),
                key=f"{prefix}_image_{key}",
                disabled=read_only,
            )
            image.pop(key, None)
            if value.strip():
                image[key] = value
        alt = {
            lang: st.text_input(
                tr("templates.image_alt", lang=lang.upper()),
                value=(image.get("alt") or {}).get(lang, ""),
                key=f"{prefix}_image_alt_{lang}",
                disabled=read_only,
            )
            for lang in LANGUAGES
        }
        image.pop("alt", None)
        if any(v.strip() for v in alt.values()):
            image["alt"] = {k: v for k, v in alt.items() if v.strip()}
    data["image"] = image
    data["hashtags"] = st.text_input(
        tr("compose.hashtags"),
        value=" ".join(data.get("hashtags") or []),
        key=f"{prefix}_hashtags",
        disabled=read_only,
    ).split()
    st.markdown(f"**{tr('templates.fields')}**")
    rows = st.data_editor(
        pd.DataFrame(fields_to_rows(data["fields"]), columns=list(FIELD_COLUMNS)),
        num_rows="fixed" if read_only else "dynamic",
        disabled=read_only,
        key=f"{prefix}_fields",
        column_config={
            **_headers("field_col", FIELD_COLUMNS),
            "type": st.column_config.SelectboxColumn(
                tr("templates.field_col.type"), options=list(FIELD_TYPES), required=True
            ),
            "required": st.column_config.CheckboxColumn(tr("templates.field_col.required")),
        },
        hide_index=True,
    )
    data["_field_rows"] = rows.to_dict("records")
    if data["kind"] in EVENT_KINDS:
        st.markdown(f"**{tr('templates.campaign')}**")
        steps = st.data_editor(
            pd.DataFrame(
                steps_to_rows(data.get("campaign") or []),
                columns=list(STEP_COLUMNS),
            ),
            num_rows="fixed" if read_only else "dynamic",
            disabled=read_only,
            key=f"{prefix}_campaign",
            hide_index=True,
            column_config=_headers("step_col", STEP_COLUMNS),
        )
        data["_step_rows"] = steps.to_dict("records")
    st.markdown(f"**{tr('templates.texts')}**")
    st.caption(tr("templates.texts_help"))
    data["text"] = _text_inputs(data, prefix, read_only)
    return data


def _assemble(data: dict[str, Any]) -> dict[str, Any]:
    """Editor data → template data (grid rows back to fields and steps)."""
    own = {k: v for k, v in data.items() if not k.startswith("_")}  # "_": the editor's rows
    return with_rows(own, data.get("_field_rows", []), data.get("_step_rows"))


def _live_preview(data: dict[str, Any], source: str) -> ContentTemplate | None:
    st.subheader(tr("templates.preview"))
    try:
        tpl = parse_template(data, source, origin="app")
    except TemplateProblem as exc:
        st.error(tr("templates.problem", reason=str(exc)))
        return None
    lang = st.radio(tr("app.language"), LANGUAGES, horizontal=True, key="preview_lang")
    for platform, (text, result) in example_texts(tpl, get_settings().tz, lang).items():
        st.markdown(f"**{tr(f'platform.{platform}')}** · {counter(result.length, result.limit)}")
        st.html(preview_html(build_preview(platform, text, locale=lang), account=tr("app.title")))
        for problem in result.errors:
            st.error(plain(problem.text(locale())))
        for problem in result.warnings:
            st.warning(plain(problem.text(locale())))
    return tpl


def _history(tpl: ContentTemplate, record: TemplateRecord) -> None:
    with st.expander(tr("templates.history", count=record.version)):
        with session_scope() as session:
            versions = history(session, tpl.id)
        tz = get_settings().tz
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("templates.version"): v.version,
                        tr("templates.saved_at"): format_datetime(v.created_at, tz, locale()),
                        tr("templates.author"): v.author or "—",
                    }
                    for v in versions
                ]
            ),
            hide_index=True,
        )
        older = [v.version for v in versions if v.version != record.version]
        if older and allowed(Action.EDIT_TEMPLATES):
            chosen = st.selectbox(tr("templates.version"), older, key="restore_version")
            if st.button(tr("templates.restore"), key="restore_btn"):
                try:
                    with session_scope() as session:
                        restore_version(session, tpl.id, chosen, actor=current_actor())
                except (TemplateProblem, TemplateConflict, PermissionDenied) as exc:
                    st.error(tr("templates.refused", reason=error_text(exc)))
                    return
                st.session_state["template_message"] = tr("templates.restored", version=chosen)
                st.rerun()


def _actions(tpl: ContentTemplate, found: dict[str, ContentTemplate]) -> None:
    dup_col, export_col = st.columns(2)
    if allowed(Action.EDIT_TEMPLATES):
        with dup_col:
            _duplicate(tpl)
    with export_col:
        st.download_button(
            tr("templates.export"),
            data=export_yaml(tpl).encode("utf-8"),
            file_name=f"{tpl.id}.yaml",
            mime="application/x-yaml",
            key="export_btn",
        )


def _duplicate(tpl: ContentTemplate) -> None:
    """Copy any template (a file one too) into an app template under a new id."""
    new_id = st.text_input(tr("templates.duplicate_id"), value=f"{tpl.id}-salinan")
    if st.button(tr("templates.duplicate"), key="duplicate_btn"):
        try:
            with session_scope() as session:
                record = duplicate_template(session, tpl.id, new_id.strip(), actor=current_actor())
                saved = record.id
            st.session_state["template_next"] = saved
            st.session_state["template_message"] = tr("templates.saved", id=saved, version=1)
            st.rerun()
        except (TemplateProblem, ValueError, PermissionDenied) as exc:
            st.error(tr("templates.refused", reason=error_text(exc)))


def page() -> None:
    st.header(tr("templates.header"))
    if message := st.session_state.pop("template_message", None):
        st.success(message)
    with session_scope() as session:
        found = catalog(session)
        records = app_records(session)
    if found.problems:
        with st.expander(tr("templates.problems", count=len(found.problems))):
            for problem in found.problems:
                st.error(plain(problem))
    chosen = _chooser(found.templates)
    if chosen == NEW:
        if allowed(Action.EDIT_TEMPLATES):
            _new_form(found.templates)
        return
    tpl = found.templates[chosen]
    record = records.get(tpl.id)
    if tpl.origin == "file":
        st.info(tr("templates.read_only", source=tpl.source))
    edit_col, preview_col = st.columns([3, 2])
    with edit_col:
        data = _editor(tpl, record)
        try:
            assembled = _assemble(data)
        except TemplateProblem as exc:
            assembled = None
            st.error(tr("templates.problem", reason=str(exc)))
    with preview_col:
        checked = _live_preview(assembled, f"app:{tpl.id}") if assembled else None
    if record is not None and allowed(Action.EDIT_TEMPLATES):
        if st.button(
            tr("templates.save"), type="primary", disabled=checked is None, key="save_btn"
        ):
            _save(assembled, record.version, found.templates)
        _history(tpl, record)
        with st.expander(tr("templates.delete")):
            confirm = st.checkbox(tr("templates.delete_confirm", id=tpl.id), key="delete_confirm")
            if st.button(tr("templates.delete"), disabled=not confirm, key="delete_btn"):
                with session_scope() as session:
                    delete_template(session, tpl.id, actor=current_actor())
                st.session_state["template_next"] = NEW
                st.rerun()
    _actions(tpl, found.templates)


page()
