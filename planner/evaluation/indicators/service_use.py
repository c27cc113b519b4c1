"""Service use per month (visits, loans, new members), as staff enter or import it.

One row per month: entering a month again updates it, never adds a second. A figure left
blank keeps what is stored (a sheet without a new-members column does not erase them);
a month nobody entered is a gap, not a zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from planner.evaluation.indicators.errors import IndicatorError
from planner.evaluation.indicators.parsing import check_count, check_not_future, parse_month
from planner.models import ServiceMonth, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check
from planner.people.roles import Action

FIGURES = ("visits", "loans", "new_members")


@dataclass(frozen=True)
class ServiceFigures:
    """One month's figures as given; None leaves the stored figure as it is."""

    month: str
    visits: int | None = None
    loans: int | None = None
    new_members: int | None = None
    note: str | None = None

    @property
    def title(self) -> str:
        """How an import report names the row (the month)."""
        return self.month


def checked(figures: ServiceFigures, now: datetime, zone: ZoneInfo) -> ServiceFigures:
    """The figures with the month normalised; IndicatorError for a bad month or count."""
    month = parse_month(figures.month)
    check_not_future(month, now, zone)
    for name in FIGURES:
        check_count(getattr(figures, name), name)
    if all(getattr(figures, name) is None for name in (*FIGURES, "note")):
        raise IndicatorError("no_figures", month=month)
    return ServiceFigures(month, figures.visits, figures.loans, figures.new_members, figures.note)


def store(
    session: Session, figures: ServiceFigures, actor: Actor | None
) -> tuple[ServiceMonth, str]:
    """Create or update the month's row (figures already checked): the row and what happened."""
    row = session.exec(select(ServiceMonth).where(ServiceMonth.month == figures.month)).first()
    status = "updated"
    if row is None:
        row, status = ServiceMonth(month=figures.month), "created"
    changes = {
        name: getattr(figures, name)
        for name in (*FIGURES, "note")
        if getattr(figures, name) is not None and getattr(figures, name) != getattr(row, name)
    }
    if not changes and status == "updated":
        return row, "unchanged"
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = utcnow()
    row.updated_by_id = actor.id if actor else None
    session.add(row)
    session.flush()
    return row, status


def set_service_month(
    session: Session,
    figures: ServiceFigures,
    *,
    actor: Actor,
    zone: ZoneInfo,
    now: datetime | None = None,
) -> tuple[ServiceMonth, str]:
    """Record a month's service use (created, updated or unchanged); audited."""
    check(session, actor, Action.RECORD_INDICATORS, ("service_month", figures.month))
    figures = checked(figures, now or utcnow(), zone)
    row, status = store(session, figures, actor)
    if status != "unchanged":
        audit.record(
            session,
            actor,
            Action.RECORD_INDICATORS.value,
            ("service_month", row.month),
            status=status,
            **{name: getattr(row, name) for name in FIGURES},
        )
    return row, status


def service_months(session: Session, months: list[str]) -> dict[str, ServiceMonth]:
    """The stored rows of `months`, by month (a month nobody entered is missing)."""
    if not months:
        return {}
    rows = session.exec(select(ServiceMonth).where(col(ServiceMonth.month).in_(months))).all()
    return {row.month: row for row in rows}


def recent_service_months(session: Session, limit: int = 24) -> list[ServiceMonth]:
    """The latest entered months, newest first (the page's list)."""
    query = select(ServiceMonth).order_by(col(ServiceMonth.month).desc()).limit(limit)
    return list(session.exec(query).all())
