"""Reading photos and covers safely: any format Pillow reads, upright, in sRGB, cropped to fill.

Pillow's decompression-bomb limit is set here deliberately (MAX_PIXELS) and checked
explicitly too, because between one and two times the limit Pillow only warns. Every
refusal is one sentence a librarian can act on.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from planner.imaging.errors import ImagingError

MAX_PIXELS = 50_000_000  # a 50-megapixel photo; larger ones are refused, not decoded
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
_ORIENTATION = 0x0112
_SRGB = ImageCms.createProfile("sRGB")


class ImageInputError(ImagingError):
    """An image that cannot be used, with the reason in one sentence."""


@dataclass(frozen=True)
class ImageFacts:
    format: str
    width: int
    height: int
    mode: str
    has_alpha: bool
    has_metadata: bool  # EXIF, XMP or a comment that should not travel with the post
    frames: int


def looks_like_svg(data: bytes) -> bool:
    """SVG (or other XML/HTML) text, which may carry scripts and is never decoded here."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype", b"<html")) or b"<svg" in head


def _too_many_pixels(width: int, height: int) -> ImageInputError:
    return ImageInputError(
        "too_many_pixels", width=width, height=height, limit=MAX_PIXELS // 1_000_000
    )


@contextmanager
def _decoding() -> Iterator[None]:
    """Pillow's failures while decoding, as the one-sentence refusals of ImageInputError.

    Between one and two times the pixel limit Pillow only warns: that is a refusal too.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageInputError("bomb", limit=MAX_PIXELS // 1_000_000) from exc
    except UnidentifiedImageError as exc:
        raise ImageInputError("not_image") from exc
    except ImageInputError:
        raise
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageInputError("damaged") from exc


def inspect(data: bytes) -> ImageFacts:
    """Check that `data` is a complete, decodable raster image of a sane size."""
    if looks_like_svg(data):
        raise ImageInputError("svg")
    with _decoding(), Image.open(io.BytesIO(data)) as img:
        width, height = img.size
        if width * height > MAX_PIXELS:
            raise _too_many_pixels(width, height)
        fmt = img.format or ""
        frames = getattr(img, "n_frames", 1)
        has_metadata = bool(
            img.getexif() or img.info.get("xmp") or img.info.get("comment") or img.info.get("exif")
        )
        img.load()  # a truncated or corrupt file fails here, not later in the renderer
        has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
        mode = img.mode
    return ImageFacts(fmt, width, height, mode, has_alpha, has_metadata, frames)


def to_srgb(img: Image.Image) -> Image.Image:
    """Convert an image with an embedded colour profile (Adobe RGB, Display P3, CMYK) to sRGB."""
    icc = img.info.get("icc_profile")
    if not icc or img.mode not in ("RGB", "CMYK"):
        return img
    try:
        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(img, src, _SRGB, outputMode="RGB") or img
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img  # a broken profile: fall back to the numbers as they are


def flatten(img: Image.Image, background: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """Any mode → RGB; transparency composited over `background`."""
    if img.mode in ("RGBA", "LA", "PA", "P") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        if rgba.getextrema()[3][0] == 255:
            return rgba.convert("RGB")
        flat = Image.new("RGB", rgba.size, background)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    if img.mode == "CMYK":
        return to_srgb(img).convert("RGB")
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        return img.convert("I").point(lambda v: v * (1 / 256)).convert("L").convert("RGB")
    return to_srgb(img).convert("RGB") if img.mode != "RGB" else to_srgb(img)


def open_image(
    source: Path | str | bytes,
    target: tuple[int, int] | None = None,
    background: tuple[int, int, int] = (255, 255, 255),
) -> Image.Image:
    """Open an image upright (EXIF applied), in sRGB RGB, transparency flattened.

    With `target`, a JPEG is decoded at the smallest scale still large enough to fill it
    (libjpeg can skip most of the work for big camera photos).
    """
    try:
        raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise ImageInputError("unreadable", name=Path(str(source)).name) from exc
    if looks_like_svg(raw):
        raise ImageInputError("svg")
    with _decoding(), Image.open(io.BytesIO(raw)) as src:
        if src.width * src.height > MAX_PIXELS:
            raise _too_many_pixels(src.width, src.height)
        orientation = src.getexif().get(_ORIENTATION, 1)
        if target and src.format == "JPEG" and src.mode in ("RGB", "L"):
            tw, th = (target[1], target[0]) if orientation in (5, 6, 7, 8) else target
            scale = max(tw / src.width, th / src.height)
            src.draft(src.mode, (math.ceil(src.width * scale), math.ceil(src.height * scale)))
        # exif_transpose copies even an upright image; only call it when there is work.
        upright = ImageOps.exif_transpose(src) if orientation not in (0, 1) else src
        upright.load()
        return flatten(upright, background)


def crop_to_fill(
    img: Image.Image, size: tuple[int, int], centering: tuple[float, float] = (0.5, 0.5)
) -> Image.Image:
    """Scale and crop `img` to exactly `size`, keeping the part around `centering`."""
    tw, th = max(size[0], 1), max(size[1], 1)
    w, h = img.size
    scale = max(tw / w, th / h)
    cw, ch = min(w, tw / scale), min(h, th / scale)
    left = max(0.0, (w - cw) * centering[0])
    top = max(0.0, (h - ch) * centering[1])
    return img.resize(
        (tw, th), Image.Resampling.LANCZOS, box=(left, top, left + cw, top + ch), reducing_gap=3.0
    )


class _FittedCache:
    """A small LRU of decoded, fitted images: a batch reuses one cover in many sizes."""

    def __init__(self, capacity: int = 24) -> None:
        self.capacity = capacity
        self._items: OrderedDict[tuple, Image.Image] = OrderedDict()
        self._lock = Lock()

    def get(self, key: tuple) -> Image.Image | None:
        with self._lock:
            img = self._items.get(key)
            if img is not None:
                self._items.move_to_end(key)
            return img

    def put(self, key: tuple, img: Image.Image) -> None:
        with self._lock:
            self._items[key] = img
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


FITTED = _FittedCache()


def fitted(
    path: Path | str,
    size: tuple[int, int],
    background: tuple[int, int, int] = (255, 255, 255),
) -> Image.Image:
    """`path` cropped to fill `size` (cached by file identity; do not modify the result)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ImageInputError("unreadable", name=Path(path).name) from exc
    key = (str(path), st.st_mtime_ns, st.st_size, size, background)
    img = FITTED.get(key)
    if img is None:
        img = crop_to_fill(open_image(path, size, background), size)
        FITTED.put(key, img)
    return img
