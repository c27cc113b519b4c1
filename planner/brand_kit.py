"""The editable brand kit, stored in the database (BrandKit row, logo as a MediaAsset).

The renderer itself only sees a Brand value; this module turns the stored kit into one and
saves edits, checking them first so a broken kit is never stored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from sqlmodel import Session, col, select

from planner.config import Settings, get_settings
from planner.imaging.brand import DEFAULT_BRAND, Brand, BrandError
from planner.imaging.contrast import MIN_CONTRAST, contrast
from planner.imaging.inputs import ImageInputError, inspect
from planner.media import MediaError, asset_path, store_image
from planner.models import BrandKit, MediaAsset
from planner.people import audit, guard
from planner.people.actors import Actor
from planner.people.roles import Action


@dataclass(frozen=True)
class PaletteCheck:
    """How readable one text colour is on one background colour of the kit."""

    text: str  # palette field name, e.g. 'light'
    background: str  # e.g. 'primary'
    ratio: float

    @property
    def ok(self) -> bool:
        return self.ratio >= MIN_CONTRAST


def current_kit(session: Session) -> BrandKit | None:
    """The active brand kit row, if one was stored."""
    return session.exec(
        select(BrandKit).where(BrandKit.is_active).order_by(col(BrandKit.id).desc())
    ).first()


def active_brand(session: Session) -> Brand:
    """The library's brand as the renderer needs it (the demo brand when none is stored)."""
    kit = current_kit(session)
    if kit is None:
        return DEFAULT_BRAND
    brand = Brand.from_dict({**kit.data, "name": kit.name})
    if kit.logo_asset_id is not None:
        asset = session.get(MediaAsset, kit.logo_asset_id)
        path = asset_path(asset) if asset is not None else None
        brand = replace(brand, logo=str(path) if path is not None and path.is_file() else None)
    return brand


def check_logo(data: bytes) -> list[str]:
    """Refuse a logo that is not a PNG; return warnings (e.g. no transparency) otherwise."""
    try:
        facts = inspect(data)
    except ImageInputError as exc:
        raise BrandError(exc.key, **exc.values) from exc
    if facts.format != "PNG":
        raise BrandError("logo_png")
    if facts.width < 64 or facts.height < 64:
        raise BrandError("logo_small")
    return [] if facts.has_alpha else ["logo_opaque"]


def with_unsaved_logo(brand: Brand, logo: bytes, settings: Settings | None = None) -> Brand:
    """`brand` drawn with a logo chosen but not yet saved, for the editor's preview.

    The file is kept in the cache folder under its hash, so every rerun of the editor reuses
    it and nothing enters the media library before the kit is saved.
    """
    folder = (settings or get_settings()).data_dir / "cache" / "preview"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha256(logo).hexdigest()}.png"
    if not path.exists():
        path.write_bytes(logo)
    return Brand.from_dict({**brand.as_dict(), "logo": str(path)})


def save_brand(
    session: Session,
    brand: Brand,
    *,
    actor: Actor,
    logo: bytes | None = None,
    logo_name: str = "logo.png",
    remove_logo: bool = False,
) -> BrandKit:
    """Validate and store `brand` as the active kit; a new logo is stored as a MediaAsset."""
    guard.check(session, actor, Action.EDIT_BRAND, ("brand", None))
    clean = brand.validated()
    kit = current_kit(session) or BrandKit(name=clean.name, data={}, is_active=True)
    if logo is not None:
        check_logo(logo)
        try:
            asset = store_image(
                session, logo, kind="logo", original_name=logo_name, uploaded_by_id=actor.id
            )
        except MediaError as exc:
            raise BrandError(exc.key, **exc.values) from exc
        kit.logo_asset_id = asset.id
    elif remove_logo:
        kit.logo_asset_id = None
    data = clean.as_dict()
    # A stored logo lives in the media library; the shipped demo logo is named instead.
    data["logo"] = None if kit.logo_asset_id is not None or remove_logo else clean.logo
    kit.name = clean.name
    kit.data = data
    session.add(kit)
    session.flush()
    audit.record(session, actor, "brand.save", ("brand", kit.id), name=kit.name)
    return kit


def reset_brand(session: Session, *, actor: Actor) -> BrandKit:
    """Back to the demo brand kit (the uploaded logo stays in the media library)."""
    guard.check(session, actor, Action.EDIT_BRAND, ("brand", None))
    kit = current_kit(session)
    if kit is not None:
        kit.logo_asset_id = None
    return save_brand(session, DEFAULT_BRAND, actor=actor)


def palette_checks(brand: Brand) -> list[PaletteCheck]:
    """Contrast of the kit's text colours on its backgrounds, for the editor to show.

    A pair below 4.5:1 is not an error (layouts then fall back to black or white text)
    but the editor says so, because the brand will look different from what was chosen.
    """
    pal = brand.palette
    pairs = [
        ("light", "primary"),
        ("dark", "secondary"),
        ("light", "accent"),
        ("dark", "light"),
    ]
    return [
        PaletteCheck(text, bg, round(contrast(getattr(pal, text), getattr(pal, bg)), 2))
        for text, bg in pairs
    ]
