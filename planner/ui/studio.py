"""Image studio: one branded image from any layout and size, or a whole month at once."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from planner.brand_kit import active_brand
from planner.config import get_settings
from planner.db import session_scope
from planner.imaging.alt_text import describe
from planner.imaging.batch import default_workers, render_batch, zip_results
from planner.imaging.brand import Brand
from planner.imaging.errors import ImagingError
from planner.imaging.layouts import LAYOUTS, TEXT_FIELDS, LayoutInput
from planner.imaging.render import render
from planner.imaging.samples import sample_input
from planner.imaging.sizes import SIZES
from planner.imaging.text import left_out
from planner.limits import PLATFORMS
from planner.media import MediaError, asset_path, list_photos, save_render
from planner.people.roles import Action, PermissionDenied
from planner.source_images import batch_inputs, covers_of, jobs_for
from planner.sources import list_items
from planner.ui.runtime import error_text, hint, locale, plain, size_label, tr
from planner.ui.session import allowed, current_actor

# Which slots each layout shows, beyond title, kicker and subtitle.
FIELDS = {
    "event_poster": ["date", "time", "place", "speaker", "audience", "day", "month", "photo"],
    "children": ["date", "time", "place", "speaker", "audience", "photo"],
    "new_arrival": ["author", "call_number", "details", "photo"],
    "book_list": ["books"],
    "quote_card": ["quote", "attribution", "photo"],
    "notice": ["rows", "details"],
    "statistic": ["number", "label", "details"],
}
TEXT_SLOTS = set(TEXT_FIELDS) - {"title", "kicker", "subtitle"}  # those three come first
PLATFORM_CHOICES = ["", *PLATFORMS]  # "" renders for any platform
BATCH_LAYOUTS = {
    "events": ["event_poster", "children"],
    "items": ["new_arrival", "quote_card", "book_list"],
}


# Layouts that show the subtitle only in place of a missing date and time (their when-line).
SUBTITLE_FALLBACK = ("children",)


def _photo_picker(layout: str) -> str | None:
    with session_scope() as session:
        options = {
            a.id: (f"#{a.id} {a.original_name or a.kind}", str(asset_path(a)))
            for a in list_photos(session, limit=100)
        }
    chosen = st.selectbox(
        tr("studio.photo"),
        [None, *options],
        format_func=lambda i: tr("studio.no_photo") if i is None else options[i][0],
        key=f"studio_{layout}_photo",
    )
    return options[chosen][1] if chosen is not None else None


def _fields(layout: str) -> LayoutInput:
    """The studio form for `layout`, prefilled with demo content."""
    sample = sample_input(layout, None, locale())
    key = f"studio_{layout}"
    data = LayoutInput(
        title=st.text_input(tr("studio.title"), sample.title, key=f"{key}_title"),
        kicker=st.text_input(tr("studio.kicker"), sample.kicker, key=f"{key}_kicker"),
        subtitle=st.text_input(
            tr("studio.subtitle"),
            sample.subtitle,
            key=f"{key}_subtitle",
            help=tr(f"studio.subtitle_in.{layout}") if layout in SUBTITLE_FALLBACK else None,
        ),
        locale=locale(),
    )
    wanted = FIELDS[layout]
    columns = st.columns(2)
    text_slots = [f for f in wanted if f in TEXT_SLOTS]
    for index, name in enumerate(text_slots):
        value = columns[index % 2].text_input(
            tr(f"studio.{name}"), getattr(sample, name), key=f"{key}_{name}"
        )
        setattr(data, name, value)
    if "rows" in wanted:
        text = st.text_area(
            tr("studio.rows"),
            "\n".join(f"{a} = {b}" for a, b in sample.rows),
            key=f"{key}_rows",
        )
        data.rows = [
            (a.strip(), b.strip())
            for a, _, b in (line.partition("=") for line in text.splitlines())
            if a.strip()
        ]
    if "details" in wanted:
        text = st.text_area(tr("studio.details"), "\n".join(sample.details), key=f"{key}_details")
        data.details = [line.strip() for line in text.splitlines() if line.strip()]
    if "books" in wanted:
        with session_scope() as session:
            items = {i.id: i.title for i in list_items(session, limit=60)}
        chosen = st.multiselect(
            tr("studio.books"),
            list(items),
            default=list(items)[:4],
            max_selections=6,
            format_func=items.get,
            placeholder=hint(items),
            key=f"{key}_books",
        )
        with session_scope() as session:
            data.covers = covers_of(session, chosen)
    if "photo" in wanted:
        photo = _photo_picker(layout)
        data.image = Path(photo) if photo else None
    return data


def _single() -> None:
    form, result_column = st.columns([3, 2], gap="large")
    with form:
        left, right = st.columns(2)
        layout = left.selectbox(
            tr("studio.layout"),
            list(LAYOUTS),
            format_func=lambda n: LAYOUTS[n].title(locale()),
            key="studio_layout",
        )
        size = right.selectbox(
            tr("studio.size"), list(SIZES), format_func=size_label, key="studio_size"
        )
        data = _fields(layout)
        left, right = st.columns(2)
        platform = left.selectbox(
            tr("studio.platform"),
            PLATFORM_CHOICES,
            format_func=lambda p: tr(f"platform.{p}") if p else tr("studio.any_platform"),
            key="studio_platform",
        )
        fmt = right.radio(
            tr("studio.format"), ["jpeg", "png"], horizontal=True, key="studio_format"
        )
        clicked = st.button(tr("studio.render"), type="primary", key="studio_render")
    with result_column:
        if clicked:
            _render_one(layout, size, data, fmt, platform)
        _show_result()


def _left_out(data: LayoutInput, brand: Brand) -> str:
    """Characters typed into the image's texts that its fonts cannot draw (emoji)."""
    heading = [data.title, data.kicker, data.subtitle, data.quote, data.number, data.label]
    body = [*data.details, data.place, data.speaker, data.audience, data.author]
    body += [part for row in data.rows for part in row]
    missing = left_out(" ".join(heading), brand.font_path("heading"))
    missing += left_out(" ".join(body), brand.font_path("body"))
    return " ".join(dict.fromkeys(missing))


def _render_one(layout: str, size: str, data: LayoutInput, fmt: str, platform: str) -> None:
    with session_scope() as session:
        brand = active_brand(session)
    try:
        out = render(layout, size, data, brand, fmt=fmt, platform=platform or None)
    except ImagingError as exc:
        st.error(error_text(exc))
        return
    st.session_state["studio_result"] = (out.data, out.mime, layout, size, fmt)
    st.session_state["studio_left_out"] = _left_out(data, brand)
    st.session_state["studio_alt"] = describe(layout, data, brand.name)


def _show_result() -> None:
    result = st.session_state.get("studio_result")
    if not result:
        st.info(tr("studio.empty"))
        return
    payload, mime, layout_done, size_done, fmt_done = result
    if left := st.session_state.get("studio_left_out"):
        st.warning(tr("studio.left_out", chars=left))
    layout_name, size_name = LAYOUTS[layout_done].title(locale()), size_label(size_done)
    st.image(
        payload,
        caption=f"{layout_name} · {size_name}",
        alt=st.session_state.get("studio_alt")
        or tr("a11y.studio_result", layout=layout_name, size=size_name),
    )
    st.text_area(tr("compose.alt_text"), key="studio_alt")
    ext = "png" if fmt_done == "png" else "jpg"
    left, right = st.columns(2)
    left.download_button(
        tr("studio.download"), payload, f"{layout_done}-{size_done}.{ext}", mime, key="studio_dl"
    )
    if allowed(Action.RENDER_IMAGE) and right.button(tr("studio.save"), key="studio_save"):
        try:
            with session_scope() as session:
                asset = save_render(
                    session, payload, actor=current_actor(), alt_text=st.session_state["studio_alt"]
                )
                st.success(tr("media.stored", id=asset.id))
        except (MediaError, PermissionDenied) as exc:
            st.error(error_text(exc))


def _batch() -> None:
    source = st.radio(
        tr("studio.batch_source"),
        list(BATCH_LAYOUTS),
        horizontal=True,
        format_func=lambda s: tr(f"studio.batch_{s}"),
        key="studio_batch_source",
    )
    layout = st.selectbox(
        tr("studio.layout"),
        BATCH_LAYOUTS[source],
        format_func=lambda n: LAYOUTS[n].title(locale()),
        key=f"studio_batch_layout_{source}",
    )
    sizes = st.multiselect(
        tr("studio.sizes"),
        list(SIZES),
        default=["square", "portrait", "landscape"],
        format_func=size_label,
        placeholder=hint(SIZES),
        key="studio_batch_sizes",
    )
    with session_scope() as session:
        brand = active_brand(session)
        inputs = batch_inputs(session, source, get_settings().tz, locale())
    jobs = jobs_for(inputs, layout, sizes, brand)
    st.caption(tr("studio.batch_count", images=len(jobs), cores=default_workers()))
    if st.button(
        tr("studio.batch_render"), type="primary", key="studio_batch_go", disabled=not jobs
    ):
        bar = st.progress(0.0, text=tr("studio.progress", done=0, total=len(jobs)))
        results = render_batch(
            jobs,
            progress=lambda done, total: bar.progress(
                done / total, text=tr("studio.progress", done=done, total=total)
            ),
        )
        st.session_state["studio_batch"] = zip_results(results)
    done = st.session_state.get("studio_batch")
    if done:
        archive, count, failed = done
        st.success(tr("studio.batch_done", images=count))
        for problem in failed:
            st.error(plain(problem))
        st.download_button(
            tr("studio.batch_download"), archive, "gambar.zip", "application/zip", key="studio_zip"
        )


def page() -> None:
    st.header(tr("studio.header"))
    single, batch = st.tabs([tr("studio.single"), tr("studio.batch")])
    with single:
        _single()
    with batch:
        _batch()


page()
