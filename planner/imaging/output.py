"""Encoding finished images: JPEG or PNG, sRGB, no metadata, under each platform's byte limit.

The canvas is drawn in sRGB and photos are converted to sRGB on the way in, so the output
is untagged sRGB (what browsers and the platforms assume). Nothing but pixels is written:
no EXIF, no XMP, no comment, no colour profile. The same image always gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

from PIL import Image

from planner.imaging.errors import ImagingError
from planner.limits import LIMITS

Format = Literal["jpeg", "png"]
FORMATS: tuple[Format, ...] = ("jpeg", "png")
MIME: dict[str, str] = {"jpeg": "image/jpeg", "png": "image/png"}
EXTENSION: dict[str, str] = {"jpeg": ".jpg", "png": ".png"}
JPEG_QUALITY = 90
# Stepped down only when a platform's byte limit requires it.
_FALLBACK_QUALITIES = (85, 80, 75, 70, 65, 60)


class OutputError(ImagingError):
    """An image that cannot be delivered in the requested form, said in one sentence."""


@dataclass(frozen=True)
class OutputSpec:
    format: Format = "jpeg"
    max_bytes: int | None = None
    platform: str | None = None

    @property
    def mime(self) -> str:
        return MIME[self.format]


def spec_for(fmt: str = "jpeg", platform: str | None = None) -> OutputSpec:
    """The output rules for a format, tightened by a platform's accepted types and size."""
    fmt = fmt.lower().replace("jpg", "jpeg")
    if fmt not in FORMATS:
        raise OutputError("format_unknown", format=fmt)
    if platform is None:
        return OutputSpec(fmt)  # type: ignore[arg-type]
    limits = LIMITS.get(platform)
    if limits is None:
        raise OutputError("platform_unknown", platform=platform, platforms=", ".join(LIMITS))
    if MIME[fmt] not in limits.image_types:
        accepted = ", ".join(t.split("/")[1].upper() for t in limits.image_types)
        raise OutputError("platform_format", platform=platform.title(), accepted=accepted)
    return OutputSpec(fmt, limits.max_image_bytes, platform)  # type: ignore[arg-type]


def encode_jpeg(image: Image.Image, quality: int = JPEG_QUALITY) -> bytes:
    """Baseline JPEG without metadata; 4:4:4 chroma keeps coloured text edges crisp."""
    buf = io.BytesIO()
    # convert() copies even an RGB image; the canvas is RGB already, so skip that copy.
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    rgb.save(buf, "JPEG", quality=quality, subsampling=0, optimize=False, progressive=False)
    return buf.getvalue()


def encode_png(image: Image.Image, compress_level: int = 6) -> bytes:
    """PNG without text chunks or a colour profile."""
    buf = io.BytesIO()
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    rgb.save(buf, "PNG", compress_level=compress_level)
    return buf.getvalue()


def encode(image: Image.Image, spec: OutputSpec) -> bytes:
    """Bytes for `spec`; JPEG quality steps down (and PNG compresses harder) to fit the limit."""
    if spec.format == "png":
        data = encode_png(image)
        if spec.max_bytes and len(data) > spec.max_bytes:
            data = encode_png(image, compress_level=9)
    else:
        data = encode_jpeg(image)
        for quality in _FALLBACK_QUALITIES:
            if not spec.max_bytes or len(data) <= spec.max_bytes:
                break
            data = encode_jpeg(image, quality)
    if spec.max_bytes and len(data) > spec.max_bytes:
        raise OutputError(
            "too_big_for_platform",
            mb=f"{len(data) / 1_048_576:.1f}",
            limit=f"{spec.max_bytes / 1_048_576:.1f}",
            platform=spec.platform.title() if spec.platform else "",
        )
    return data
