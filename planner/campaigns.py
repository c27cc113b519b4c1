"""A whole campaign from one event: one post per step of the template's campaign offsets.

Planning renders every step's draft (announcement H-7 09:00, reminder H-1 16:00, recap H+1
10:00 …) for review and editing; scheduling then creates all posts in one transaction
through scheduling.schedule_post, so a campaign is either scheduled whole or not at all.
Steps whose time has already passed are shown as skipped, never back-dated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from planner.config import Settings, get_settings
from planner.drafting import Draft, DraftError, get_template, make_draft
from planner.i18n import LOCALES, t
from planner.models import Account, Campaign, Event, Post, utcnow
from planner.people import audit
from planner.people.actors import Actor
from planner.people.guard import check, check_targets
from planner.people.roles import Action
from planner.scheduling import PostCreate, SchedulingError, schedule_post
from planner.templates.model import CampaignStep


class CampaignError(ValueError):
    """A campaign that cannot be planned or scheduled; the message names the step.

    `str()` is English; `text(locale)` words it in the page language where a wording exists.
    """

    def __init__(self, message: str, translations: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.translations = {"en": message, **(translations or {})}

    def text(self, locale: str) -> str:
        """The reason in `locale` (English when no wording in that language exists)."""
        return self.translations.get(locale) or self.translations["en"]


@dataclass
class PlannedStep:
    """One post of a campaign: when it goes out and its draft (None when skipped)."""

    step: CampaignStep
    template_id: str
    due_at: datetime  # aware, in the library's zone
    draft: Draft | None = None
    skipped: str = ""  # why the step will not be scheduled ("past")


@dataclass
class CampaignPlan:
    template_id: str
    event_id: int
    event_title: str
    steps: list[PlannedStep] = field(default_factory=list)

    @property
    def active(self) -> list[PlannedStep]:
        """The steps that will be scheduled."""
        return [s for s in self.steps if s.draft is not None]


def step_time(event: Event, step: CampaignStep, settings: Settings) -> datetime:
    """The step's local day and time relative to the event's local start day."""
    local_day = event.starts_at.astimezone(settings.tz).date() + timedelta(days=step.offset_days)
    return datetime.combine(local_day, step.local_time, tzinfo=settings.tz)


def plan_campaign(
    session: Session,
    template_id: str,
    event_id: int,
    *,
    actor: Actor,
    locale: str = "id",
    now: datetime | None = None,
    hashtags: list[str] | None = None,
    link: str | None = None,
    values: dict[str, Any] | None = None,
    settings: Settings | None = None,
) -> CampaignPlan:
    """Drafts for every step of the template's campaign for `event_id`, ready to review.

    `values` fill extra fields (a competition's prizes …) in every step that declares them.
    """
    settings = settings or get_settings()
    now = now or utcnow()
    tpl = get_template(template_id, settings, session)
    if not tpl.campaign:
        raise CampaignError(f"template {tpl.id!r} has no campaign steps")
    event = session.get(Event, event_id)
    if event is None:
        raise DraftError(f"no event with id {event_id}")
    plan = CampaignPlan(template_id=tpl.id, event_id=event_id, event_title=event.title)
    for step in tpl.campaign:
        due = step_time(event, step, settings)
        planned = PlannedStep(step=step, template_id=step.template or tpl.id, due_at=due)
        if due <= now:
            planned.skipped = "past"
        else:
            planned.draft = make_draft(
                session,
                planned.template_id,
                actor=actor,
                event_id=event_id,
                hashtags=hashtags,
                link=link,
                values=values,
                locale=locale,
                settings=settings,
            )
        plan.steps.append(planned)
    return plan


def schedule_campaign(
    session: Session,
    plan: CampaignPlan,
    *,
    actor: Actor,
    account_ids: list[int],
    author: str = "",
    locale: str = "id",
    now: datetime | None = None,
) -> tuple[Campaign, list[Post]]:
    """Create the campaign and one scheduled post per active step (all or nothing).

    Planning and every target account are checked before anything is written.
    """
    check(session, actor, Action.PLAN_CAMPAIGN, ("campaign", None))
    accounts = [a for a in (session.get(Account, i) for i in account_ids) if a is not None]
    check_targets(session, actor, Action.SCHEDULE_POST, accounts, ("campaign", None))
    if not plan.active:
        worded = {loc: t("campaign.error.all_past", loc) for loc in LOCALES}
        raise CampaignError(worded["en"], worded)
    campaign = Campaign(name=plan.event_title, event_id=plan.event_id, created_by_id=actor.id)
    session.add(campaign)
    session.flush()
    posts: list[Post] = []
    for planned in plan.active:
        label = planned.step.title(locale)
        data = step_post(plan, planned, account_ids, locale, author=author)
        try:
            post = schedule_post(session, actor=actor, data=data, now=now)
        except SchedulingError as exc:
            raise CampaignError(f"{label}: {exc}") from exc
        post.campaign_id = campaign.id
        posts.append(post)
    audit.record(
        session, actor, "campaign.plan", ("campaign", campaign.id), posts=[p.id for p in posts]
    )
    session.flush()
    return campaign, posts


def step_post(
    plan: CampaignPlan, planned: PlannedStep, account_ids: list[int], locale: str, author: str = ""
) -> PostCreate:
    """The post of one planned step at the step's time (scheduled here, or saved as a draft)."""
    draft = planned.draft
    assert draft is not None
    return PostCreate(
        title=f"{draft.title} · {planned.step.title(locale)}",
        texts=draft.texts,
        account_ids=account_ids,
        due_at=planned.due_at,
        media_asset_id=draft.media_asset_id,
        alt_text=draft.alt_text,
        link=draft.link,
        template_id=planned.template_id,
        event_id=plan.event_id,
        author=author,
    )


def campaigns_for_event(session: Session, event_id: int) -> list[Campaign]:
    """Campaigns already made for an event (to warn before making a second one)."""
    return list(session.exec(select(Campaign).where(Campaign.event_id == event_id)))
