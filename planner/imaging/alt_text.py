"""Alt text for rendered images, written from the same fields the layout shows.

A screen-reader user should learn what a sighted reader sees: the kind of picture, then
its words in reading order. The result is a proposal the librarian can edit.
"""

from __future__ import annotations

from planner.imaging.layouts.base import LayoutInput

MAX_ALT = 1000  # the smallest platform limit (X) for image descriptions

_WORDS = {
    "id": {
        "event_poster": "Poster acara {title}",
        "children": "Poster program anak {title}",
        "new_arrival": "Sampul buku {title}",
        "book_list": "Gambar daftar buku {title}",
        "quote_card": "Kartu kutipan",
        "notice": "Pengumuman {title}",
        "statistic": "Kartu statistik",
        "by": "karya {author}",
        "at": "di {place}",
        "when": "{date} pukul {time}",
        "with": "bersama {speaker}",
        "new": "koleksi baru {library}",
        "call": "nomor panggil {number}",
        "covers": "berisi sampul {books}",
        "and": "dan",
    },
    "en": {
        "event_poster": "Poster for {title}",
        "children": "Children's programme poster for {title}",
        "new_arrival": "Cover of the book {title}",
        "book_list": "Book list image {title}",
        "quote_card": "Quote card",
        "notice": "Notice: {title}",
        "statistic": "Statistic card",
        "by": "by {author}",
        "at": "at {place}",
        "when": "{date} at {time}",
        "with": "with {speaker}",
        "new": "new at {library}",
        "call": "call number {number}",
        "covers": "showing the covers of {books}",
        "and": "and",
    },
}


def _join(items: list[str], locale: str) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_WORDS[locale]['and']} {items[-1]}"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_ALT:
        return text
    return text[: MAX_ALT - 1].rsplit(" ", 1)[0] + "…"


def describe(layout: str, data: LayoutInput, library: str = "") -> str:
    """A one-paragraph description of the image `layout` draws from `data`."""
    lang = data.locale if data.locale in _WORDS else "id"
    w = _WORDS[lang]
    title = data.title.strip()
    if layout in ("event_poster", "children"):
        parts = [w[layout].format(title=title)]
        date = data.date.replace(",", "", 1) if data.date else ""
        if date and data.time:
            parts.append(w["when"].format(date=date, time=data.time))
        else:
            parts.append(date or data.time or data.subtitle)
        if data.place:
            parts[-1] = f"{parts[-1]} {w['at'].format(place=data.place)}".strip()
        if data.speaker:
            parts.append(w["with"].format(speaker=data.speaker))
        parts += [data.audience, *data.details]
        return _clip(", ".join(p for p in parts if p) + ".")
    if layout == "new_arrival":
        author = data.author or data.subtitle
        head = w["new_arrival"].format(title=title)
        if author:
            head += " " + w["by"].format(author=author)
        parts = [head, w["new"].format(library=library).strip() if library else ""]
        if data.call_number:
            parts.append(w["call"].format(number=data.call_number))
        return _clip(", ".join(p for p in parts if p) + ".")
    if layout == "book_list":
        books = [
            f"{c.title} {w['by'].format(author=c.author)}" if c.author else c.title
            for c in data.covers
        ]
        text = w["book_list"].format(title=f"“{title}”")
        if books:
            text += ", " + w["covers"].format(books=_join(books, lang))
        if data.subtitle:
            text += f". {data.subtitle}"
        return _clip(text + ".")
    if layout == "quote_card":
        quote = data.quote or title
        who = data.attribution or data.author
        return _clip(f"{w['quote_card']}: “{quote}”" + (f" — {who}." if who else ""))
    if layout == "notice":
        parts = [w["notice"].format(title=title), data.subtitle]
        rows = "; ".join(f"{label} {value}" for label, value in data.rows)
        text = ". ".join(p for p in parts if p)
        if rows:
            text += f": {rows}"
        if data.details:
            text += ". " + " ".join(data.details)
        return _clip(text + ".")
    if layout == "statistic":
        number = data.number or title
        label = data.label or (data.subtitle if data.number else "")
        period = data.subtitle if data.label else ""
        parts = [f"{w['statistic']}: {number} {label}".strip(), period, *data.details]
        return _clip(", ".join(p for p in parts if p) + ".")
    return _clip(title)
