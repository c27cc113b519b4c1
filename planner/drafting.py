"""From an event or collection item and a template to a draft for every platform."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import object_session
from sqlmodel import Session

from planner.config import Settings, get_settings
from planner.imaging.alt_text import describe
from planner.imaging.brand import DEFAULT_BRAND
from planner.imaging.brand_kit import active_brand
from planner.imaging.layouts import LayoutInput
from planner.imaging.records import event_input, item_input
from planner.imaging.render import render_jpeg
from planner.media import store_image
from planner.models import CollectionItem, Event
from planner.sources import event_context, item_context
from planner.templates import PLATFORMS, ContentTemplate, available_templates, render


class DraftError(ValueError):
    """A draft that cannot be made (unknown template or source), said plainly."""


@dataclass
class Draft:
    template_id: str
    title: str
    texts: dict[str, str]
    alt_text: str
    link: str = ""
    media_asset_id: int | None = None
    event_id: int | None = None
    item_id: int | None = None
    problems: list[str] = field(default_factory=list)


def get_template(template_id: str, settings: Settings | None = None) -> ContentTemplate:
    """A template by id, or DraftError naming the ones that exist."""
    settings = settings or get_settings()
    templates, _ = available_templates(settings.templates_dir)
    try:
        return templates[template_id]
    except KeyError as exc:
        raise DraftError(
            f"no template {template_id!r}; known: {', '.join(sorted(templates))}"
        ) from exc


def _event_image(event: Event, settings: Settings, locale: str) -> tuple[LayoutInput, str]:
    """What an event's image shows (every layout slot filled, in the saved brand) and its alt."""
    session = object_session(event)
    brand = active_brand(session) if session is not None else DEFAULT_BRAND
    data = event_input(session, event, settings.tz, locale, brand)
    return data, describe("event_poster", data)


def _item_image(session: Session, item: CollectionItem, locale: str) -> tuple[LayoutInput, str]:
    """What a collection item's image shows (cover, related books) and its proposed alt text."""
    brand = active_brand(session)
    data = item_input(session, item, locale, brand)
    return data, describe("new_arrival", data, brand.name)


def make_draft(
    session: Session,
    template_id: str,
    *,
    event_id: int | None = None,
    item_id: int | None = None,
    locale: str = "id",
    settings: Settings | None = None,
) -> Draft:
    """Texts for X, Facebook and Instagram plus a branded image, ready to edit."""
    settings = settings or get_settings()
    tpl = get_template(template_id, settings)
    if (event_id is None) == (item_id is None):
        raise DraftError("choose exactly one event or one collection item")
    context: dict[str, Any]
    if event_id is not None:
        event = session.get(Event, event_id)
        if event is None:
            raise DraftError(f"no event with id {event_id}")
        context = event_context(event, settings.tz)
        layout_input, alt = _event_image(event, settings, locale)
        title, link = event.title, event.registration_url
    else:
        item = session.get(CollectionItem, item_id)
        if item is None:
            raise DraftError(f"no collection item with id {item_id}")
        context = item_context(item)
        layout_input, alt = _item_image(session, item, locale)
        title, link = item.title, item.opac_url
    texts = {p: render(tpl, p, context, settings.tz, locale) for p in PLATFORMS}
    layout = tpl.image.get("layout", "event_poster")
    size = tpl.image.get("size", "square")
    image = render_jpeg(layout, size, layout_input)
    asset = store_image(session, image, kind="render", alt_text=alt)
    return Draft(
        template_id=tpl.id,
        title=title,
        texts=texts,
        alt_text=alt,
        link=link or "",
        media_asset_id=asset.id,
        event_id=event_id,
        item_id=item_id,
    )
