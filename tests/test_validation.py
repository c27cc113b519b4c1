"""Length and count rules as properties (hypothesis), plus the previews built on them."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import extract_urls

from planner.previews import RULES, build_preview, crop_box, cut_point, display_url, preview_html
from planner.validation import EventFacts, text_length, validate

# Prose without bare domains: X counts "0.AC" or "foo.com" as a 23-character link, as it should.
ASCII = st.text(alphabet=string.ascii_letters + string.digits + " .,!?", max_size=400).filter(
    lambda text: not extract_urls(text)
)
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=200)
EMOJI = st.lists(st.sampled_from(["😀", "📚", "🎉", "🙏", "⭐"]), max_size=150)
URLS = st.builds(
    lambda host, path: f"https://{host}.example.com/{path}",
    st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=30),
    st.text(alphabet=string.ascii_lowercase + string.digits, max_size=80),
)
FAST = settings(max_examples=60, deadline=None)


@FAST
@given(ASCII)
def test_x_counts_latin_characters_once(text: str) -> None:
    assert text_length("x", text) == len(text)


@FAST
@given(CJK)
def test_x_counts_cjk_twice(text: str) -> None:
    assert text_length("x", text) == 2 * len(text)


@FAST
@given(EMOJI)
def test_x_counts_emoji_twice(emoji: list[str]) -> None:
    assert text_length("x", "".join(emoji)) == 2 * len(emoji)


@FAST
@given(ASCII, URLS)
def test_x_counts_any_url_as_23(text: str, url: str) -> None:
    base = text.rstrip(".,!?")  # punctuation next to a URL can join it
    assert text_length("x", f"{base} {url}") == len(base) + 1 + 23


@FAST
@given(st.integers(min_value=1, max_value=400))
def test_x_limit_is_280_weighted(n: int) -> None:
    assert validate("x", "a" * n).ok == (n <= 280)
    assert validate("x", "📚" * n).ok == (2 * n <= 280)


@FAST
@given(st.sampled_from([("facebook", 63_206), ("instagram", 2_200)]), st.integers(-3, 3))
def test_character_limits_at_the_boundary(platform_limit: tuple[str, int], delta: int) -> None:
    platform, limit = platform_limit
    result = validate(platform, "b" * (limit + delta), image_count=1, alt_texts=["Poster"])
    assert result.length == limit + delta
    assert result.ok == (delta <= 0)


@FAST
@given(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=30))
def test_instagram_hashtag_and_mention_counts(tags: int, mentions: int) -> None:
    text = " ".join([f"#tag{i}" for i in range(tags)] + [f"@user{i}" for i in range(mentions)])
    result = validate("instagram", f"Halo {text}", image_count=1, alt_texts=["Poster"])
    codes = {p.code for p in result.errors}
    assert ("too_many_hashtags" in codes) == (tags > 30)
    assert ("too_many_mentions" in codes) == (mentions > 20)


@FAST
@given(st.lists(st.text(max_size=1100), min_size=1, max_size=4))
def test_every_image_needs_short_alt_text(alts: list[str]) -> None:
    result = validate("x", "Halo", image_count=len(alts), alt_texts=alts)
    codes = {p.code for p in result.errors}
    assert ("alt_missing" in codes) == any(not a.strip() for a in alts)
    assert ("alt_too_long" in codes) == any(len(a) > 1000 for a in alts)


def test_fewer_alt_texts_than_images_is_an_error() -> None:
    result = validate("facebook", "Halo", image_count=2, alt_texts=["Poster"])
    assert [p.code for p in result.errors] == ["alt_missing"]


def test_instagram_needs_an_image_and_advises_against_links() -> None:
    result = validate("instagram", "Daftar di https://perpustakaan.pekalongankota.go.id/daftar")
    assert [p.code for p in result.errors] == ["image_required"]
    assert [p.code for p in result.warnings] == ["instagram_links"]
    assert "tautan di bio" in result.warnings[0].text("id")


def test_x_advises_few_hashtags() -> None:
    result = validate("x", "Halo #a #b #c #d")
    assert result.ok and [p.code for p in result.warnings] == ["x_hashtags"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Dongeng Sabtu, 6 Desember pukul 09.00 di Ruang Baca Anak", []),
        ("Dongeng besok 09.00 WIB di ruang baca anak", []),
        ("Dongeng 06/12 jam 9 di Aula Lantai 2", []),
        ("Dongeng di Ruang Baca Anak, 09.00", ["event_no_date"]),
        ("Dongeng Sabtu di Ruang Baca Anak", ["event_no_time"]),
        ("Dongeng Sabtu 09.00", ["event_no_place"]),
    ],
)
def test_event_post_warnings(text: str, codes: list[str]) -> None:
    facts = EventFacts(
        starts_at=datetime(2026, 12, 6, 2, 0, tzinfo=UTC),
        place="Ruang Baca Anak, Aula Lantai 2, Perpustakaan Kota Pekalongan",
        tz=ZoneInfo("Asia/Jakarta"),
    )
    result = validate("facebook", text, event=facts)
    assert [p.code for p in result.warnings] == codes
    assert result.ok


@FAST
@given(st.text(max_size=3000), st.sampled_from(sorted(RULES)))
def test_preview_shows_a_prefix_and_says_when_it_cuts(text: str, platform: str) -> None:
    preview = build_preview(platform, text)
    assert text.startswith(preview.visible_text) or RULES[platform].short_links
    rule = RULES[platform]
    if rule.visible_chars is not None:
        assert len(preview.visible_text) <= rule.visible_chars
    assert preview.truncated == (cut_point(text, rule) is not None)


def test_instagram_cuts_after_two_lines_with_more() -> None:
    text = "Baris satu\nBaris dua\nBaris tiga yang tersembunyi"
    preview = build_preview("instagram", text, locale="id")
    assert preview.visible_text == "Baris satu\nBaris dua"
    assert preview.truncated and preview.more_label == "selengkapnya"
    html = preview_html(preview, account="perpus")
    assert "selengkapnya" in html and "tersembunyi" not in html


def test_facebook_cuts_long_text_at_a_word() -> None:
    text = "kata " * 200
    preview = build_preview("facebook", text, locale="en")
    assert preview.truncated and preview.more_label == "See more"
    assert len(preview.visible_text) <= 477 and not preview.visible_text.endswith("ka")


def test_x_shortens_links_and_escapes_html() -> None:
    preview = build_preview(
        "x", "Daftar <b>sekarang</b>: https://perpustakaan.pekalongankota.go.id/acara/123"
    )
    assert not preview.truncated
    assert [s.kind for s in preview.segments] == ["text", "url"]
    assert preview.segments[1].text == display_url(
        "https://perpustakaan.pekalongankota.go.id/acara/123"
    )
    assert preview.segments[1].text.endswith("…") and len(preview.segments[1].text) == 23
    html = preview_html(preview, account="Perpus", handle="@perpus")
    assert "&lt;b&gt;" in html and "<b>sekarang" not in html


@FAST
@given(
    st.integers(min_value=50, max_value=4000),
    st.integers(min_value=50, max_value=4000),
    st.sampled_from(sorted(RULES)),
)
def test_crop_stays_inside_and_within_the_feed_ratio(w: int, h: int, platform: str) -> None:
    left, top, right, bottom = crop_box(w, h, platform)
    assert 0 <= left < right <= w and 0 <= top < bottom <= h
    low, high = RULES[platform].aspect_range
    aspect = (right - left) / (bottom - top)
    assert low - 0.02 <= aspect <= high + 0.02 or (right - left, bottom - top) == (w, h)
    if low <= w / h <= high:
        assert (left, top, right, bottom) == (0, 0, w, h)


def test_portrait_poster_crop_per_platform() -> None:
    assert crop_box(1080, 1350, "instagram") == (0, 0, 1080, 1350)  # 4:5 fits
    assert crop_box(1080, 1920, "instagram") == (0, 285, 1080, 1635)  # a story is cut to 4:5
    assert crop_box(1080, 1920, "x") == (0, 240, 1080, 1680)  # X shows at most 3:4


# -- Threads and Bluesky ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("platform", "text", "length"),
    [
        ("bluesky", "👨‍👩‍👧‍👦🇮🇩", 2),  # a family of seven code points and a flag: two graphemes
        ("bluesky", "e\u0301", 1),  # e + combining acute accent
        ("threads", "e\u0301", 2),  # Threads counts characters
        ("threads", "https://perpus.example/" + "a" * 40, 63),  # links count in full
    ],
)
def test_threads_and_bluesky_count_as_they_do(platform: str, text: str, length: int) -> None:
    assert text_length(platform, text) == length


@pytest.mark.parametrize(("platform", "limit"), [("threads", 500), ("bluesky", 300)])
def test_threads_and_bluesky_limits(platform: str, limit: int) -> None:
    assert validate(platform, "a" * limit).ok
    over = validate(platform, "a" * (limit + 1))
    assert [p.code for p in over.errors] == ["too_long"] and over.limit == limit


@pytest.mark.parametrize("platform", ["x", "threads", "bluesky"])
def test_a_long_text_may_go_out_as_a_thread_where_the_platform_takes_threads(
    platform: str,
) -> None:
    from planner.limits import limits_for
    from planner.validation import thread_parts

    limit = limits_for(platform).max_chars
    text = " ".join(["📚 buku"] * limit)
    result = validate(platform, text, thread=True)
    parts = thread_parts(text, limit, platform)
    assert result.ok and len(parts) > 1 and [w.code for w in result.warnings] == ["thread"]
    assert all(text_length(platform, p) <= limit for p in parts)
    assert parts[-1].endswith(f"({len(parts)}/{len(parts)})")


def test_a_thread_is_not_offered_where_the_platform_takes_none() -> None:
    long = "kata " * 500
    assert not validate("facebook", long * 30, thread=True).ok
    assert not validate("instagram", long, thread=True, image_count=1, alt_texts=["a"]).ok
