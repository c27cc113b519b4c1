"""Every interface string exists in both languages; dates read like Indonesians write them."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from planner.i18n import LOCALES, STRINGS, format_datetime, format_number, t


def test_every_key_has_both_languages() -> None:
    missing = [key for key, texts in STRINGS.items() for loc in LOCALES if not texts.get(loc)]
    assert missing == []


def test_placeholders_match_between_languages() -> None:
    import string

    for key, texts in STRINGS.items():
        names = [{f for _, f, _, _ in string.Formatter().parse(texts[loc]) if f} for loc in LOCALES]
        assert names[0] == names[1], key


def test_dates_in_wib() -> None:
    moment = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
    assert (
        format_datetime(moment, ZoneInfo("Asia/Jakarta"), "id")
        == "Sabtu, 5 Desember 2026, 09.00 WIB"
    )
    assert (
        format_datetime(moment, ZoneInfo("Asia/Jakarta"), "en")
        == "Saturday, 5 December 2026, 09:00 WIB"
    )
    assert format_number(1250, "id") == "1.250" and format_number(1250, "en") == "1,250"
    assert t("status.published", "en") == "Published"


def test_every_coded_refusal_can_be_said_in_the_page_language() -> None:
    import string

    from planner.public_media import URL_ISSUES
    from planner.sources import REFUSALS

    def names(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for prefix, table in (("sources.error", REFUSALS), ("accounts.public_issue", URL_ISSUES)):
        for code, english in table.items():
            key = f"{prefix}.{code}"
            assert key in STRINGS, key
            # A form may add the field's label; every value the code carries must be shown.
            assert names(english) <= names(STRINGS[key]["id"]), key


def test_every_image_size_is_named_in_both_languages_with_its_pixels() -> None:
    from planner.imaging.sizes import SIZES

    for name, preset in SIZES.items():
        for loc in LOCALES:
            assert t(f"imaging.size.{name}", loc).startswith(f"{preset.width}×{preset.height} ")


def test_month_titles() -> None:
    from planner.i18n import format_month

    assert format_month(2026, 12, "id") == "Desember 2026"
    assert format_month(2027, 2, "en") == "February 2027"
