"""Titles and names people type are shown as typed, never read as Markdown.

Every page gets an event, a book, an account, a post, a series and a notification whose
names are Markdown (an image from a planted address, a link, a Streamlit colour directive):
no element that Streamlit reads as Markdown may carry them unescaped, and the names appear
escaped (`plain`), i.e. literally on screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.message import Message

from planner.db import session_scope
from planner.models import Account, Event, Notification, Post, PostTarget
from planner.recurrence import SeriesContent, SeriesRule, create_series
from planner.ui.runtime import plain
from tests.factories import add_event, add_item
from tests.people_helpers import ADMIN, app_as
from tests.test_app_pages import PAGES

PLANTED = "http://planted.invalid/x.png"
HOSTILE = f"Dongeng ![x]({PLANTED}) [klik](http://planted.invalid/) :red[merah] $x$"
# Read as Markdown, each of these would do something: fetch, link, colour, formula.
ACTIVE = re.compile(r"(?<!\\)(\]\(http|:red\[merah|\$x\$)")
# Fields Streamlit renders as Markdown; a selectbox's or multiselect's options are plain text.
MARKDOWN_FIELDS = {"label", "body", "help", "caption", "options"}
PLAIN_OPTIONS = {"selectbox", "multiselect"}
NOT_MARKDOWN = {"html"}  # st.html: escaped as HTML by the previews


def _strings(message: Message, with_options: bool) -> Iterator[str]:
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        if field.type == field.TYPE_MESSAGE:
            for inner in values:
                yield from _strings(inner, with_options)
        elif (
            field.type == field.TYPE_STRING
            and field.name in MARKDOWN_FIELDS
            and (field.name != "options" or with_options)
        ):
            yield from values


def markdown_texts(node) -> list[str]:
    """Every string on the page that Streamlit renders as Markdown."""
    found: list[str] = []
    proto = getattr(node, "proto", None)
    if getattr(node, "type", "") in NOT_MARKDOWN:
        return found
    if isinstance(proto, Message):
        found += _strings(proto, getattr(node, "type", "") not in PLAIN_OPTIONS)
    for child in getattr(node, "children", {}).values():
        found += markdown_texts(child)
    return found


def plant(name: str) -> None:
    """An event (soon), a book, an account with a post due soon, a notification and a series,
    every name `name`."""
    soon = datetime.now(UTC) + timedelta(hours=20)
    with session_scope() as session:
        add_event(session, title=name, place=name, starts_at=soon, key="hostile")
        add_item(session, title=name, author=name, key="hostile-book")
        account = Account(platform="x", name=name, handle="@hostile", is_sandbox=True)
        session.add(account)
        session.flush()
        post = Post(title=name, status="scheduled")
        session.add(post)
        session.flush()
        session.add(
            PostTarget(
                post_id=post.id,
                account_id=account.id,
                platform="x",
                text="Halo",
                status="scheduled",
                due_at=soon,
            )
        )
        session.add(Notification(level="error", message=name, post_id=post.id))
        create_series(
            session,
            name=name,
            first_at=soon + timedelta(days=2),
            rule=SeriesRule(freq="weekly", weekdays=[]),
            content=SeriesContent.same_everywhere(name, "Rekomendasi pekan ini"),
            account_ids=[account.id],
            actor=ADMIN,
        )


@pytest.fixture
def hostile(demo_db: str) -> str:
    plant(HOSTILE)
    return demo_db


def _check(at, where: str) -> list[str]:
    assert not at.exception, where
    texts = markdown_texts(at._tree)
    active = [text for text in texts if ACTIVE.search(text)]
    assert not active, (where, active)
    return texts


@pytest.mark.parametrize(("page", "header"), PAGES)
def test_no_page_reads_names_as_markdown(hostile: str, page: str, header: str) -> None:
    at = app_as("admin", page)
    _check(at, page)


@pytest.mark.parametrize(
    "page",
    [
        "planner/ui/accounts.py",  # the account's name
        "planner/ui/calendar.py",  # the post's title on its button
        "planner/ui/inbox.py",  # the notification
        "planner/ui/planning.py",  # the series' name
    ],
)
def test_names_are_shown_literally(hostile: str, page: str) -> None:
    at = app_as("admin", page)
    texts = _check(at, page)
    assert any(plain(HOSTILE) in text or plain(HOSTILE[:24]) in text for text in texts), texts


def test_compose_and_the_post_panel_show_names_literally(hostile: str) -> None:
    at = app_as("admin", "planner/ui/compose.py")
    at.button[0].click().run()  # a draft of the (hostile) next event
    _check(at, "compose with a draft")
    at.switch_page("planner/ui/calendar.py").run()
    with session_scope() as session:
        post_id = session.query(Post.id).filter(Post.title == HOSTILE).order_by(Post.id).first()[0]
    at.session_state["open_post"] = post_id
    texts = _check(at.run(), "post panel")
    assert any(plain(HOSTILE) in text for text in texts)


def test_sources_page_messages_show_titles_literally(hostile: str) -> None:
    at = app_as("admin", "planner/ui/sources.py")
    with session_scope() as session:
        event_id = session.query(Event.id).filter(Event.key == "hostile").scalar()
    at.selectbox(key="event_open").set_value(event_id).run()
    texts = _check(at, "sources, hostile event open")
    assert any(plain(HOSTILE) in text for text in texts)
