"""What every page shares: the locale, the database check and the app's one worker process."""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from planner.config import get_settings
from planner.db import DatabaseUnavailable, migrate
from planner.i18n import LOCALES, format_number, t
from planner.platforms.dryrun import is_dry_run
from planner.publishing.embedded import WorkerProcess, ensure_embedded_worker


def locale() -> str:
    """The language chosen in the sidebar (the configured default until someone picks)."""
    if "locale" not in st.session_state:
        st.session_state["locale"] = get_settings().locale
    return st.session_state["locale"]


class Markdown(str):
    """Text that is safe to hand to Streamlit's Markdown: our own wording, user text escaped."""


# What makes Markdown (or Streamlit's `:red[…]` and `$…$`) out of plain text: links and
# images need `[`, emphasis `*`/`_`/`~`, code a backtick, autolinks `<`. Block syntax
# (lists, headings, rules, quotes) only counts at the start of a line.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~$])")
_LINE_START = re.compile(r"(^|\n)([ \t]*)([-+=]|\d+(?=[.)]))")
# A bare address would become a link of its own (GFM autolinks): break "://" and "www.".
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?i:(?<=\bwww))(\.)")


def plain(value: object, *, starts_line: bool = True) -> Markdown:
    """`value` (a title, a name, a reason from a platform) shown literally wherever Streamlit
    reads Markdown: st.markdown, captions, alerts, labels, tabs, expander titles, radio options.

    `![x](http://…)` in an event title stays those characters instead of an image every
    viewer's browser fetches. Text already made safe (`Markdown`) is returned as it is.
    `starts_line=False` for a value set inside a sentence, where "1986." is no list.
    """
    if isinstance(value, Markdown):
        return value
    text = _INLINE.sub(r"\\\1", str(value))
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(0), text)
    return Markdown(_LINE_START.sub(lambda m: _escape_marker(m, starts_line), text))


def _escape_marker(match: re.Match[str], starts_line: bool) -> str:
    newline, indent, marker = match.groups()
    if not (newline or starts_line):
        return match.group(0)
    if marker[0].isdigit():  # "1986. " would start a numbered list: escape its dot
        return f"{newline}{indent}{marker}\\"
    return f"{newline}{indent}\\{marker}"


def tr(key: str, **values: object) -> Markdown:
    """Translate `key` into the current page language, the values shown literally (`plain`).

    Every message a page shows goes through here, so a title or name in a message can never
    turn into a link or an image. Numbers are passed on untouched.
    """
    safe = {
        k: v if isinstance(v, int | float) else plain(v, starts_line=False)
        for k, v in values.items()
    }
    return Markdown(t(key, locale(), **safe))


LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def post_language() -> str:
    """The language posts are written in: chosen on the compose page, else the library's
    (PLANNER_LOCALE) — never the interface language a staff member happens to read in."""
    chosen = st.session_state.get("post_language")
    return chosen if chosen in LOCALES else get_settings().locale


def post_language_picker(container=st) -> str:
    """The compose page's choice of the posts' language (the library's language first)."""
    if st.session_state.get("post_language") not in LOCALES:
        st.session_state["post_language"] = get_settings().locale
    return container.selectbox(
        tr("compose.post_language"),
        LOCALES,
        format_func=LANGUAGE_NAMES.get,
        key="post_language",
        help=tr("compose.post_language_help"),
    )


def language_switch(on_change: Callable[[], None] | None = None) -> None:
    """The id/en selector in the sidebar (`on_change` keeps the choice in the profile)."""
    locale()
    st.sidebar.selectbox(
        tr("app.language"),
        LOCALES,
        format_func=LANGUAGE_NAMES.get,
        key="locale",
        on_change=on_change,
    )


@st.cache_resource(show_spinner=False)
def _migrated(url: str) -> bool:
    migrate(url)
    return True


def ensure_database() -> bool:
    """Migrate once per process; on failure show one clear error box and stop the page."""
    settings = get_settings()
    try:
        _migrated(settings.db_url)
    except DatabaseUnavailable as exc:
        st.error(tr("app.db_error", reason=str(exc)))
        st.stop()
        return False
    return True


def embedded_worker() -> WorkerProcess | None:
    """The app process's single publishing worker process (never one per browser session).

    `planner serve` starts it before the first visit; a bare `streamlit run` starts it here
    (and stops it when Streamlit exits).
    """
    return ensure_embedded_worker(get_settings())


def counter(length: int, limit: int) -> str:
    """'351/63.206' in Indonesian, '351/63,206' in English."""
    return f"{format_number(length, locale())}/{format_number(limit, locale())}"


def size_label(name: str) -> str:
    """An image size preset as people choose it: '1080×1350 (Instagram tegak)'."""
    return tr(f"imaging.size.{name}")


def hint(options: list | tuple | dict, empty: str = "common.choose") -> str:
    """A multiselect's placeholder in the page language (Streamlit's own is English).

    `empty` says what choosing nothing means, e.g. "common.all" for a filter.
    """
    return tr(empty) if options else tr("common.no_options")


def status_label(status: str) -> str:
    """A target status in the page language."""
    return tr(f"status.{status}")


def target_status_label(target) -> str:
    """A target's status; a dry-run 'publication' says plainly that nothing was sent."""
    if target.status == "published" and is_dry_run(target.remote_id):
        return tr("status.dry_run")
    return status_label(target.status)


def error_text(exc: Exception) -> Markdown:
    """An error for a person, in the page language when the service worded it (`text`).

    Shown literally: services word their errors with titles, names and file names in them.
    """
    worded = getattr(exc, "text", None)
    return plain(worded(locale()) if callable(worded) else str(exc))
