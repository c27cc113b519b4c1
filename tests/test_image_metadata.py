"""Metadata never travels: PNG text chunks, per-frame EXIF/XMP of animations and bytes after
the image's end are gone from the stored file and from Instagram's public copy, read back
with Pillow and by scanning the bytes; the picture (every frame) is unchanged."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageSequence
from PIL.PngImagePlugin import PngInfo

from planner.db import session_scope
from planner.image_metadata import NotStrippable, metadata_found, strip_metadata
from planner.media import asset_path, thumbnail_path, upload_image
from planner.public_media import publish_image
from tests.people_helpers import ADMIN
from tests.platform_helpers import settings

SECRET = b"GPS -6.8887,109.6753 Jl. Sriwijaya rumah Bu Sari"
FINGERPRINTS = (SECRET, b"Exif", b"XMP", b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"xpacket")


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {2: (6.0, 53.0, 19.0)}  # GPS latitude
    exif[0x010E] = SECRET.decode()  # image description
    return exif.tobytes()


def _xmp() -> bytes:
    return b'<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/">' + SECRET + b"</x:xmpmeta>"


def _frames() -> list[Image.Image]:
    return [
        Image.new("RGB", (64, 48), colour)
        for colour in ((200, 30, 30), (30, 160, 60), (20, 60, 200))
    ]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with_text_chunks(exif: bool = True) -> bytes:
    info = PngInfo()
    info.add_text("Comment", SECRET.decode())
    info.add_text("Location", SECRET.decode(), zip=True)  # zTXt
    info.add_itxt("XML:com.adobe.xmp", _xmp().decode())
    buf = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").save(
        buf, "PNG", pnginfo=info, **({"exif": _exif()} if exif else {})
    )
    data = buf.getvalue()
    end = data.rindex(b"IEND") - 4
    return data[:end] + _png_chunk(b"prVt", SECRET) + data[end:]  # a private chunk too


def animated_gif() -> bytes:
    buf = io.BytesIO()
    frames = _frames()
    frames[0].save(
        buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0, comment=SECRET
    )
    data = buf.getvalue()
    # An XMP application block before every frame, as some editors write them.
    xmp = _xmp()
    blocks = b"".join(
        bytes([len(xmp[i : i + 255])]) + xmp[i : i + 255]
        for i in range(0, 255 * 3, 255)
        if xmp[i : i + 255]
    )
    extension = b"\x21\xff\x0bXMP DataXMP" + blocks + b"\x00"
    assert data.count(b"\x21\xf9\x04") == 3  # one graphic control block per frame
    return data.replace(b"\x21\xf9\x04", extension + b"\x21\xf9\x04")


def _riff(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)


def animated_webp() -> bytes:
    buf = io.BytesIO()
    frames = _frames()
    frames[0].save(
        buf,
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=100,
        lossless=True,
        exif=_exif(),
        xmp=_xmp(),
    )
    data = buf.getvalue()
    assert b"EXIF" in data and b"XMP " in data
    # EXIF and XMP inside every frame as well (unknown chunks a frame may carry).
    out, pos = bytearray(), 12
    while pos < len(data):
        kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        payload = data[pos + 8 : pos + 8 + size]
        if kind == b"ANMF":
            payload += _riff(b"EXIF", _exif()) + _riff(b"XMP ", _xmp())
        out += _riff(kind, payload)
        pos += 8 + size + (size & 1)
    return b"RIFF" + struct.pack("<I", len(out) + 4) + b"WEBP" + bytes(out)


def jpeg_with_trailer() -> bytes:
    buf = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").save(buf, "JPEG", quality=90, comment=SECRET)
    return buf.getvalue() + b"PK\x03\x04 appended archive " + SECRET


def png_with_trailer() -> bytes:
    buf = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 90, 180, 128)).save(buf, "PNG")
    return buf.getvalue() + SECRET


DIRTY = {
    "png text and exif chunks": ("peta.png", png_with_text_chunks),
    "png text chunks": ("denah.png", lambda: png_with_text_chunks(exif=False)),
    "animated gif": ("anim.gif", animated_gif),
    "animated webp": ("anim.webp", animated_webp),
    "jpeg with trailing data": ("foto.jpg", jpeg_with_trailer),
    "png with trailing data": ("logo.png", png_with_trailer),
}


# What Pillow reports about a picture that is not metadata: timing, palette, density, JFIF.
PICTURE_INFO = {
    "duration", "loop", "background", "transparency", "version", "timestamp", "blend",
    "disposal", "extension", "dpi", "gamma", "srgb", "aspect", "jfif", "jfif_version",
    "jfif_unit", "jfif_density", "progressive", "progression", "adobe", "adobe_transform",
}  # fmt: skip


def assert_clean(data: bytes) -> None:
    """No fingerprint in the bytes and nothing Pillow reports as metadata, in any frame."""
    assert [f for f in FINGERPRINTS if f in data] == []
    assert metadata_found(data) == []
    with Image.open(io.BytesIO(data)) as img:
        for frame in ImageSequence.Iterator(img):
            frame.load()
            assert not frame.getexif()
            text = set(frame.info) - PICTURE_INFO
            assert text == set(), text


def _pixels(data: bytes) -> list[bytes]:
    with Image.open(io.BytesIO(data)) as img:
        return [f.convert("RGBA").tobytes() for f in ImageSequence.Iterator(img)]


@pytest.mark.parametrize("case", sorted(DIRTY))
def test_the_fixtures_really_carry_metadata(case: str) -> None:
    data = DIRTY[case][1]()
    assert SECRET in data and metadata_found(data)


@pytest.mark.parametrize("case", sorted(DIRTY))
def test_stored_file_and_thumbnail_carry_no_metadata(sqlite_db: str, case: str) -> None:
    name, make = DIRTY[case]
    data = make()
    with session_scope() as session:
        asset = upload_image(session, data, name, actor=ADMIN).asset
        stored = asset_path(asset).read_bytes()
        thumb = thumbnail_path(asset).read_bytes()
    assert_clean(stored)
    assert_clean(thumb)
    assert _pixels(stored) == _pixels(data)  # every frame, unchanged
    assert asset.size_bytes == len(stored)


@pytest.mark.parametrize("case", sorted(DIRTY))
def test_instagrams_public_copy_carries_no_metadata(tmp_path: Path, case: str) -> None:
    name, make = DIRTY[case]
    source = tmp_path / name
    source.write_bytes(make())  # straight from a file, not through the media library
    public = publish_image(source, settings(tmp_path, secret_key="x" * 32))
    assert_clean(public.path.read_bytes())


def test_public_copy_of_a_stored_upload_is_clean(sqlite_db: str, tmp_path: Path) -> None:
    with session_scope() as session:
        asset = upload_image(session, jpeg_with_trailer(), "foto.jpg", actor=ADMIN).asset
        path = asset_path(asset)
    public = publish_image(path, settings(tmp_path, secret_key="x" * 32))
    assert_clean(public.path.read_bytes())
    assert public.path.read_bytes() == path.read_bytes()  # a clean JPEG is copied as it is


def test_stripping_keeps_the_jpeg_picture_bytes() -> None:
    data = jpeg_with_trailer()
    clean = strip_metadata(data)
    assert len(clean) < len(data)
    with Image.open(io.BytesIO(clean)) as a, Image.open(io.BytesIO(data)) as b:
        assert ImageChops.difference(a.convert("RGB"), b.convert("RGB")).getbbox() is None


@pytest.mark.parametrize(
    "data", [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n\x00", b"GIF89a", b"RIFF\x00\x00\x00\x00WEBP"]
)
def test_cut_short_files_are_refused_not_guessed(data: bytes) -> None:
    with pytest.raises(NotStrippable):
        strip_metadata(data)
