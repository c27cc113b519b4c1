"""Rendering a layout to image bytes: deterministic, stripped of metadata, ready to post."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from planner.imaging.brand import DEFAULT_BRAND, Brand
from planner.imaging.cache import RenderCache, default_cache, render_key
from planner.imaging.layouts import Drawn, LayoutInput, layout_named
from planner.imaging.output import encode, encode_jpeg, spec_for
from planner.imaging.sizes import size_named

__all__ = ["Rendered", "draw", "encode_jpeg", "render", "render_jpeg"]


@dataclass(frozen=True)
class Rendered:
    data: bytes
    mime: str
    key: str  # the cache key ("" when rendered without the cache)
    width: int
    height: int
    cached: bool = False


def brand_for(data: LayoutInput, brand: Brand | None = None) -> Brand:
    """The brand to draw with: given explicitly, carried by the input, or the demo one."""
    return brand or data.brand or DEFAULT_BRAND


def draw(
    layout: str,
    size: str,
    data: LayoutInput,
    brand: Brand | None = None,
    *,
    keep_background: bool = False,
) -> Drawn:
    """Lay out `data` on a canvas; the result keeps the text boxes for checking."""
    return layout_named(layout)(size_named(size), data, brand_for(data, brand), keep_background)


def render(
    layout: str,
    size: str,
    data: LayoutInput,
    brand: Brand | None = None,
    *,
    fmt: str = "jpeg",
    platform: str | None = None,
    cache: RenderCache | bool = True,
) -> Rendered:
    """The finished image, from the cache when exactly this picture was made before.

    `platform` applies that platform's accepted formats and byte limit; `cache=False`
    always draws (benchmarks), `True` uses the data directory's cache.
    """
    layout_named(layout)
    preset = size_named(size)
    spec = spec_for(fmt, platform)
    chosen = brand_for(data, brand)
    store = default_cache() if cache is True else cache or None
    key = render_key(layout, size, data, chosen, spec) if store is not None else ""
    if store is not None:
        hit = store.get(key, spec.format)
        if hit is not None:
            return Rendered(hit, spec.mime, key, preset.width, preset.height, cached=True)
    image: Image.Image = draw(layout, size, data, chosen).image
    payload = encode(image, spec)
    if store is not None:
        store.put(key, spec.format, payload)
    return Rendered(payload, spec.mime, key, preset.width, preset.height)


def render_jpeg(layout: str, size: str, data: LayoutInput, brand: Brand | None = None) -> bytes:
    """The finished image as JPEG bytes (cached under the data directory)."""
    return render(layout, size, data, brand).data
