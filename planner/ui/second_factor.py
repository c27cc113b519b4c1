"""Second factor in the app: enrolling (QR code, key, first code), turning it off, and the
enrolment the sign-in gate demands when the policy requires it for the person's role."""

from __future__ import annotations

import streamlit as st

from planner.db import session_scope
from planner.people import totp
from planner.people.actors import Actor
from planner.people.users import UserError, get_user
from planner.ui.runtime import error_text, tr


def _grouped(secret: str) -> str:
    """The key in groups of four, as people type it into an app."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def enrolment_form(actor: Actor, *, key: str) -> bool:
    """QR code, key as text and a code field; True in the run the code was accepted."""
    secret_key = f"{key}_secret"
    if secret_key not in st.session_state:
        st.session_state[secret_key] = totp.new_secret()
    secret = st.session_state[secret_key]
    st.write(tr("totp.enrol.steps"))
    st.image(
        totp.qr_svg(totp.provisioning_uri(secret, actor.username)), width=220, alt=tr("a11y.qr")
    )
    st.caption(tr("totp.enrol.key"))
    st.code(_grouped(secret), language=None)
    with st.form(f"{key}_form", clear_on_submit=True):
        code = st.text_input(tr("totp.code"), max_chars=7, key=f"{key}_code")
        submitted = st.form_submit_button(tr("totp.enrol.confirm"), type="primary")
    if not submitted:
        return False
    try:
        with session_scope() as session:
            totp.enable(session, actor, secret, code)
    except UserError as exc:
        st.error(error_text(exc))
        return False
    del st.session_state[secret_key]
    return True


def enrol_gate(actor: Actor) -> bool:
    """For the sign-in gate: True when the person may go on to the pages.

    When the policy requires a second factor for their role and they have none, this shows
    the enrolment form instead and returns False (the caller stops the run); once a code
    from their app is accepted the app reruns straight into the pages.
    """
    if st.session_state.pop("gate_totp_done", False):
        st.toast(tr("totp.enrol.done"))
    with session_scope() as session:
        needed = totp.needs_enrolment(session, actor)
    if not needed:
        return True
    st.header(tr("totp.gate.header"))
    st.info(tr("totp.gate.why", role=tr(f"role.{actor.role}")))
    if enrolment_form(actor, key="gate_totp"):
        st.session_state["gate_totp_done"] = True
        st.rerun()  # the pages, without the enrolment form above them
    return False


def profile_section(actor: Actor) -> None:
    """The Profile page's part: state, enrolment, or turning it off (unless required)."""
    st.subheader(tr("totp.header"))
    with session_scope() as session:
        enrolled = totp.has_second_factor(get_user(session, actor.id))
        required = totp.required_for(session, actor.role)
    if not enrolled:
        st.write(tr("totp.required") if required else tr("totp.optional"))
        with st.expander(tr("totp.enrol.start"), expanded=required):
            if enrolment_form(actor, key="profile_totp"):
                st.session_state["profile_flash"] = ("success", tr("totp.enrol.done"))
                st.rerun()
        return
    st.success(tr("totp.on"))
    if required:
        st.caption(tr("totp.required_cannot_disable"))
        return
    if st.button(tr("totp.disable"), key="profile_totp_off"):
        try:
            with session_scope() as session:
                totp.disable(session, actor)
        except UserError as exc:
            st.error(error_text(exc))
            return
        st.session_state["profile_flash"] = ("success", tr("totp.off"))
        st.rerun()
