"""Each section's sentence, from the numbers: rises, falls, unchanged, gaps, zeros, no earlier
month, in Indonesian and English with each language's number format and month names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.evaluation.report.model import Change
from planner.evaluation.report.sentences import (
    change_sentence,
    format_decimal,
    format_figure,
    write_sentences,
)
from planner.evaluation.training_figures import TrainingFigures
from tests.report_fixture import november

CHANGES = [
    # (figure, this month, month before, Indonesian, English)
    ("reach", 1230, 1000, "Jangkauan naik 23 % dibanding Oktober 2026.",
     "Reach rose 23 % compared with October 2026."),
    ("reach", 875, 1000, "Jangkauan turun 12,5 % dibanding Oktober 2026.",
     "Reach fell 12.5 % compared with October 2026."),
    ("interactions", 1000, 1000, "Interaksi tidak berubah dibanding Oktober 2026.",
     "Interactions: no change compared with October 2026."),
    # A change that rounds to 0.0 % is no change worth a word.
    ("interactions", 100001, 100000, "Interaksi tidak berubah dibanding Oktober 2026.",
     "Interactions: no change compared with October 2026."),
    ("clicks", None, 20, "Klik tautan November 2026 tidak dilaporkan.",
     "Link clicks for November 2026: not reported."),
    ("followers", 2345, None,
     "Pengikut November 2026: 2.345; belum ada data Oktober 2026 sebagai pembanding.",
     "Followers in November 2026: 2,345; there is no data for October 2026 to compare with."),
    ("posts", 12, 0, "Publikasi naik dari 0 menjadi 12 dibanding Oktober 2026.",
     "Posts rose from 0 to 12 compared with October 2026."),
    ("posts", 0, 0, "Publikasi tetap 0, sama seperti Oktober 2026.",
     "Posts stayed at 0, as in October 2026."),
    ("posts", 0, 4, "Publikasi turun 100 % dibanding Oktober 2026.",
     "Posts fell 100 % compared with October 2026."),
    ("visits", 25000, 1000, "Kunjungan naik 2.400 % dibanding Oktober 2026.",
     "Visits rose 2,400 % compared with October 2026."),
]  # fmt: skip


@pytest.mark.parametrize(("key", "now", "before", "indonesian", "english"), CHANGES)
def test_change_sentence(key: str, now, before, indonesian: str, english: str) -> None:
    change = Change(key, now, before)
    assert change_sentence(change, "2026-11", "id") == indonesian
    assert change_sentence(change, "2026-11", "en") == english


def test_january_compares_with_december_of_the_year_before() -> None:
    change = Change("reach", 110, 100)
    assert (
        change_sentence(change, "2027-01", "id") == "Jangkauan naik 10 % dibanding Desember 2026."
    )


@pytest.mark.parametrize(
    ("value", "indonesian", "english"),
    [(12.5, "12,5", "12.5"), (23.0, "23", "23"), (1234.56, "1.234,6", "1,234.6"),
     (0.04, "0", "0"), (None, "tidak dilaporkan", "not reported")],
)  # fmt: skip
def test_decimals(value, indonesian: str, english: str) -> None:
    assert (format_decimal(value, "id"), format_decimal(value, "en")) == (indonesian, english)


def test_counts_and_gaps() -> None:
    assert (format_figure(1234, "id"), format_figure(1234, "en")) == ("1.234", "1,234")
    assert format_figure(0, "id") == "0"  # a zero is a zero, a gap is a gap
    assert format_figure(None, "id") == "tidak dilaporkan"


def test_every_section_has_its_sentence_in_both_languages() -> None:
    indonesian, english = november("id").sentences, november("en").sentences
    assert indonesian == {
        "summary": "Jangkauan naik 23 % dibanding Oktober 2026.",
        "charts": "Interaksi tertinggi pada Sabtu, 14 November 2026: 200 interaksi.",
        "top_posts": "Unggahan teratas adalah \u201cDongeng Sabtu Ceria\u201d di Instagram dengan "
        "150 interaksi.",
        "platforms": "Instagram memberi interaksi terbanyak: 58 % dari seluruh interaksi.",
        "service": "Kunjungan naik 23,4 % dibanding Oktober 2026.",
        "feedback": "6 catatan masukan (4 positif, 1 netral, 1 negatif); komentar di platform: 38.",
        "training": "Modul pelatihan belum terpasang di instalasi ini, sehingga angka pelatihan "
        "belum dapat dilaporkan.",
        "measures": "Pengikut naik 2,5 % dibanding Oktober 2026.",
    }
    assert english["summary"] == "Reach rose 23 % compared with October 2026."
    assert english["charts"] == "The most interactions came on Saturday, 14 November 2026: 200."
    assert english["platforms"] == "Instagram brought the most interactions: 58 % of all of them."


def test_training_figures_and_a_month_without_sessions() -> None:
    held = november("id", TrainingFigures(3, 1045, 30, 82.5))
    assert (
        held.sentences["training"]
        == "3 sesi pelatihan dengan 1.045 peserta; 30 latihan dikerjakan."
    )
    none_held = november("en", TrainingFigures(0, 0, 0, None))
    assert none_held.sentences["training"] == "No training sessions were held in November 2026."


def test_gaps_and_missing_entries_are_said_not_hidden() -> None:
    report = november("id")
    service = replace(
        report.service,
        visits=Change("visits", None, 1000),
        loans=Change("loans", None, None),
        new_members=Change("new_members", None, None),
    )
    feedback = replace(report.feedback, comments=Change("comments", None, 30))
    kpis = tuple(
        Change(k.key, None, k.previous) if k.key in ("reach", "followers") else k
        for k in report.kpis
    )
    gaps = write_sentences(replace(report, service=service, feedback=feedback, kpis=kpis))
    assert gaps["service"] == (
        "Angka layanan November 2026 (kunjungan, peminjaman, anggota baru) belum diisi."
    )
    assert gaps["feedback"].endswith("komentar di platform: tidak dilaporkan.")
    assert gaps["summary"] == "Interaksi tidak berubah dibanding Oktober 2026."  # reach is a gap
    assert gaps["measures"] == "Jumlah pengikut November 2026 tidak dilaporkan."


def test_a_month_without_posts() -> None:
    report = november("en")
    kpis = tuple(Change(k.key, 0 if k.key == "posts" else None, k.previous) for k in report.kpis)
    quiet = write_sentences(replace(report, kpis=kpis, platforms=(), top_posts=(), daily=()))
    nothing = "Nothing was published in November 2026."
    assert [quiet[k] for k in ("summary", "charts", "top_posts", "platforms")] == [nothing] * 4
