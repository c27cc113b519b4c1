"""Best time to post: a weekday × local hour heatmap of the library's own engagement rate at
the same age (each target's first 24 h snapshot), and the posting slots it would suggest.

It suggests nothing from too little data: at least MIN_POSTS_TOTAL targets with a 24 h
snapshot overall, and a slot only when MIN_POSTS_PER_SLOT targets went out in that hour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from planner.evaluation.filters import Filters
from planner.evaluation.sqlparts import (
    figure_columns,
    figures,
    local_weekday_hour,
    offset_minutes,
    published_base,
    weekday,
)
from planner.models import PostTarget
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action
from planner.slots import set_slots, slots_of

# A weekday-hour needs this many targets before its rate is trusted (one viral post is luck).
MIN_POSTS_PER_SLOT = 3
# And the whole heatmap this many, so a suggestion compares more than a handful of hours.
MIN_POSTS_TOTAL = 20
SUGGESTED_SLOTS = 3
AGE = "24h"


@dataclass(frozen=True)
class Heatmap:
    """Cells {weekday (Monday 0), hour, targets, interactions, engagement_rate, simulated};
    `posts` is how many targets the map rests on; `suggestions` (weekday, 'HH:00') best
    first, empty when `enough` is False."""

    cells: list[dict[str, Any]]
    posts: int
    enough: bool
    suggestions: list[tuple[int, str]] = field(default_factory=list)
    simulated: bool = False
    min_total: int = MIN_POSTS_TOTAL
    min_per_slot: int = MIN_POSTS_PER_SLOT


def heatmap(session: Session, filters: Filters) -> Heatmap:
    """The heatmap over targets published in the period that have a 24 h snapshot."""
    day, hour = local_weekday_hour(session, PostTarget.published_at, offset_minutes(filters))
    day, hour = day.label("wd"), hour.label("hr")
    query = published_base(session, filters, day, hour, *figure_columns(), ages=(AGE,)).group_by(
        day, hour
    )
    cells = []
    for r in session.connection().execute(query):
        f = figures(r)
        cells.append(
            {
                "weekday": weekday(session, r.wd),
                "hour": int(r.hr),
                "targets": f["targets"],
                "interactions": f["interactions"],
                "engagement_rate": f["engagement_rate"],
                "simulated": f["simulated"],
            }
        )
    cells.sort(key=lambda c: (c["weekday"], c["hour"]))
    return suggest(cells)


def suggest(cells: list[dict[str, Any]]) -> Heatmap:
    """The heatmap with its suggestions under the minimum-data rule (see the module)."""
    posts = sum(c["targets"] for c in cells)
    enough = posts >= MIN_POSTS_TOTAL
    trusted = [
        c for c in cells if c["targets"] >= MIN_POSTS_PER_SLOT and c["engagement_rate"] is not None
    ]
    best = sorted(trusted, key=lambda c: (-c["engagement_rate"], c["weekday"], c["hour"]))
    suggestions = (
        [(c["weekday"], f"{c['hour']:02d}:00") for c in best[:SUGGESTED_SLOTS]] if enough else []
    )
    return Heatmap(
        cells=cells,
        posts=posts,
        enough=enough,
        suggestions=suggestions,
        simulated=any(c["simulated"] for c in cells),
    )


def apply_suggestions(
    session: Session, actor: Actor, account_id: int, slots: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """Add the suggested slots to the account's posting slots (kept ones stay); returns the
    slots that were new. Needs MANAGE_SLOTS; set_slots audits the change."""
    check(session, actor, Action.MANAGE_SLOTS, ("account", account_id))
    have = slots_of(session, account_id)
    new = sorted(set(slots) - set(have))
    if new:
        set_slots(session, account_id, have + new, actor=actor)
    return new
