"""Account commands: list, connect, add-sandbox, test, reconnect, disconnect, dry-run,
public-url.

Tokens are read from hidden prompts or from a JSON file (for provisioning scripts), never
from command-line arguments, which would land in shell history and process lists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from planner.cli.acting import acting_user
from planner.cli.errors import UserError
from planner.cli.output import JsonOpt, emit

CredFile = Annotated[
    Path | None,
    typer.Option(
        "--credentials-file",
        help="A JSON object with the tokens (otherwise you are asked for each, hidden).",
    ),
]
accounts_app = typer.Typer(no_args_is_help=True, help="Social media accounts.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.add_typer(accounts_app, name="accounts")


def _credentials(platform: str, path: Path | None, *, keep_blank: bool = False) -> dict[str, str]:
    from planner.accounts import credential_fields

    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise UserError(f"{path} is not a JSON object of tokens") from exc
        if not isinstance(data, dict):
            raise UserError(f"{path} is not a JSON object of tokens")
        return {str(k): str(v) for k, v in data.items()}
    hint = " (empty keeps the stored value)" if keep_blank else ""
    return {
        field: typer.prompt(
            f"{field}{hint}",
            hide_input=True,
            default="" if keep_blank else None,
            show_default=False,
        )
        for field in credential_fields(platform)
    }


def _settings_pairs(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--set expects key=value, got {pair!r}")
        out[key.strip()] = value.strip()
    return out


@accounts_app.command("list")
def accounts_list(as_json: JsonOpt = False) -> None:
    """Every account with its status (tokens are never shown)."""
    from planner.accounts import list_accounts
    from planner.db import session_scope

    with session_scope() as session:
        views = list_accounts(session)
    lines = [
        f"#{v.id:<3} {v.platform:<9} {v.name} {v.handle} [{v.status}"
        + (", sandbox" if v.is_sandbox else "")
        + (", dry run" if v.dry_run else "")
        + "]"
        + (f" {v.status_reason}" if v.status_reason else "")
        for v in views
    ]
    emit({"accounts": [v.as_dict() for v in views]}, as_json, lines or ["no accounts"])


@accounts_app.command("connect")
def accounts_connect(
    platform: Annotated[
        str, typer.Option("--platform", help="x, facebook, instagram, threads or bluesky")
    ],
    name: Annotated[str, typer.Option("--name", help="Name shown in planner.")] = "",
    settings_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Non-secret setting, e.g. ig_user_id=1784…; repeatable."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run/--live", help="Start in dry run (the default).")
    ] = True,
    credentials_file: CredFile = None,
    as_json: JsonOpt = False,
) -> None:
    """Test the tokens and store them encrypted as a new account."""
    from planner.accounts import connect_account, credential_fields, view
    from planner.db import session_scope

    credential_fields(platform)  # an unknown platform fails before any prompt
    actor = acting_user()
    credentials = _credentials(platform, credentials_file)
    with session_scope() as session:
        account = connect_account(
            session,
            actor=actor,
            platform=platform,
            credentials=credentials,
            config=_settings_pairs(settings_ or []),
            name=name,
            dry_run=dry_run,
        )
        data = view(session, account).as_dict()
    emit(
        {"ok": True, "account": data},
        as_json,
        [f"connected #{data['id']} {data['name']} {data['handle']}".rstrip()],
    )


@accounts_app.command("add-sandbox")
def accounts_add_sandbox(
    platform: Annotated[
        str, typer.Option("--platform", help="x, facebook, instagram, threads or bluesky")
    ],
    name: Annotated[str, typer.Option("--name", help="Name shown in planner.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Add a training (sandbox) account: posts to it are recorded, never sent."""
    from planner.accounts import add_sandbox_account, view
    from planner.db import session_scope

    actor = acting_user()
    with session_scope() as session:
        account = add_sandbox_account(session, actor=actor, platform=platform, name=name)
        data = view(session, account).as_dict()
    emit({"ok": True, "account": data}, as_json, [f"added sandbox #{data['id']} {data['name']}"])


@accounts_app.command("test")
def accounts_test(account_id: int, as_json: JsonOpt = False) -> None:
    """Check the stored tokens; a revoked token marks the account 'reconnect needed'."""
    from planner.accounts import check_account
    from planner.db import session_scope

    with session_scope() as session:
        result = check_account(session, account_id, actor=acting_user())
    if not result.ok:
        raise UserError(result.message)
    info = result.info
    emit(
        {"ok": True, "remote_id": info.remote_id, "name": info.name, "handle": info.handle},
        as_json,
        [result.message],
    )


@accounts_app.command("reconnect")
def accounts_reconnect(
    account_id: int, credentials_file: CredFile = None, as_json: JsonOpt = False
) -> None:
    """Replace an account's tokens (tested first); blank answers keep stored values."""
    from planner.accounts import get_account, reconnect_account, view
    from planner.db import session_scope

    actor = acting_user()
    with session_scope() as session:
        platform = get_account(session, account_id).platform
    credentials = _credentials(platform, credentials_file, keep_blank=True)
    with session_scope() as session:
        account = reconnect_account(session, account_id, credentials, actor=actor)
        data = view(session, account).as_dict()
    emit({"ok": True, "account": data}, as_json, [f"reconnected #{account_id}"])


@accounts_app.command("disconnect")
def accounts_disconnect(account_id: int, as_json: JsonOpt = False) -> None:
    """Forget an account's tokens and stop publishing to it."""
    from planner.accounts import disconnect_account
    from planner.db import session_scope

    with session_scope() as session:
        waiting = disconnect_account(session, account_id, actor=acting_user())
    emit(
        {"ok": True, "account_id": account_id, "waiting_posts": waiting},
        as_json,
        [f"disconnected #{account_id}; {waiting} scheduled post(s) wait for it"],
    )


@accounts_app.command("dry-run")
def accounts_dry_run(
    account_id: int,
    state: Annotated[str, typer.Argument(help="on or off")],
    as_json: JsonOpt = False,
) -> None:
    """Switch an account between publishing for real and recording what it would send."""
    from planner.accounts import set_dry_run
    from planner.db import session_scope

    if state not in ("on", "off"):
        raise UserError("say 'on' or 'off'")
    with session_scope() as session:
        set_dry_run(session, account_id, state == "on", actor=acting_user())
    emit(
        {"ok": True, "account_id": account_id, "dry_run": state == "on"},
        as_json,
        [f"dry run {state}"],
    )


@accounts_app.command("public-url")
def accounts_public_url(as_json: JsonOpt = False) -> None:
    """Check that Instagram can fetch images through PUBLIC_MEDIA_BASE_URL."""
    from planner.public_media import PublicMediaError, check_public_url

    try:
        url = check_public_url()
    except PublicMediaError as exc:
        raise UserError(str(exc)) from exc
    emit({"ok": True, "probe_url": url}, as_json, [f"ok: {url} is served"])
