"""Accounts: connect, test, dry run, reconnect and disconnect; the public image address.

Only an admin connects, reconnects or disconnects live accounts (trainers and managers may
test training accounts); the page offers each person only those controls, and the services
refuse the rest. Token inputs are password fields inside forms that clear on submit, and
nothing on this page ever reads a stored token back: the services hand out `AccountView`s,
which have none.
"""

from __future__ import annotations

import streamlit as st

from planner.accounts import (
    AccountError,
    AccountView,
    add_sandbox_account,
    check_account,
    config_fields,
    connect_account,
    credential_fields,
    disconnect_account,
    list_accounts,
    missing_credentials,
    reconnect_account,
    set_dry_run,
)
from planner.config import get_settings
from planner.db import session_scope
from planner.limits import PLATFORMS
from planner.people.roles import Action, PermissionDenied
from planner.platforms.dryrun import account_folder, dry_run_records
from planner.public_media import PublicMediaError, base_url_issue, check_public_url
from planner.ui.runtime import error_text, plain, tr
from planner.ui.session import allowed, current_actor


def _flash(kind: str, message: str, *, rerun: bool = True) -> None:
    """Show `message` on the next run, so the account list above it is already up to date."""
    st.session_state["accounts_flash"] = (kind, message)
    if rerun:
        st.rerun()


def _take(keys: list[str]) -> dict[str, str]:
    """Read form fields and empty them, so no token stays in the browser (callbacks only)."""
    values = {key: st.session_state.get(key, "") for key in keys}
    for key in keys:
        st.session_state[key] = ""
    return values


def _show_flash() -> None:
    kind, message = st.session_state.pop("accounts_flash", (None, ""))
    if kind:
        getattr(st, kind)(message)


def _title(view: AccountView) -> str:
    badges = []
    if view.is_sandbox:
        badges.append(f"🧪 **{tr('common.sandbox')}**")
    if view.dry_run:
        badges.append(f"🔍 **{tr('accounts.dry_run_badge')}**")
    badges.append(tr(f"accounts.status.{view.status}"))
    who = f"{view.name} {view.handle}".strip() if view.handle not in view.name else view.name
    return f"{tr(f'platform.{view.platform}')} — {plain(who)} · " + " · ".join(badges)


def _manages(view: AccountView) -> bool:
    """Whether the signed-in person may test or change this account."""
    return allowed(Action.MANAGE_SANDBOX_ACCOUNTS if view.is_sandbox else Action.MANAGE_ACCOUNTS)


def _test(view: AccountView) -> None:
    try:
        with session_scope() as session:
            result = check_account(session, view.id, actor=current_actor())
    except PermissionDenied as exc:
        _flash("error", error_text(exc))
        return
    if result.ok and result.info is not None:
        _flash("success", tr("accounts.test_ok", who=result.info.handle or result.info.name))
    _flash("error", tr("accounts.test_failed", reason=result.message))


def _toggle_dry_run(view: AccountView) -> None:
    on = st.session_state[f"dry_{view.id}"]
    try:
        with session_scope() as session:
            set_dry_run(session, view.id, on, actor=current_actor())
    except PermissionDenied as exc:
        _flash("error", error_text(exc), rerun=False)
        return
    st.toast(tr("accounts.dry_run_on") if on else tr("accounts.dry_run_off"))


def _do_reconnect(view: AccountView) -> None:
    fields = credential_fields(view.platform)
    values = _take([f"re_{view.id}_{f}" for f in fields])
    try:
        with session_scope() as session:
            reconnect_account(
                session,
                view.id,
                {f: values[f"re_{view.id}_{f}"] for f in fields},
                actor=current_actor(),
            )
    except (AccountError, PermissionDenied) as exc:
        _flash("error", error_text(exc), rerun=False)
        return
    _flash("success", tr("accounts.reconnected"), rerun=False)


def _reconnect_form(view: AccountView) -> None:
    with st.form(f"reconnect_{view.id}"):
        st.caption(tr("accounts.reconnect_help"))
        for field in credential_fields(view.platform):
            st.text_input(
                tr(f"accounts.field.{field}"), type="password", key=f"re_{view.id}_{field}"
            )
        st.form_submit_button(tr("accounts.reconnect_btn"), on_click=_do_reconnect, args=(view,))


def _dry_runs(view: AccountView) -> None:
    folder = account_folder(get_settings().dryrun_dir, view.id, view.name)
    records = dry_run_records(folder, limit=3) if folder.exists() else []
    with st.expander(tr("accounts.dry_run_records")):
        if not records:
            st.caption(tr("accounts.no_dry_runs"))
        for record in records:
            st.caption(f"{record['created_at']} · #{record['target_id']}")
            st.json(record["requests"], expanded=False)


def _account(view: AccountView) -> None:
    with st.container(border=True):
        st.markdown(_title(view))
        if view.status == "reconnect_needed":
            st.warning(tr("accounts.reason", reason=view.status_reason))
        if view.waiting_posts and view.status != "active":
            st.info(tr("accounts.waiting", n=view.waiting_posts))
        if not _manages(view):
            return
        if view.status != "disconnected" and st.button(tr("accounts.test"), key=f"test_{view.id}"):
            _test(view)
        if view.is_sandbox:
            return
        if view.status != "disconnected":
            st.toggle(
                tr("accounts.dry_run"),
                value=view.dry_run,
                key=f"dry_{view.id}",
                help=tr("accounts.dry_run_help"),
                on_change=_toggle_dry_run,
                args=(view,),
            )
        if view.dry_run:
            _dry_runs(view)
        with st.expander(tr("accounts.reconnect")):
            _reconnect_form(view)
        if view.status != "disconnected":
            confirm = st.checkbox(tr("accounts.disconnect_confirm"), key=f"confirm_{view.id}")
            key = f"disconnect_{view.id}"
            if st.button(tr("accounts.disconnect"), key=key, disabled=not confirm):
                try:
                    with session_scope() as session:
                        waiting = disconnect_account(session, view.id, actor=current_actor())
                except PermissionDenied as exc:
                    _flash("error", error_text(exc))
                    return
                _flash("success", tr("accounts.disconnected", n=waiting))


def _do_connect() -> None:
    platform = st.session_state["connect_platform"]
    secret_keys = [f"connect_{f}" for f in credential_fields(platform)]
    secrets = {k.removeprefix("connect_"): v for k, v in _take(secret_keys).items()}
    missing = missing_credentials(platform, secrets)
    if missing:
        fields = ", ".join(tr(f"accounts.field.{f}") for f in missing)
        _flash("error", tr("accounts.missing", fields=fields), rerun=False)
        return
    ids = {f: st.session_state.get(f"connect_{f}", "") for f in config_fields(platform)}
    try:
        with session_scope() as session:
            account = connect_account(
                session,
                actor=current_actor(),
                platform=platform,
                credentials=secrets,
                config=ids,
                name=st.session_state.get("connect_name", ""),
                dry_run=st.session_state.get("connect_dry", True),
            )
            label = f"{account.name} {account.handle}".strip()
    except (AccountError, PermissionDenied) as exc:
        _flash("error", error_text(exc), rerun=False)
        return
    _take(["connect_name", *(f"connect_{f}" for f in config_fields(platform))])
    _flash("success", tr("accounts.connected", name=label), rerun=False)


def _connect() -> None:
    st.subheader(tr("accounts.connect"))
    platform = st.selectbox(
        tr("accounts.platform"),
        PLATFORMS,
        format_func=lambda p: tr(f"platform.{p}"),
        key="connect_platform",
    )
    st.caption(tr(f"accounts.help.{platform}"))
    with st.form("connect_form"):
        st.text_input(tr("accounts.name"), key="connect_name")
        for field in credential_fields(platform):
            st.text_input(tr(f"accounts.field.{field}"), type="password", key=f"connect_{field}")
        for field in config_fields(platform):
            st.text_input(tr(f"accounts.field.{field}"), key=f"connect_{field}")
        st.checkbox(tr("accounts.start_dry"), value=True, key="connect_dry")
        st.form_submit_button(tr("accounts.connect_btn"), on_click=_do_connect)


def _do_add_sandbox() -> None:
    try:
        with session_scope() as session:
            account = add_sandbox_account(
                session,
                actor=current_actor(),
                platform=st.session_state["sandbox_platform"],
                name=st.session_state.get("sandbox_name", ""),
            )
            name = account.name
    except (AccountError, PermissionDenied) as exc:
        _flash("error", error_text(exc), rerun=False)
        return
    _flash("success", tr("accounts.sandbox_added", name=name), rerun=False)


def _add_sandbox() -> None:
    """A practice account for trainees (trainers, managers, admins)."""
    st.subheader(tr("accounts.sandbox_add"))
    st.caption(tr("accounts.sandbox_help"))
    with st.form("sandbox_form"):
        st.selectbox(
            tr("accounts.platform"),
            PLATFORMS,
            format_func=lambda p: tr(f"platform.{p}"),
            key="sandbox_platform",
        )
        st.text_input(tr("accounts.name"), key="sandbox_name")
        st.form_submit_button(tr("accounts.sandbox_add"), on_click=_do_add_sandbox)


def _public_media() -> None:
    settings = get_settings()
    st.subheader(tr("accounts.public_media"))
    st.markdown(tr("accounts.public_media_help", folder=settings.public_dir))
    issue = base_url_issue(settings)
    if issue:
        code, values = issue
        st.warning(tr(f"accounts.public_issue.{code}", **values))
        return
    st.success(tr("accounts.public_ok", url=settings.public_media_base_url))
    if st.button(tr("accounts.public_test"), key="public_test"):
        try:
            url = check_public_url(settings)
        except PublicMediaError as exc:
            st.error(tr("accounts.public_test_failed", reason=str(exc)))
        else:
            st.success(tr("accounts.public_test_ok", url=url))


def page() -> None:
    st.header(tr("accounts.header"))
    st.caption(tr("accounts.intro"))
    _show_flash()
    with session_scope() as session:
        views = list_accounts(session)
    if not views:
        st.info(tr("accounts.none"))
    for view in views:
        _account(view)
    if allowed(Action.MANAGE_ACCOUNTS):
        _connect()
    else:
        st.caption(tr("accounts.admin_only"))
    if allowed(Action.MANAGE_SANDBOX_ACCOUNTS):
        _add_sandbox()
    if allowed(Action.MANAGE_ACCOUNTS):
        _public_media()


page()
