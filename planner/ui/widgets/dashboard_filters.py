"""The dashboard's filter form: period (this month, last month, a date range) and the optional
platform, account, campaign, template and author choices, read into one Filters."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from planner.config import get_settings
from planner.evaluation.choices import Choices
from planner.evaluation.filters import Filters
from planner.evaluation.period import Period, last_month, this_month
from planner.ui.runtime import hint, tr

PERIODS = ("this_month", "last_month", "custom")


def filters_form(choices: Choices, now: datetime) -> Filters:
    """The chosen filters (applied when the form is sent; this month until then)."""
    zone = get_settings().timezone
    current = this_month(now, zone)
    with st.form("dash_filters"):
        st.markdown(f"**{tr('dash.filters')}**")
        top = st.columns([1, 1, 1])
        kind = top[0].selectbox(
            tr("dash.period"),
            PERIODS,
            format_func=lambda p: tr(f"dash.period.{p}"),
            key="dash_period",
        )
        days = top[1].date_input(
            tr("dash.dates"),
            value=(current.first, min(current.last, now.astimezone(get_settings().tz).date())),
            format="DD/MM/YYYY",
            key="dash_dates",
        )
        platforms = top[2].multiselect(
            tr("dash.platforms"),
            choices.platforms,
            format_func=lambda p: tr(f"platform.{p}"),
            key="dash_platforms",
            placeholder=hint(choices.platforms, "common.all"),
        )
        bottom = st.columns(4)
        accounts = _pick(bottom[0], "dash.accounts", choices.accounts, "dash_accounts")
        campaigns = _pick(bottom[1], "dash.campaigns", choices.campaigns, "dash_campaigns")
        templates = bottom[2].multiselect(
            tr("dash.templates"),
            choices.templates,
            key="dash_templates",
            placeholder=hint(choices.templates, "common.all"),
        )
        authors = _pick(bottom[3], "dash.authors", choices.authors, "dash_authors")
        st.form_submit_button(tr("dash.apply"))
    return Filters(
        period=_period(kind, days, now, zone),
        platforms=tuple(platforms),
        account_ids=tuple(accounts),
        campaign_ids=tuple(campaigns),
        template_ids=tuple(templates),
        author_ids=tuple(authors),
    )


def _pick(container, label: str, options: list[tuple[int, str]], key: str) -> list[int]:
    names = dict(options)
    return container.multiselect(
        tr(label),
        list(names),
        format_func=lambda i: names[i],
        key=key,
        placeholder=hint(names, "common.all"),
    )


def _period(kind: str, days, now: datetime, zone: str) -> Period:
    if kind == "last_month":
        return last_month(now, zone)
    if kind == "custom":
        chosen = days if isinstance(days, tuple) else (days,)
        if len(chosen) == 2 and chosen[0] and chosen[1]:
            return Period(chosen[0], chosen[1], zone)
        st.info(tr("dash.bad_range"))
    return this_month(now, zone)
