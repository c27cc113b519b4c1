"""Settings → library catalogue: add a source, test it, harvest it, see the last result."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from planner.catalogue import oai
from planner.db import session_scope
from planner.models import CatalogueSource, CollectionItem
from tests.oai_server import OaiServer, slims_route
from tests.people_helpers import app_as


@pytest.fixture
def server() -> Iterator[OaiServer]:
    running = OaiServer(slims_route).start()
    yield running
    running.stop()


def _settings(role: str = "admin") -> AppTest:
    at = app_as(role, "planner/ui/settings.py", timeout=60)
    assert not at.exception
    return at


def _add(at: AppTest, name: str, url: str) -> AppTest:
    at.text_input(key="catalogue_name").input(name)
    at.text_input(key="catalogue_url").input(url)
    at.text_input(key="catalogue_link").input(
        "https://opac.example/index.php?p=show_detail&id={id}"
    )
    return at.button(key="FormSubmitter:catalogue_add-Tambah sumber katalog").click().run()


def test_admin_adds_tests_and_harvests_a_source(demo_db: str, server: OaiServer) -> None:
    at = _settings()
    assert any("Katalog perpustakaan" in h.value for h in at.subheader)
    assert any("Belum ada sumber katalog" in i.value for i in at.info)
    at = _add(at, "SLiMS Kota", server.url)
    assert not at.exception
    assert any("“SLiMS Kota” disimpan" in s.value for s in at.success)
    at = at.button(key="catalogue_test").click().run()
    assert any("Perpustakaan Kota Pekalongan (SLiMS)" in s.value for s in at.success)
    at = at.button(key="catalogue_harvest").click().run()
    assert not at.exception
    assert any(
        "Panen selesai: 3 rekaman, 3 judul baru, 0 diperbarui, 0 dihapus, 0 dengan catatan."
        in s.value
        for s in at.success
    )
    with session_scope() as session:
        titles = {i.title for i in session.exec(select(CollectionItem))}
        assert {"Laut bercerita", "Filosofi teras", "Gadis kretek"} <= titles
    at = at.run()  # the last result stays on the page
    assert any("Panen selesai: 3 rekaman" in s.value for s in at.success)
    assert any("berhasil" in str(df.value) for df in at.dataframe)


def test_a_bad_address_is_refused_and_nothing_saved(demo_db: str) -> None:
    at = _add(_settings(), "Salah", "opac.example/oai.php")
    assert any("bukan alamat web" in e.value for e in at.error)
    with session_scope() as session:
        assert session.exec(select(CatalogueSource)).all() == []


def test_a_failed_harvest_is_explained_and_stays_visible(
    demo_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(oai, "BACKOFF_SECONDS", 0.01)  # retried as usual, without the waits
    at = _add(_settings(), "Mati", "http://127.0.0.1:9/oai.php")
    at = at.button(key="catalogue_harvest").click().run()
    assert any("tidak dapat dihubungi" in e.value for e in at.error)
    at = at.run()
    assert any("tidak dapat dihubungi" in e.value for e in at.error)  # the last result


def test_roles_that_do_not_manage_the_collection_do_not_see_it(demo_db: str) -> None:
    at = _settings("trainer")
    assert not any("Katalog perpustakaan" in h.value for h in at.subheader)
