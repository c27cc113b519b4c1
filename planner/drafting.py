"""From an event, collection items or typed-in values and a template to a draft per platform.

A draft is a proposal, not a post: texts for X, Facebook and Instagram, a branded image, alt
text, hashtags and a link, all editable before anything is scheduled. Campaigns (one event,
several posts) are built from drafts in campaigns.py.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import object_session
from sqlmodel import Session

from planner.brand_kit import active_brand
from planner.config import Settings, get_settings
from planner.imaging.alt_text import describe
from planner.imaging.brand import DEFAULT_BRAND, Brand
from planner.imaging.layouts import LayoutInput
from planner.imaging.render import render_jpeg
from planner.limits import PLATFORMS
from planner.media import store_image
from planner.models import CollectionItem, Event, MediaAsset, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.source_images import event_input, item_cover, item_input
from planner.sources import EVENT_FIELDS, ITEM_FIELDS, ensure_cover, event_context, item_context
from planner.templates.model import (
    EVENT_KINDS,
    ContentTemplate,
    FieldSpec,
    TemplateProblem,
    coerce_value,
    render,
    render_context,
    render_string,
)
from planner.templates.store import Catalog, catalog
from planner.utm import tag_text
from planner.validation import EventFacts, ValidationResult, validate

# What a draft starts from: the template kinds that fit each source, the everyday template
# of each, and the fields the source fills by itself (a person types in the rest).
SOURCE_KINDS = {"event": EVENT_KINDS, "collection": ("collection",), "service": ("service",)}
DEFAULT_TEMPLATES = {
    "event": "event-announcement",
    "collection": "new-arrival",
    "service": "opening-hours",
}
FILLED_BY_SOURCE = {
    "event": frozenset(EVENT_FIELDS),
    "collection": frozenset(ITEM_FIELDS),
    "service": frozenset(),
}


class DraftError(ValueError):
    """A draft that cannot be made (unknown template or source, missing value), said plainly."""


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
    hashtags: list[str] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)
    locale: str = "id"

    def as_dict(self) -> dict[str, Any]:
        """The draft as plain data (CLI --json, tests)."""
        data = asdict(self)
        data["template"] = data.pop("template_id")
        return data


def get_template(template_id: str, settings: Settings | None, session: Session) -> ContentTemplate:
    """A template by id, files and app-made alike (the catalog's lookup), or DraftError."""
    try:
        return catalog(session, settings).get(template_id)
    except ValueError as exc:
        raise DraftError(str(exc)) from None


def templates_for(found: Catalog, source: str, locale: str) -> dict[str, ContentTemplate]:
    """The templates that fit the source: its everyday one first, the rest by title."""
    fitting = found.of_kind(*SOURCE_KINDS[source])
    order = sorted(
        fitting,
        key=lambda tid: (tid != DEFAULT_TEMPLATES[source], fitting[tid].title(locale).casefold()),
    )
    return {tid: fitting[tid] for tid in order}


def fields_to_ask(tpl: ContentTemplate, source: str) -> list[FieldSpec]:
    """The template's fields a person types in: those the source does not fill.

    A list of items is chosen from the collection, never typed.
    """
    filled = FILLED_BY_SOURCE[source]
    return [f for f in tpl.fields if f.name not in filled and f.type != "items"]


def missing_fields(tpl: ContentTemplate, source: str, values: dict[str, Any]) -> list[FieldSpec]:
    """The required fields to type in that are still empty (before making a draft)."""
    return [
        f for f in fields_to_ask(tpl, source) if f.required and values.get(f.name) in (None, "", [])
    ]


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


@dataclass
class _Source:
    context: dict[str, Any]
    layout: LayoutInput
    title: str
    link: str


def _event_source(session: Session, event_id: int, settings: Settings, locale: str) -> _Source:
    event = session.get(Event, event_id)
    if event is None:
        raise DraftError(f"no event with id {event_id}")
    layout, _ = _event_image(event, settings, locale)  # the event's photo is in the layout
    return _Source(event_context(event, settings.tz), layout, event.title, event.registration_url)


def _items_source(
    session: Session, tpl: ContentTemplate, item_ids: list[int], locale: str
) -> _Source:
    items: list[CollectionItem] = []
    for item_id in item_ids:
        item = session.get(CollectionItem, item_id)
        if item is None:
            raise DraftError(f"no collection item with id {item_id}")
        items.append(item)
    list_field = next((f.name for f in tpl.fields if f.type == "items"), None)
    if list_field is None:
        if len(items) != 1:
            raise DraftError(f"template {tpl.id!r} is about one item; choose exactly one")
        item = items[0]
        ensure_cover(session, item)
        layout, _ = _item_image(session, item, locale)
        return _Source(item_context(item), layout, item.title, item.opac_url)
    books = [item_context(i) for i in items]
    heading = f"{len(items)} koleksi baru" if locale == "id" else f"{len(items)} new arrivals"
    titles = [i.title for i in items]
    layout = LayoutInput(
        title=heading,
        details=titles[:6],
        covers=[item_cover(session, i) for i in items[:6]],
        locale=locale,
        brand=active_brand(session),
    )
    return _Source({list_field: books}, layout, heading, "")


def _values_from_form(tpl: ContentTemplate, values: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in values.items():
        spec = tpl.field_named(name)
        if spec is None or value in (None, "", []):
            continue
        try:
            clean[name] = coerce_value(spec, value)
        except ValueError as exc:
            raise DraftError(f"{spec.title()}: {exc}") from exc
    return clean


def _source_for(
    session: Session,
    tpl: ContentTemplate,
    *,
    event_id: int | None,
    item_ids: list[int],
    settings: Settings,
    locale: str,
) -> _Source | None:
    if tpl.kind in EVENT_KINDS:
        if item_ids or event_id is None:
            raise DraftError(f"template {tpl.id!r} is for events; choose an event")
        return _event_source(session, event_id, settings, locale)
    if tpl.kind == "collection":
        if event_id is not None or not item_ids:
            raise DraftError(f"template {tpl.id!r} is for collection items; choose one or more")
        return _items_source(session, tpl, item_ids, locale)
    if event_id is not None or item_ids:
        raise DraftError(f"template {tpl.id!r} needs no event or item; fill in its fields")
    return None


def make_draft(
    session: Session,
    template_id: str,
    *,
    actor: Actor,
    event_id: int | None = None,
    item_id: int | None = None,
    item_ids: list[int] | None = None,
    values: dict[str, Any] | None = None,
    hashtags: list[str] | None = None,
    link: str | None = None,
    locale: str = "id",
    settings: Settings | None = None,
) -> Draft:
    """Texts for X, Facebook and Instagram plus a branded image, ready to edit.

    `values` fill (or override) template fields the source does not give, e.g. the number
    of attendees of a recap; `hashtags` and `link` replace the template's and the source's.
    The rendered image is stored, so drafting is checked (and the image credited to `actor`).
    """
    check(session, actor, Action.DRAFT_POST, ("template", template_id))
    settings = settings or get_settings()
    tpl = get_template(template_id, settings, session)
    ids = list(item_ids or []) + ([item_id] if item_id is not None else [])
    source = _source_for(
        session, tpl, event_id=event_id, item_ids=ids, settings=settings, locale=locale
    )
    context = dict(source.context) if source else {}
    context.update(_values_from_form(tpl, values or {}))
    chosen_link = source.link if source and link is None else (link or "")
    context["link"] = chosen_link
    for name in ("registration_url", "opac_url"):
        if name in context and link is not None:
            context[name] = link
    brand = active_brand(session)
    context.setdefault("library", brand.name)
    tags = list(tpl.hashtags if hashtags is None else hashtags)
    try:
        texts = {p: render(tpl, p, context, settings.tz, locale, hashtags=tags) for p in PLATFORMS}
        layout, alt, title = _image_for(tpl, source, context, tags, settings, locale, brand)
    except TemplateProblem as exc:
        raise DraftError(exc.reason) from exc
    image = render_jpeg(
        tpl.image.get("layout", "event_poster"), tpl.image.get("size", "square"), layout
    )
    asset = store_image(session, image, kind="render", alt_text=alt, uploaded_by_id=actor.id)
    audit.record(session, actor, "post.draft", ("template", tpl.id), media_asset_id=asset.id)
    return Draft(
        template_id=tpl.id,
        title=title,
        texts=texts,
        alt_text=alt,
        link=chosen_link,
        media_asset_id=asset.id,
        event_id=event_id,
        item_id=ids[0] if len(ids) == 1 else None,
        hashtags=tags,
        item_ids=ids,
        locale=locale,
    )


def _image_for(
    tpl: ContentTemplate,
    source: _Source | None,
    context: dict[str, Any],
    tags: list[str],
    settings: Settings,
    locale: str,
    brand: Brand,
) -> tuple[LayoutInput, str, str]:
    """The layout input, alt text and draft title; the template's image texts win when set."""
    values = render_context(tpl, context, tags)
    lang = locale if locale in tpl.text else "id"

    def snippet(body: str) -> str:
        return render_string(tpl, body, values, settings.tz, lang).strip()

    spec = tpl.image
    alt_texts = spec.get("alt") or {}
    alt_body = alt_texts.get(lang) or alt_texts.get("id")
    if source is not None:
        layout, title = source.layout, source.title
    else:
        title = snippet(spec["title"]) if spec.get("title") else tpl.title(locale)
        layout = LayoutInput(title=title, locale=locale, brand=brand)
    if spec.get("subtitle"):
        layout.subtitle = snippet(spec["subtitle"])
    # The description follows the layout the template really draws (children, notice, …).
    layout_name = spec.get("layout", "event_poster")
    alt = snippet(alt_body) if alt_body else describe(layout_name, layout, brand.name)
    return layout, alt, title


def draft_image(session: Session, draft: Draft) -> MediaAsset | None:
    """The stored image the draft's posts will carry, if it has one."""
    return session.get(MediaAsset, draft.media_asset_id) if draft.media_asset_id else None


def event_facts(
    session: Session, draft: Draft, settings: Settings | None = None, *, at: datetime | None = None
) -> EventFacts | None:
    """What the draft's event still to come must tell (None after the event or without one)."""
    if draft.event_id is None:
        return None
    event = session.get(Event, draft.event_id)
    settings = settings or get_settings()
    if event is None or event.starts_at <= (at or utcnow()):
        return None
    return EventFacts(starts_at=event.starts_at, place=event.place, tz=settings.tz)


def check_draft(
    draft: Draft,
    texts: dict[str, str] | None = None,
    *,
    alt_text: str | None = None,
    facts: EventFacts | None = None,
    platforms: tuple[str, ...] = PLATFORMS,
    x_thread: bool = False,
) -> dict[str, ValidationResult]:
    """Each platform's validation of the draft (or of edited `texts` / `alt_text`).

    Texts are checked as they will go out, their links UTM-tagged (planner/utm.py).
    """
    texts = texts or draft.texts
    alt = draft.alt_text if alt_text is None else alt_text
    images = 1 if draft.media_asset_id else 0
    return {
        p: validate(
            p,
            tag_text(texts[p], platform=p, campaign=draft.template_id),
            image_count=images,
            alt_texts=[alt] * images,
            event=facts,
            thread=x_thread,
        )
        for p in platforms
    }


def example_texts(
    tpl: ContentTemplate, tz: ZoneInfo, locale: str
) -> dict[str, tuple[str, ValidationResult]]:
    """Each platform's text of the template filled with its examples, and that text's check.

    Checked as a draft would be, with one described image (the template editor's preview).
    """
    texts = {p: render(tpl, p, tpl.example_context(), tz, locale) for p in PLATFORMS}
    return {
        p: (text, validate(p, text, image_count=1, alt_texts=["preview"]))
        for p, text in texts.items()
    }
