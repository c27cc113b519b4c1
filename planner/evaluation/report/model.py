"""What a monthly report holds, as plain values: the writers (PDF, XLSX, CSV) read only these.

A figure a platform did not report is None (a gap, shown as "tidak dilaporkan"), never a zero,
so every number here is `int | float | None`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.evaluation.training_figures import TrainingFigures

# The report's sections, in order; each has one written sentence.
SECTIONS = ("summary", "charts", "top_posts", "platforms", "service", "feedback", "training",
            "measures")  # fmt: skip


@dataclass(frozen=True)
class Change:
    """A figure this month beside the month before (None: not reported / no data)."""

    key: str
    current: float | None
    previous: float | None

    @property
    def percent(self) -> float | None:
        """The change in percent, or None when there is nothing to compare (gap or zero before)."""
        if self.current is None or self.previous is None or self.previous == 0:
            return None
        return (self.current - self.previous) / self.previous * 100


@dataclass(frozen=True)
class PlatformRow:
    """One platform's month: what went out and what it earned (latest figures per post)."""

    platform: str
    posts: int
    impressions: int | None
    reach: int | None
    interactions: int | None
    clicks: int | None
    engagement_rate: float | None  # interactions per reach (or impressions), in percent


@dataclass(frozen=True)
class MeasureRow:
    """A library's social media measures for one platform: activity, audience, engagement,
    referral and return."""

    platform: str
    posts: int  # activity
    followers: int | None  # audience at the month's last snapshot
    follower_growth: int | None  # against the last snapshot of the month before
    interactions: int | None
    engagement_rate: float | None  # interactions per impression, in percent
    clicks: int | None  # referral
    interactions_per_post: float | None  # return
    clicks_per_post: float | None


@dataclass(frozen=True)
class TopPost:
    """One of the month's best posts by interactions."""

    post_id: int
    title: str
    platform: str
    published_on: date  # the library's local day
    interactions: int | None
    reach: int | None
    url: str


@dataclass(frozen=True)
class DayPoint:
    """Interactions and reach of the posts published on one local day, per platform."""

    day: date
    platform: str
    interactions: int | None
    reach: int | None


@dataclass(frozen=True)
class ServiceIndicator:
    """Service use beside promotion: the month's library figures and its posts' results."""

    visits: Change
    loans: Change
    new_members: Change
    reach: Change
    interactions: Change


@dataclass(frozen=True)
class FeedbackIndicator:
    """What users said: platform comments plus the notes staff recorded, per sentiment."""

    comments: Change
    notes: Change
    positive: Change
    neutral: Change
    negative: Change


@dataclass(frozen=True)
class MonthlyReport:
    """Everything one month's report shows, in the language it was built for."""

    month: str  # 'YYYY-MM'
    lang: str
    library_name: str
    logo_path: str | None
    kpis: tuple[Change, ...]
    platforms: tuple[PlatformRow, ...]
    measures: tuple[MeasureRow, ...]
    top_posts: tuple[TopPost, ...]
    daily: tuple[DayPoint, ...]
    service: ServiceIndicator
    feedback: FeedbackIndicator
    training: TrainingFigures | None  # None: no training module in this installation
    simulated: bool  # some figures come from Sandbox accounts
    made_on: date  # the local day the report was made
    sentences: dict[str, str] = field(default_factory=dict)

    def kpi(self, key: str) -> Change:
        """The summary figure `key` (planner.evaluation.queries.KPI_KEYS)."""
        return next(k for k in self.kpis if k.key == key)
