"""The report's tables, once, for every writer: the PDF formats them, the XLSX keeps the raw
numbers, the CSV lays them out long.

A cell is a raw value (int, float, date, text or None for a gap); `percent_columns` marks the
change columns, which the PDF shows signed and a missing change as a dash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.evaluation.report.model import Change, MonthlyReport
from planner.i18n import t

Cell = int | float | str | date | None


@dataclass(frozen=True)
class Table:
    """One table of the report: its section, title, headers (report language) and rows."""

    key: str  # the section (model.SECTIONS)
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    changes: bool = False  # rows are figure / this month / month before / change
    percent_columns: frozenset[int] = field(default_factory=frozenset)
    screen_only: frozenset[int] = field(default_factory=frozenset)  # links: left out in print
    item_columns: tuple[int, ...] = (0,)  # what names a row (platform; day and platform; post)


def report_tables(report: MonthlyReport) -> list[Table]:
    """Every table of `report`, in the order of its sections."""
    lang = report.lang
    return [
        _changes("summary", report.kpis, lang),
        _grid(
            "charts",
            lang,
            ("col.day", "col.platform", "fig.interactions", "fig.reach"),
            [
                (p.day, t(f"platform.{p.platform}", lang), p.interactions, p.reach)
                for p in report.daily
            ],
        ),
        _grid(
            "top_posts",
            lang,
            (
                "col.rank",
                "col.post",
                "col.title",
                "col.platform",
                "col.day",
                "fig.interactions",
                "fig.reach",
                "col.link",
            ),
            [
                (
                    rank,
                    post.post_id,
                    post.title,
                    t(f"platform.{post.platform}", lang),
                    post.published_on,
                    post.interactions,
                    post.reach,
                    post.url,
                )
                for rank, post in enumerate(report.top_posts, 1)
            ],
        ),
        _grid(
            "platforms",
            lang,
            (
                "col.platform",
                "fig.posts",
                "fig.impressions",
                "fig.reach",
                "fig.interactions",
                "fig.clicks",
                "fig.engagement_rate",
            ),
            [
                (
                    t(f"platform.{r.platform}", lang),
                    r.posts,
                    r.impressions,
                    r.reach,
                    r.interactions,
                    r.clicks,
                    r.engagement_rate,
                )
                for r in report.platforms
            ],
        ),
        _changes("service", _service_rows(report), lang),
        _changes("feedback", _feedback_rows(report), lang),
        _grid(
            "training",
            lang,
            ("col.figure", "col.this_month"),
            []
            if report.training is None
            else [
                (t(f"report.fig.{name}", lang), getattr(report.training, name))
                for name in ("sessions_held", "attendees", "exercises_submitted", "average_score")
            ],
        ),
        _grid(
            "measures",
            lang,
            (
                "col.platform",
                "fig.posts",
                "fig.followers",
                "fig.follower_growth",
                "fig.interactions",
                "fig.engagement_rate",
                "fig.clicks",
                "fig.interactions_per_post",
                "fig.clicks_per_post",
            ),
            [
                (
                    t(f"platform.{m.platform}", lang),
                    m.posts,
                    m.followers,
                    m.follower_growth,
                    m.interactions,
                    m.engagement_rate,
                    m.clicks,
                    m.interactions_per_post,
                    m.clicks_per_post,
                )
                for m in report.measures
            ],
        ),
    ]


def _service_rows(report: MonthlyReport) -> tuple[Change, ...]:
    s = report.service
    return (s.visits, s.loans, s.new_members, s.reach, s.interactions)


def _feedback_rows(report: MonthlyReport) -> tuple[Change, ...]:
    f = report.feedback
    return (f.notes, f.positive, f.neutral, f.negative, f.comments)


def _changes(key: str, changes: tuple[Change, ...], lang: str) -> Table:
    headers = ("col.figure", "col.this_month", "col.previous", "col.change")
    rows = tuple(
        (
            t(f"report.fig.{c.key}", lang),
            c.current,
            c.previous,
            None if c.percent is None else round(c.percent, 1),
        )
        for c in changes
    )
    return Table(
        key,
        t(f"report.section.{key}", lang),
        tuple(t(f"report.{h}", lang) for h in headers),
        rows,
        changes=True,
        percent_columns=frozenset({3}),
    )


_ITEMS = {"charts": (0, 1), "top_posts": (1,)}


def _grid(key: str, lang: str, headers: tuple[str, ...], rows: list[tuple[Cell, ...]]) -> Table:
    return Table(
        key,
        t(f"report.section.{key}", lang),
        tuple(t(f"report.{h}", lang) for h in headers),
        tuple(rows),
        screen_only=frozenset(i for i, h in enumerate(headers) if h == "col.link"),
        item_columns=_ITEMS.get(key, (0,)),
    )
