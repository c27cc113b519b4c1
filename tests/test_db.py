"""What db.py shows of a database address: never its password."""

from __future__ import annotations

import pytest

from planner.db import describe_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("sqlite:////srv/planner/planner.db", "sqlite:////srv/planner/planner.db"),
        (
            "postgresql+psycopg://planner:s3cret-pass@db.example:5432/planner",
            "postgresql+psycopg://planner:***@db.example:5432/planner",
        ),
        (
            "postgresql+psycopg://planner@127.0.0.1/planner",
            "postgresql+psycopg://planner@127.0.0.1/planner",
        ),
    ],
)
def test_describe_url_hides_the_password(url: str, shown: str) -> None:
    assert describe_url(url) == shown
