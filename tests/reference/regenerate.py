"""Redraw the reference images after an intended layout change.

    .venv/bin/python -m tests.reference.regenerate

Look at every changed PNG (git diff shows them) before committing: they are what the
layout tests hold future changes to.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.reference.cases import CASES, FOLDER, case_name, render_case


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for layout, size, photo in CASES:
            target = FOLDER / case_name(layout, size, photo)
            render_case(layout, size, photo, Path(tmp)).save(target, optimize=True)
            print(f"wrote {target.relative_to(FOLDER.parent.parent)}")


if __name__ == "__main__":
    main()
