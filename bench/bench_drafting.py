"""Templates, validation, drafting and imports: how long the everyday steps take.

Prints one JSON object. `--quick` uses smaller inputs (what `make bench` runs).
Runs against a fresh SQLite database in a temporary data directory.
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/queue.py is named like the standard library's `queue`; running any script here puts
# bench/ first on sys.path, which would shadow it (concurrent.futures, psycopg). Drop bench/.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


def _timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rows = 200 if args.quick else 2000
    data_dir = tempfile.mkdtemp(prefix="planner-bench-")
    os.environ["PLANNER_DATA_DIR"] = data_dir
    os.environ["PLANNER_EMBEDDED_WORKER"] = "false"

    from pymarc import Field, Indicators, Record, Subfield

    from planner.config import PROJECT_ROOT, get_settings
    from planner.db import migrate, session_scope
    from planner.drafting import make_draft
    from planner.importing.collection import import_collection
    from planner.importing.events import import_events
    from planner.limits import PLATFORMS
    from planner.people.actors import SYSTEM
    from planner.templates.files import load_directory
    from planner.templates.model import render
    from planner.validation import validate

    tz = ZoneInfo("Asia/Jakarta")
    folder = PROJECT_ROOT / "content_templates"
    load_s = _timed(lambda: load_directory(folder), 5)
    templates, _ = load_directory(folder)
    renders = [(t, p, lang) for t in templates.values() for p in PLATFORMS for lang in ("id", "en")]
    render_s = _timed(
        lambda: [render(t, p, t.example_context(), tz, lang) for t, p, lang in renders], 5
    ) / len(renders)
    sample = render(
        templates["event-announcement"], "x", templates["event-announcement"].example_context(), tz
    )
    validate_s = _timed(lambda: [validate("x", sample) for _ in range(200)], 5) / 200

    migrate()
    settings = get_settings()
    start = datetime.now(UTC) + timedelta(days=30)
    lines = ["judul;tanggal;jam;tempat;narasumber"]
    for i in range(rows):
        day = (start + timedelta(days=i % 60)).astimezone(tz)
        lines.append(f"Kegiatan literasi {i};{day:%d/%m/%Y};09.00–11.00;Aula {i % 5};Pemateri {i}")
    events_csv = ("\n".join(lines) + "\n").encode("cp1252")
    t0 = time.perf_counter()
    with session_scope() as session:
        report = import_events(session, events_csv, "bench.csv", settings.tz, actor=SYSTEM)
    events_first = time.perf_counter() - t0
    assert report.counts["created"] == rows, report.counts
    t0 = time.perf_counter()
    with session_scope() as session:
        again = import_events(session, events_csv, "bench.csv", settings.tz, actor=SYSTEM)
    events_again = time.perf_counter() - t0
    assert again.counts["unchanged"] == rows

    records = []
    for i in range(rows):
        record = Record()
        record.leader = record.leader[:9] + "a" + record.leader[10:]
        record.add_field(Field(tag="001", data=f"B{i}"))
        record.add_field(
            Field(
                tag="245", indicators=Indicators("1", "0"), subfields=[Subfield("a", f"Buku {i} /")]
            )
        )
        record.add_field(
            Field(
                tag="100",
                indicators=Indicators("1", " "),
                subfields=[Subfield("a", "Toer, Pramoedya,")],
            )
        )
        records.append(record.as_marc())
    marc = b"".join(records)
    t0 = time.perf_counter()
    with session_scope() as session:
        marc_report = import_collection(session, marc, "bench.mrc", actor=SYSTEM)
    marc_first = time.perf_counter() - t0
    assert marc_report.counts["created"] == rows

    with session_scope() as session:
        draft_s = _timed(
            lambda: make_draft(
                session, "event-announcement", actor=SYSTEM, event_id=1, settings=settings
            ),
            5,
        )
    print(
        json.dumps(
            {
                "bench": "drafting",
                "templates": len(templates),
                "load_all_templates_ms": round(load_s * 1000, 1),
                "render_one_text_us": round(render_s * 1e6, 1),
                "validate_x_us": round(validate_s * 1e6, 1),
                "draft_with_image_ms": round(draft_s * 1000, 1),
                "import_rows": rows,
                "import_events_rows_per_s": round(rows / events_first),
                "reimport_events_rows_per_s": round(rows / events_again),
                "import_marc_records_per_s": round(rows / marc_first),
            }
        )
    )
    from planner.db import dispose_engines

    dispose_engines()
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
