"""Automatic feedback: every checklist item on good and poor practice posts, in both languages."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo

import pytest

from planner.imaging.layouts import LayoutInput
from planner.imaging.render import draw
from planner.training.feedback import Answer, Brief, Item, feedback, item_from, score, shouting
from planner.validation import EventFacts

GOOD_ID = (
    "🧸 Ayah, Bunda, yuk ajak si kecil ke Dongeng Akhir Pekan!\n"
    "🗓️ Sabtu, 6 Desember 2026, pukul 09.00 WIB\n📍 Ruang Baca Anak\n"
    "Daftar di https://perpustakaan.pekalongankota.go.id/dongeng\n"
    "#DongengAnak #PerpusKotaPekalongan"
)
GOOD_EN = (
    "🧸 Bring your little ones to Weekend Storytime!\n"
    "🗓️ Saturday 6 December 2026, 09.00 WIB\n📍 Ruang Baca Anak (children's room)\n"
    "Register at https://perpustakaan.pekalongankota.go.id/dongeng\n"
    "#DongengAnak #PerpusKotaPekalongan"
)
ALT_ID = "Pendongeng memegang boneka kancil di depan anak-anak yang duduk di karpet ruang baca."
ALT_EN = "A storyteller holds a mouse-deer puppet in front of children sitting on a rug."
EVENT = EventFacts(
    datetime(2026, 12, 6, 2, tzinfo=UTC), "Ruang Baca Anak", ZoneInfo("Asia/Jakarta")
)
PLATFORMS = ("facebook", "instagram")
BRIEF = Brief(PLATFORMS, announces_event=True, needs_link=True, event=EVENT)


@cache
def _render(locale: str):
    data = LayoutInput(
        title="Dongeng Sabtu", date="Sabtu, 6 Desember 2026", time="09.00 WIB", locale=locale
    )
    return draw("event_poster", "square", data, keep_background=True)


def _answer(locale: str, **changes) -> Answer:
    text = GOOD_ID if locale == "id" else GOOD_EN
    base = Answer(
        texts={p: text for p in PLATFORMS},
        alt_text=ALT_ID if locale == "id" else ALT_EN,
        image_name="IMG_2041.jpg",
        image_size=(1080, 1080),
        drawn=_render(locale),
    )
    texts = changes.pop("text", None)
    if texts is not None:
        base.texts = {p: texts for p in PLATFORMS}
    return replace(base, **changes)


def _pale_title(locale: str):
    """The same render with its title in a colour close to what is behind it (a poor choice)."""
    drawn = _render(locale)
    title = next(i for i, op in enumerate(drawn.texts) if op.name == "title")
    r, g, b = drawn.background.crop(drawn.texts[title].fitted.box).resize((1, 1)).getpixel((0, 0))
    near = (min(r + 40, 255), min(g + 40, 255), min(b + 40, 255))
    texts = [replace(op, fill=near) if i == title else op for i, op in enumerate(drawn.texts)]
    return replace(drawn, texts=texts)


def _item(items: list[Item], code: str) -> Item:
    return next(item for item in items if item.code == code)


@pytest.mark.parametrize("locale", ["id", "en"])
def test_a_good_post_passes_every_item(locale: str) -> None:
    items = feedback(_answer(locale), BRIEF)
    assert [(i.code, i.score) for i in items if i.score != 1.0] == []
    assert score(items) == 100.0
    for item in items:
        assert item.text(locale) and item.title(locale)
        assert item.text(locale) != item.text("en" if locale == "id" else "id")


URL = "https://perpustakaan.pekalongankota.go.id/dongeng"
TAGS = "#DongengAnak #PerpusKotaPekalongan"
ACTION = re.compile(r"(yuk ajak|Bring|Daftar di|Register at) ?", re.IGNORECASE)
POOR = {
    "length": [
        (dict(text=lambda g: ""), "length.empty"),
        (dict(text=lambda g: g + " " + "kata " * 500), "length.over"),
    ],
    "hashtags": [
        (dict(text=lambda g: g.replace(TAGS, "")), "hashtags.none"),
        (dict(text=lambda g: g + " #a1 #b2 #c3 #d4"), "hashtags.many"),
        (dict(text=lambda g: g + " #dongenganak"), "hashtags.repeated"),
    ],
    "call_to_action": [(dict(text=lambda g: ACTION.sub("", g)), "cta.missing")],
    "event_facts": [
        (dict(text=lambda g: re.sub(r"(Sabtu|Saturday),? 6 \w+ 2026, ", "", g)), "event.no_date"),
        (dict(text=lambda g: re.sub(r"(pukul )?09\.00 WIB", "", g)), "event.no_time"),
        (dict(text=lambda g: re.sub(r"📍 .*\n", "", g)), "event.no_place"),
    ],
    "alt_text": [
        (dict(alt_text=lambda g: ""), "alt.missing"),
        (dict(alt_text=lambda g: "gambar"), "alt.placeholder"),
        (dict(alt_text=lambda g: "IMG_2041.jpg"), "alt.file_name"),
        (dict(alt_text=lambda g: "IMG_2041"), "alt.file_name"),
        (dict(alt_text=lambda g: g), "alt.caption"),
    ],
    "capitals": [(dict(text=lambda g: g.upper()), "capitals.shouting")],
    "link": [(dict(text=lambda g: g.replace(URL, "")), "link.missing")],
    "image_size": [
        (dict(image_size=lambda g: (640, 640)), "size.small"),
        (dict(image_size=lambda g: (1080, 1920)), "size.cropped"),
        (dict(image_size=lambda g: None, drawn=lambda g: None), "size.required"),
    ],
}
CASES = [(code, change, advice) for code, rows in POOR.items() for change, advice in rows]


@pytest.mark.parametrize("locale", ["id", "en"])
@pytest.mark.parametrize(("code", "change", "advice"), CASES, ids=[c[2] for c in CASES])
def test_a_poor_post_fails_the_item_with_advice(locale, code, change, advice) -> None:
    good = GOOD_ID if locale == "id" else GOOD_EN
    items = feedback(_answer(locale, **{k: make(good) for k, make in change.items()}), BRIEF)
    item = _item(items, code)
    assert item.advice == advice and item.score is not None and item.score < 1
    assert score(items) < 100
    words = item.text(locale)
    assert words and "{" not in words and words != item.text("en" if locale == "id" else "id")


@pytest.mark.parametrize("locale", ["id", "en"])
def test_contrast_is_measured_on_the_rendered_pixels(locale: str) -> None:
    good = _item(feedback(_answer(locale), BRIEF), "contrast")
    assert good.score == 1.0 and float(good.values["ratio"]) >= 4.5
    poor = _item(feedback(_answer(locale, drawn=_pale_title(locale)), BRIEF), "contrast")
    assert poor.score == 0.0 and float(poor.values["ratio"]) < 4.5
    assert "4,5:1" in poor.text("id") and "4.5:1" in poor.text("en")


def test_items_that_do_not_apply_are_left_out_of_the_score() -> None:
    brief = Brief(("x",))
    answer = Answer(texts={"x": "Yuk pinjam novel remaja terbaru pekan ini! #AyoMembaca"})
    items = feedback(answer, brief)
    not_applying = {i.code for i in items if i.score is None}
    assert not_applying == {"event_facts", "alt_text", "contrast", "link", "image_size"}
    assert score(items) == 100.0
    stored = [item_from(i.as_dict()) for i in items]
    assert stored == items


@pytest.mark.parametrize(
    ("text", "loud"),
    [
        ("AYO DATANG KE PERPUSTAKAAN SABTU INI!", True),
        ("Ayo datang ke Perpustakaan Sabtu ini! #PERPUS https://X.ID/DONGENG", False),
        ("Pameran UMKM dan PKK di Aula", False),
    ],
)
def test_shouting(text: str, loud: bool) -> None:
    assert shouting(text) is loud
