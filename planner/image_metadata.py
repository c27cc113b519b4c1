"""What an image file carries beside its picture, and a copy without it.

A phone photo's GPS position can hide in more places than EXIF: PNG text chunks (tEXt,
zTXt, iTXt, eXIf), GIF comments and XMP application blocks, WebP EXIF/XMP chunks, a JPEG
comment or thumbnail, or bytes appended after the image's end marker. Pillow's readers
surface only some of them and its writers copy some back, so the file itself is walked,
chunk by chunk, and only the chunks that draw the picture are kept (a list of what is
allowed, never of what is forbidden). The picture's own bytes are copied as they are, so
stripping loses no quality and keeps every frame of an animation.

Colour profiles are dropped too: callers convert pictures with a profile to sRGB first.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

# JPEG markers that belong to the picture: frames, tables, restarts, scans.
_JPEG_PICTURE = {0xC4, 0xCC, 0xDB, 0xDC, 0xDD, 0xDA} | (set(range(0xC0, 0xD0)) - {0xC8})
# PNG chunks that draw the picture (and APNG's frames); text, eXIf, tIME, iCCP and private
# chunks are not among them.
_PNG_PICTURE = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT",
    b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
_WEBP_PICTURE = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}
_WEBP_FRAME = {b"VP8 ", b"VP8L", b"ALPH"}
_GIF_LOOPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
_VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04  # ICC profile, EXIF, XMP


class NotStrippable(ValueError):
    """A file that is not a complete JPEG, PNG, GIF or WebP (nothing can be kept safely)."""


def _jpeg(data: bytes) -> tuple[bytes, list[str]]:
    if not data.startswith(b"\xff\xd8"):
        raise NotStrippable("not a JPEG file")
    out, dropped, pos = bytearray(b"\xff\xd8"), [], 2
    while True:
        if pos >= len(data) or data[pos] != 0xFF:
            raise NotStrippable("the JPEG ends before its end marker")
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1  # fill bytes
        marker = data[pos]
        pos += 1
        if marker == 0xD9:
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            continue  # markers without a length
        length = struct.unpack(">H", data[pos : pos + 2])[0]
        segment, payload = data[pos - 2 : pos + length], data[pos + 2 : pos + length]
        pos += length
        if marker == 0xDA:
            scan_end = _end_of_scan(data, pos)
            out += segment + data[pos:scan_end]
            pos = scan_end
        elif marker in _JPEG_PICTURE:
            out += segment
        elif marker == 0xE0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
            # The JFIF header, without the thumbnail it may carry (a copy of the photo).
            out += b"\xff\xe0\x00\x10" + payload[:12] + b"\x00\x00"
        elif marker == 0xEE and payload.startswith(b"Adobe") and len(payload) >= 12:
            out += b"\xff\xee\x00\x0e" + payload[:12]  # the colour transform decoders need
        else:
            dropped.append(f"JPEG marker {marker:02X}")
    if pos < len(data):
        dropped.append("data after the end of the image")
    return bytes(out + b"\xff\xd9"), dropped


def _end_of_scan(data: bytes, pos: int) -> int:
    """Where a scan's entropy-coded bytes end: the next marker that is not a restart."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            raise NotStrippable("the JPEG ends inside its picture data")
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1
            continue
        return pos


def _png(data: bytes) -> tuple[bytes, list[str]]:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise NotStrippable("not a PNG file")
    out, dropped, pos = bytearray(data[:8]), [], 8
    while True:
        if pos + 8 > len(data):
            raise NotStrippable("the PNG ends before its IEND chunk")
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if kind in _PNG_PICTURE:
            out += data[pos:end]
        else:
            dropped.append(f"PNG chunk {kind.decode('latin-1')}")
        pos = end
        if kind == b"IEND":
            break
    if pos < len(data):
        dropped.append("data after the end of the image")
    return bytes(out), dropped


def _gif_sub_blocks(data: bytes, pos: int) -> int:
    """The position after a chain of GIF data sub-blocks (ended by a zero length)."""
    while True:
        if pos >= len(data):
            raise NotStrippable("the GIF ends inside a block")
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _gif(data: bytes) -> tuple[bytes, list[str]]:
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise NotStrippable("not a GIF file")
    pos = 13
    if data[10] & 0x80:
        pos += 3 * 2 ** ((data[10] & 0x07) + 1)  # the global colour table
    out, dropped = bytearray(data[:pos]), []
    while True:
        if pos >= len(data):
            raise NotStrippable("the GIF ends before its trailer")
        block = data[pos]
        if block == 0x3B:
            out.append(0x3B)
            pos += 1
            break
        if block == 0x2C:  # an image: descriptor, local colour table, LZW data
            start, packed = pos, data[pos + 9]
            pos += 10 + (3 * 2 ** ((packed & 0x07) + 1) if packed & 0x80 else 0) + 1
            pos = _gif_sub_blocks(data, pos)
            out += data[start:pos]
        elif block == 0x21:
            start, label = pos, data[pos + 1]
            pos = _gif_sub_blocks(data, pos + 2)
            loop = label == 0xFF and data[start + 3 : start + 14] in _GIF_LOOPS
            if label == 0xF9 or loop:  # frame timing and transparency; looping
                out += data[start:pos]
            else:
                dropped.append(f"GIF extension {label:02X}")
        else:
            raise NotStrippable("the GIF has a block planner does not know")
    if pos < len(data):
        dropped.append("data after the end of the image")
    return bytes(out), dropped


def _riff_chunks(data: bytes, pos: int, end: int) -> list[tuple[bytes, bytes]]:
    chunks = []
    while pos + 8 <= end:
        kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        if pos + 8 + size > end:
            raise NotStrippable("the WebP ends inside a chunk")
        chunks.append((kind, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return chunks


def _riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)


def _webp(data: bytes) -> tuple[bytes, list[str]]:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise NotStrippable("not a WebP file")
    end = 8 + struct.unpack("<I", data[4:8])[0]
    if end > len(data):
        raise NotStrippable("the WebP is shorter than it says")
    body, dropped = bytearray(), []
    for kind, payload in _riff_chunks(data, 12, end):
        if kind not in _WEBP_PICTURE:
            dropped.append(f"WebP chunk {kind.decode('latin-1').strip()}")
            continue
        if kind == b"VP8X":
            payload = bytes([payload[0] & ~_VP8X_METADATA_FLAGS & 0xFF]) + payload[1:]
        elif kind == b"ANMF":
            frame = bytearray(payload[:16])
            for inner, inner_payload in _riff_chunks(payload, 16, len(payload)):
                if inner in _WEBP_FRAME:
                    frame += _riff_chunk(inner, inner_payload)
                else:
                    dropped.append(f"WebP frame chunk {inner.decode('latin-1').strip()}")
            payload = bytes(frame)
        body += _riff_chunk(kind, payload)
    if not body:
        raise NotStrippable("the WebP has no picture")
    if end < len(data):
        dropped.append("data after the end of the image")
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + bytes(body), dropped


_WALKERS: dict[str, Callable[[bytes], tuple[bytes, list[str]]]] = {
    "JPEG": _jpeg,
    "PNG": _png,
    "GIF": _gif,
    "WEBP": _webp,
}


def image_format(data: bytes) -> str | None:
    """JPEG, PNG, GIF or WEBP from the file's first bytes, or None for anything else."""
    if data.startswith(b"\xff\xd8"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _walk(data: bytes) -> tuple[bytes, list[str]]:
    fmt = image_format(data)
    if fmt is None:
        raise NotStrippable("not a JPEG, PNG, GIF or WebP file")
    try:
        return _WALKERS[fmt](data)
    except (IndexError, struct.error) as exc:
        raise NotStrippable(f"the {fmt} file is cut short") from exc


def strip_metadata(data: bytes) -> bytes:
    """The same picture (every frame, bytes unchanged) without metadata or trailing data."""
    return _walk(data)[0]


def metadata_found(data: bytes) -> list[str]:
    """The parts of the file that are not the picture (empty when there is nothing to strip)."""
    return _walk(data)[1]
