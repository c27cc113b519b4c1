"""The post ages at which engagement is snapshotted (setting `metrics_milestones`).

Posts are compared at the same age (1 h, 24 h, 7 d, 30 d by default), so each published
target gets one snapshot per milestone, labelled with it. A snapshot taken late (the
worker was down) still stands for the milestone it was due for; one taken on demand
between milestones is labelled `LIVE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

LIVE = "live"  # a snapshot that stands for no milestone (taken on demand)
# After the last milestone a late snapshot is still taken for this long, then collection ends.
GRACE = timedelta(days=1)
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
_ONE = re.compile(r"^(\d+)\s*([mhd])$")


@dataclass(frozen=True)
class Milestone:
    """One age: its label as stored on the snapshot (`age_bucket`) and its span."""

    label: str
    span: timedelta


def parse_milestones(text: str) -> list[Milestone]:
    """'1h,24h,7d,30d' → milestones, youngest first; ValueError says what is wrong."""
    found: dict[timedelta, Milestone] = {}
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        match = _ONE.match(part)
        if not match or int(match.group(1)) == 0:
            raise ValueError(
                f"metrics milestone {part!r} is not a positive number with a unit m, h or d "
                "(e.g. 1h,24h,7d,30d)"
            )
        number, unit = int(match.group(1)), match.group(2)
        label = f"{number}{unit}"
        if len(label) > 10:  # the column holding the label is 10 characters wide
            raise ValueError(f"metrics milestone {part!r} is too long")
        span = timedelta(**{_UNITS[unit]: number})
        if span in found:
            raise ValueError(f"metrics milestones {found[span].label} and {label} are the same age")
        found[span] = Milestone(label, span)
    if not found:
        raise ValueError("metrics milestones are empty: name at least one age, e.g. 1h")
    return sorted(found.values(), key=lambda m: m.span)


def window(milestones: list[Milestone]) -> timedelta:
    """How long after publishing a target is still collected: the last milestone plus a day."""
    return milestones[-1].span + GRACE


def reached(age: timedelta, milestones: list[Milestone]) -> Milestone | None:
    """The oldest milestone `age` has reached, or None before the first one."""
    passed = [m for m in milestones if age >= m.span]
    return passed[-1] if passed else None


def due(age: timedelta, milestones: list[Milestone], taken: set[str]) -> Milestone | None:
    """The milestone a snapshot taken now stands for, if it has none yet.

    Only the latest milestone reached counts: after an outage a snapshot at 30 h stands for
    24 h, and the missed 1 h stays a gap (figures at 30 h are not the figures at 1 h).
    """
    if age > window(milestones):
        return None
    latest = reached(age, milestones)
    if latest is None or latest.label in taken:
        return None
    return latest
