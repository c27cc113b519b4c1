"""The Indonesian copy keeps to docs/glossary.md.

Words with a library meaning (terbit/penerbit = a book's publisher, koleksi = the collection)
and internal jargon (dry run, sandbox, caption, pekerja) must not come back into the string
tables, the content templates or the demo data in their social-posting sense. Each rule is a
regular expression over the Indonesian text; the allow-list below names the few places where
the word is meant in its library (or calendar) sense.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from planner.i18n import STRINGS
from planner.validation import MESSAGES

ROOT = Path(__file__).resolve().parent.parent

# (name, pattern, what to say instead). Case-insensitive unless the pattern says otherwise.
RULES: list[tuple[str, str, str]] = [
    ("terbit", r"\bterbit", "publikasi / terpublikasi / Publikasikan"),
    ("penerbit", r"\bpenerbit", "publikasi; penerbit is the book's publisher"),
    ("dry run", r"\bdry[ -]?run", "Uji coba"),
    # "akun latihan (sandbox)" explains the English word; "Sandbox" alone is jargon.
    ("sandbox", r"(?<!latihan \()\bsandbox\b(?!\s*\(uji\))", "Latihan / Sandbox (uji)"),
    # Hyphenated slugs such as the lesson id "caption-call-to-action" are not copy.
    ("caption", r"(?<!keterangan \()(?<![-\w])caption(?![-\w])", "keterangan (caption)"),
    ("pekerja", r"\bpekerja\b", "pengirim / proses pengirim"),
    ("keterlibatan", r"keterlibatan", "interaksi"),
    ("e-learning", r"\be-learning\b", "Kelas Digital"),
    ("Minggu = week", r"(?-i:\bMinggu\b)", "pekan (Minggu is Sunday)"),
    ("minggu = week", r"(?-i:\bminggu\b)", "pekan"),
    ("boleh kosong", r"(?<!tidak )boleh kosong", "(opsional)"),
    ("dicek", r"\bdicek\b", "diperiksa"),
    ("speaker", r"\b(pembicara|pemateri|pengisi acara)\b", "Narasumber"),
    ("uji coba mati", r"uji coba mati|dry run mati", "Uji coba nonaktif"),
    ("kata pustakawan", r"kata pustakawan", "PILIHAN PUSTAKAWAN"),
    # A label or filter that is just "Penulis"; "temu penulis" (meet the writer) is fine prose.
    ("penulis", r"^\s*penulis\s*$", "Pengarang (book) / Dibuat oleh (post)"),
    ("calque", r"perpustakaan di saku", "Perpustakaan dalam genggaman"),
    ("twice", r"gratis tanpa biaya", "gratis"),
    ("translation", r"jawaban platform tidak diterima", "tidak ada jawaban dari platform"),
    # An uploaded file is a berkas/foto; these phrases only ever mean the file, never a post.
    (
        "unggahan = file",
        r"\bunggahan (ganda|foto|gambar|berkas|file|dokumen|csv)\b"
        r"|\b(ukuran|format|berkas|jenis berkas) unggahan\b",
        "berkas / foto / Diunggah (unggahan is a social media post)",
    ),
]

# Legitimate uses: (where, substring of the text, why).
ALLOW: list[tuple[str, str, str]] = [
    # The book's publisher: a catalogue field of a collection item.
    ("i18n:sources.publisher", "Penerbit", "book publisher field of a collection item"),
    ("i18n:sources.import_help_collection", "penerbit", "collection CSV column"),
    ("demo", "Penerbit Buku Kompas", "a publisher's name in the collection"),
    # Sunday.
    ("", "Sabtu–Minggu", "Saturday–Sunday opening hours"),
    ("i18n:scheduling.error.slot_weekday", "(Minggu)", "day 6 of a posting slot is Sunday"),
    # Demo account names are stored once in existing databases; they are labels for staff,
    # never printed in a post.
    ("demo", "Sandbox X ·", "demo account name"),
    ("demo", "Sandbox Facebook ·", "demo account name"),
    ("demo", "Sandbox Instagram ·", "demo account name"),
]


USED: set[str] = set()


def _allowed(where: str, text: str, match: re.Match[str]) -> bool:
    for place, needle, _why in ALLOW:
        if place and not where.startswith(place):
            continue
        start = text.lower().find(needle.lower())
        while start != -1:
            if start <= match.start() < start + len(needle):
                USED.add(needle)
                return True
            start = text.lower().find(needle.lower(), start + 1)
    return False


def _yaml_id_texts(node: object, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a template except those under an `en` key."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "en":
                continue
            yield from _yaml_id_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _yaml_id_texts(value, f"{path}[{index}]")
    elif isinstance(node, str):
        yield path, node


def _python_strings(path: Path, label: str) -> Iterator[tuple[str, str]]:
    """String literals of a module (demo data), docstrings excluded."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings:
            yield f"{label}:{node.lineno}", node.value


def indonesian_texts() -> Iterator[tuple[str, str]]:
    for key, entry in STRINGS.items():
        yield f"i18n:{key}", entry["id"]
    for key, entry in MESSAGES.items():
        yield f"validation:{key}", entry["id"]
    for path in sorted((ROOT / "content_templates").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _yaml_id_texts(data, f"template:{path.relative_to(ROOT)}")
    yield from _python_strings(ROOT / "planner" / "demo.py", "demo")
    yield from _python_strings(ROOT / "planner" / "training" / "demo.py", "demo-training")


def violations() -> list[str]:
    found = []
    for where, text in indonesian_texts():
        for name, pattern, instead in RULES:
            for match in re.finditer(pattern, text, re.IGNORECASE):
                if not _allowed(where, text, match):
                    snippet = text[max(0, match.start() - 30) : match.end() + 30]
                    found.append(f"{where}: {name!r} → {instead}: …{snippet}…")
    return found


def test_image_kickers_describe_the_content() -> None:
    """The quote card is the librarian's pick, not their words; the book list is new arrivals."""
    assert STRINGS["imaging.kicker.quote_card"]["id"] == "Pilihan pustakawan"
    assert STRINGS["imaging.kicker.book_list"]["id"] == "Koleksi baru"


def test_indonesian_copy_keeps_to_the_glossary() -> None:
    found = violations()
    assert not found, f"{len(found)} words the glossary rules out:\n" + "\n".join(found)
    unused = [needle for _place, needle, _why in ALLOW if needle not in USED]
    assert not unused, f"allow-list entries no longer needed, remove them: {unused}"


@pytest.mark.parametrize(
    "text",
    [
        "Terbitkan sekarang",
        "Unggahan terbit",
        "Penerbitan",
        "Dry run mati",
        "Akun Sandbox X",
        "Tulis caption",
        "Minggu ini",
        "Keterlibatan",
        "mungkin unggahan ganda",
        "Ukuran unggahan terlalu besar",
    ],
)
def test_the_rules_catch_the_old_words(text: str) -> None:
    """Each rule must fire on the wording it replaced, else the scan above proves nothing."""
    assert any(re.search(p, text, re.IGNORECASE) for _n, p, _i in RULES)


def test_the_allow_list_covers_the_book_publisher() -> None:
    text = "Penerbit"
    match = re.search(r"\bpenerbit", text, re.IGNORECASE)
    assert match and _allowed("i18n:sources.publisher", text, match)
    assert not _allowed("i18n:publishing.worker", text, match)


def test_dates_and_time_ranges_read_as_running_text() -> None:
    """'Jumat, 4 Desember 2026, pukul 09.00 WIB'; a range gives the zone once: '09.00–14.30 WIB'."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from planner.templates.sandbox import make_environment

    start = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    end = datetime(2026, 12, 4, 7, 30, tzinfo=UTC)
    source = "{{ s | datetime }} / {{ s | time_range(e) }} / {{ s | time_range(none) }}"
    jakarta = ZoneInfo("Asia/Jakarta")
    text = make_environment(jakarta, "id").from_string(source).render(s=start, e=end)
    assert text == "Jumat, 4 Desember 2026, pukul 09.00 WIB / 09.00–14.30 WIB / 09.00 WIB"
    english = make_environment(jakarta, "en").from_string(source).render(s=start, e=end)
    assert english == "Friday, 4 December 2026, 09:00 WIB / 09:00–14:30 WIB / 09:00 WIB"


# Templates whose audience is teachers or librarians may say "Anda" and "Bapak/Ibu".
FORMAL_AUDIENCE = {"reading-competition.yaml", "librarian-training.yaml"}


def test_facebook_and_instagram_speak_to_the_public_as_sobat_perpus() -> None:
    """One voice for the public: "Sobat Perpus" with -mu, never "Anda" or "kamu" beside it."""
    found = []
    for path in sorted((ROOT / "content_templates").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = data.get("text", {}).get("id", {})
        for platform in ("facebook", "instagram"):
            text = texts.get(platform, "")
            if path.name not in FORMAL_AUDIENCE and re.search(r"\b(Anda|Bapak|Ibu)\b", text):
                found.append(f"{path.name} {platform}: formal address to the public")
    assert not found, found
