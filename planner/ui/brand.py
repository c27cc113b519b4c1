"""Brand kit: the library's name, colours, fonts, logo and footer, with a live preview."""

from __future__ import annotations

import streamlit as st
from PIL import Image

from planner.brand_kit import (
    active_brand,
    check_logo,
    palette_checks,
    reset_brand,
    save_brand,
    with_unsaved_logo,
)
from planner.db import session_scope
from planner.imaging.brand import Brand, BrandError, Palette, available_fonts
from planner.imaging.layouts import LAYOUTS
from planner.imaging.render import draw
from planner.imaging.samples import sample_input
from planner.imaging.sizes import SIZES
from planner.limits import PHOTO_UPLOAD_MB
from planner.people.roles import Action, PermissionDenied
from planner.ui.runtime import error_text, locale, size_label, tr
from planner.ui.session import allowed, current_actor

COLOURS = ("primary", "secondary", "accent", "light", "dark")
PREVIEW_WIDTH = 360


def _form(saved: Brand) -> tuple[Brand, bytes | None, bool]:
    """The edited brand (not yet saved), a newly chosen logo, and whether to drop the logo."""
    name = st.text_input(tr("brand.name"), value=saved.name, key="brand_name")
    columns = st.columns(len(COLOURS))
    colours = {
        c: columns[i].color_picker(
            tr(f"brand.colour_{c}"), value=getattr(saved.palette, c), key=f"brand_colour_{c}"
        )
        for i, c in enumerate(COLOURS)
    }
    fonts = available_fonts()
    left, right = st.columns(2)
    heading = left.selectbox(
        tr("brand.heading_font"),
        fonts,
        index=fonts.index(saved.heading_font) if saved.heading_font in fonts else 0,
        key="brand_heading_font",
    )
    body = right.selectbox(
        tr("brand.body_font"),
        fonts,
        index=fonts.index(saved.body_font) if saved.body_font in fonts else 0,
        key="brand_body_font",
    )
    address = st.text_input(tr("brand.address"), value=saved.address, key="brand_address")
    website = st.text_input(tr("brand.website"), value=saved.website, key="brand_website")
    socials = st.text_input(tr("brand.socials"), value=" ".join(saved.socials), key="brand_socials")
    footer = st.text_input(
        tr("brand.footer"), value=saved.footer, help=tr("brand.footer_help"), key="brand_footer"
    )
    watermark = st.checkbox(tr("brand.watermark"), value=saved.watermark, key="brand_watermark")
    logo = st.file_uploader(
        tr("brand.logo"), type=["png"], key="brand_logo", max_upload_size=PHOTO_UPLOAD_MB
    )
    remove = st.checkbox(tr("brand.remove_logo"), key="brand_remove_logo")
    edited = Brand(
        name=name,
        palette=Palette(**colours),
        heading_font=heading,
        body_font=body,
        logo=None if remove else saved.logo,
        address=address,
        website=website,
        socials=socials.replace(",", " ").split(),
        footer=footer,
        watermark=watermark,
    )
    return edited, logo.getvalue() if logo is not None else None, remove


def _palette_report(brand: Brand) -> None:
    for check in palette_checks(brand):
        label = tr(
            "brand.pair",
            text=tr(f"brand.colour_{check.text}"),
            background=tr(f"brand.colour_{check.background}"),
            ratio=f"{check.ratio:.1f}",
        )
        st.caption(f"✅ {label}" if check.ok else f"⚠️ {label} — {tr('brand.pair_low')}")


def _preview(brand: Brand) -> None:
    st.subheader(tr("brand.preview"))
    size = st.selectbox(tr("studio.size"), list(SIZES), format_func=size_label, key="brand_size")
    columns = st.columns(4)
    for index, name in enumerate(LAYOUTS):
        image = _layout_preview(name, size, brand)
        with columns[index % 4]:
            title = LAYOUTS[name].title(locale())
            st.image(
                image, caption=title, width="stretch", alt=tr("a11y.layout_preview", layout=title)
            )


def _layout_preview(name: str, size: str, brand: Brand) -> Image.Image:
    """One layout drawn with `brand`, made once per brand, size, language and logo file (the
    page reruns on every change in the form; seven renders each time were its whole cost)."""
    logo = brand.logo_path()
    stamp = (str(logo), logo.stat().st_mtime_ns, logo.stat().st_size) if logo else None
    return _drawn(name, size, locale(), repr(brand), stamp, brand)


@st.cache_resource(max_entries=8 * len(LAYOUTS), show_spinner=False)
def _drawn(name: str, size: str, lang: str, fields: str, logo: tuple | None, _brand: Brand):
    # Keyed on every argument but `_brand` (Streamlit skips names with a leading underscore),
    # which `fields` (its repr) and `logo` (its file's version) stand for.
    image = draw(name, size, sample_input(name, None, lang), _brand).image
    image.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 2))
    return image


def _save_buttons(edited: Brand, logo: bytes | None, remove: bool, invalid: bool) -> None:
    """Save and reset, for the people who may change the brand kit (managers, admins)."""
    save, reset = st.columns(2)
    if save.button(tr("brand.save"), type="primary", key="brand_save", disabled=invalid):
        try:
            with session_scope() as session:
                save_brand(session, edited, actor=current_actor(), logo=logo, remove_logo=remove)
            st.success(tr("brand.saved"))
        except (BrandError, PermissionDenied) as exc:
            st.error(error_text(exc))
    if reset.button(tr("brand.reset"), key="brand_reset"):
        try:
            with session_scope() as session:
                reset_brand(session, actor=current_actor())
        except PermissionDenied as exc:
            st.error(error_text(exc))
            return
        for key in [k for k in st.session_state if str(k).startswith("brand_")]:
            del st.session_state[key]
        st.rerun()


def page() -> None:
    st.header(tr("brand.header"))
    st.caption(tr("brand.intro"))
    with session_scope() as session:
        saved = active_brand(session)
    edited, logo, remove = _form(saved)
    warnings: list[str] = []
    try:
        preview = edited.validated()
        if logo is not None:
            warnings = check_logo(logo)
            preview = with_unsaved_logo(preview, logo)
    except BrandError as exc:
        st.error(error_text(exc))
        preview = None
    for warning in warnings:
        st.warning(tr(f"brand.warning_{warning}"))
    if allowed(Action.EDIT_BRAND):
        _save_buttons(edited, logo, remove, preview is None)
    else:
        st.caption(tr("brand.read_only"))
    if preview is not None:
        _palette_report(preview)
        _preview(preview)


page()
