"""Certificates of participation: a PDF per person who came, read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime

import pytest

from planner.db import session_scope
from planner.training.certificate import certificate_pdf
from planner.training.errors import TrainingError
from planner.training.sessions import Person, SessionInput, add_session, attendees
from tests.people_helpers import make_user

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_a_certificate_names_the_person_session_and_trainer(sqlite_db, tmp_path) -> None:
    trainer = make_user("trainer")
    with session_scope() as session:
        held = add_session(
            session,
            actor=trainer,
            data=SessionInput(
                starts_at=datetime(2026, 11, 20, 2, tzinfo=UTC),
                topic="Gambar promosi yang terbaca",
                place="Aula Perpustakaan Kota Pekalongan",
                lessons=["accessibility-basics"],
                attendees=[
                    Person(name="Bu Siti", organisation="Perpustakaan Desa Kuripan"),
                    Person(name="Pak Budi", attended=False),
                ],
            ),
        )
        came, absent = attendees(session, held.id)
        pdf_id = certificate_pdf(session, came.id, "id")
        pdf_en = certificate_pdf(session, came.id, "en")
        with pytest.raises(TrainingError):
            certificate_pdf(session, absent.id)
    text = _text(pdf_id, tmp_path)
    assert "Sertifikat Keikutsertaan" in text and "Bu Siti" in text
    assert "Perpustakaan Desa Kuripan" in text
    assert "“Gambar promosi yang terbaca” pada Jumat, 20 November 2026" in text
    assert "Aksesibilitas" in text and "Pelatih: tono" in text
    english = _text(pdf_en, tmp_path)
    assert "Certificate of Participation" in english and "Friday, 20 November 2026" in english
