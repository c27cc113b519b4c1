"""What the dashboard and the report look at: a period and optional platform/account/campaign/
template/author choices, turned into WHERE clauses on the targets published in the period."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlmodel import col

from planner.evaluation.period import Period
from planner.models import Post, PostStatus, PostTarget


@dataclass(frozen=True)
class Filters:
    """A period plus choices; an empty tuple means 'all'. Hashable, so it can key a cache."""

    period: Period
    platforms: tuple[str, ...] = ()
    account_ids: tuple[int, ...] = ()
    campaign_ids: tuple[int, ...] = ()
    template_ids: tuple[str, ...] = ()
    author_ids: tuple[int, ...] = ()

    def previous(self) -> Filters:
        """The same choices over the comparison period (the month or span before)."""
        return replace(self, period=self.period.previous())

    def with_period(self, period: Period) -> Filters:
        """The same choices over another period."""
        return replace(self, period=period)

    @property
    def by_post(self) -> bool:
        """Whether a choice narrows by something of the post (campaign, template, author)."""
        return bool(self.campaign_ids or self.template_ids or self.author_ids)


def account_conditions(filters: Filters) -> list[Any]:
    """The platform and account choices, on PostTarget."""
    conds: list[Any] = []
    if filters.platforms:
        conds.append(col(PostTarget.platform).in_(filters.platforms))
    if filters.account_ids:
        conds.append(col(PostTarget.account_id).in_(filters.account_ids))
    return conds


def post_conditions(filters: Filters) -> list[Any]:
    """The campaign, template and author choices, on Post."""
    conds: list[Any] = []
    if filters.campaign_ids:
        conds.append(col(Post.campaign_id).in_(filters.campaign_ids))
    if filters.template_ids:
        conds.append(col(Post.template_id).in_(filters.template_ids))
    if filters.author_ids:
        conds.append(col(Post.author_id).in_(filters.author_ids))
    return conds


def published_conditions(filters: Filters) -> list[Any]:
    """Targets that went out in the period and match every choice (needs Post joined).

    Only status 'published' counts: a cancelled or failed target has no figures to add, and a
    deleted post never went out (published posts cannot be deleted).
    """
    when = col(PostTarget.published_at)
    return [
        PostTarget.status == PostStatus.PUBLISHED.value,
        when >= filters.period.start,
        when < filters.period.end,
        *account_conditions(filters),
        *post_conditions(filters),
    ]


def due_conditions(filters: Filters) -> list[Any]:
    """Targets due in the period that match every choice (for on-time publishing)."""
    when = col(PostTarget.due_at)
    return [
        when >= filters.period.start,
        when < filters.period.end,
        *account_conditions(filters),
        *post_conditions(filters),
    ]
