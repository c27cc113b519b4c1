"""Settings: where accounts and the brand kit are managed, and how this installation is set up.

The people policy (approvals, second factor) is kept in the database and edited here by an
admin; everything else comes from the environment (see the README's Configuration table),
so the page shows it read-only and says which variable to change.
"""

from __future__ import annotations

import streamlit as st

from planner.config import get_settings
from planner.db import describe_url, session_scope
from planner.models import Role
from planner.people.policy import Policy, load_policy, save_policy
from planner.people.roles import Action, PermissionDenied
from planner.public_media import base_url_issue
from planner.ui.pages import offered
from planner.ui.runtime import LANGUAGE_NAMES, error_text, tr
from planner.ui.session import allowed, current_actor
from planner.ui.widgets import live
from planner.ui.widgets.catalogue import catalogue_section


def _role_names(roles: tuple[str, ...] | list[str]) -> str:
    return ", ".join(tr(f"role.{r}") for r in roles) or "—"


def _policy() -> None:
    """Approval and second-factor rules: a form for admins, a summary for everyone else."""
    st.subheader(tr("policy.header"))
    with session_scope() as session:
        policy = load_policy(session)
    if not allowed(Action.EDIT_SETTINGS):
        yes_no = {True: tr("policy.yes"), False: tr("policy.no")}
        st.write(f"{tr('policy.staff_need_approval')}: {yes_no[policy.staff_need_approval]}")
        st.write(f"{tr('policy.edit_resets_approval')}: {yes_no[policy.edit_resets_approval]}")
        st.write(f"{tr('policy.email_reviewers')}: {yes_no[policy.email_reviewers]}")
        st.write(f"{tr('policy.second_factor_roles')}: {_role_names(policy.second_factor_roles)}")
        return
    st.caption(tr("policy.trainees_always"))
    with st.form("policy_form"):
        staff = st.checkbox(tr("policy.staff_need_approval"), value=policy.staff_need_approval)
        resets = st.checkbox(tr("policy.edit_resets_approval"), value=policy.edit_resets_approval)
        email = st.checkbox(tr("policy.email_reviewers"), value=policy.email_reviewers)
        roles = st.multiselect(
            tr("policy.second_factor_roles"),
            [r.value for r in Role],
            default=list(policy.second_factor_roles),
            format_func=lambda r: tr(f"role.{r}"),
            placeholder=tr("policy.no_roles"),
        )
        st.caption(tr("policy.second_factor_hint"))
        submitted = st.form_submit_button(tr("policy.save"), type="primary")
    if not submitted:
        return
    new = Policy(
        staff_need_approval=staff,
        edit_resets_approval=resets,
        email_reviewers=email,
        second_factor_roles=tuple(roles),
    )
    try:
        with session_scope() as session:
            save_policy(session, current_actor(), new)
    except PermissionDenied as exc:
        st.error(error_text(exc))
        return
    st.success(tr("policy.saved"))


def page() -> None:
    settings = get_settings()
    st.header(tr("settings.header"))
    if not offered("planner/ui/settings.py"):
        st.info(tr("app.not_for_role"))
        return
    st.subheader(tr("settings.accounts"))
    st.page_link("planner/ui/accounts.py", label=tr("settings.accounts_link"), icon="🔑")
    st.page_link("planner/ui/brand.py", label=tr("settings.brand_link"), icon="🏷️")
    _policy()
    catalogue_section()

    st.subheader(tr("settings.public_media"))
    issue = base_url_issue(settings)
    if issue and issue[0] != "unset":
        st.warning(tr(f"accounts.public_issue.{issue[0]}", **issue[1]))
    elif settings.public_media_base_url:
        st.success(
            tr(
                "settings.public_media_set",
                url=settings.public_media_base_url,
                folder=str(settings.public_dir),
            )
        )
    else:
        st.warning(tr("settings.public_media_unset", folder=str(settings.public_dir)))

    st.subheader(tr("settings.zone"))
    language = LANGUAGE_NAMES.get(settings.locale, settings.locale)
    st.write(f"{settings.timezone} · {tr('settings.default_language')}: {language}")
    st.subheader(tr("settings.database"))
    st.code(describe_url(settings.db_url))
    st.caption(tr("settings.data_dir", folder=str(settings.data_dir)))

    st.subheader(tr("settings.notifications"))
    channels = [
        name
        for name, on in (
            ("e-mail", settings.smtp_host and settings.notify_emails),
            ("webhook", settings.webhook_url),
        )
        if on
    ]
    inbox = tr("settings.channel_inbox")
    st.write(tr("settings.channels", channels=", ".join([inbox, *channels])))

    state = tr("calendar.worker_on") if live.worker_running() else tr("calendar.worker_off")
    st.caption(tr("calendar.worker", state=state))
    st.caption(tr("settings.env_hint"))


page()
