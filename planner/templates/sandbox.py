"""The Jinja2 sandbox every content template runs in, and the static checks made before use.

A template is written by library staff and may be edited in the browser, so it is treated as
untrusted code: a SandboxedEnvironment with StrictUndefined, our date/number filters plus
Jinja's harmless built-in filters, no globals, no loader (so no include/import/extends), and
a static pass over the syntax tree that refuses attribute names starting with "_" before
the template is ever rendered. A typo is an error with a line number, never an empty gap in
a public post.

Every render is also bounded (planner.templates.budget): the sandbox sizes what each
operation would make, counts loop turns and calls, and limits the output, because a
template can exhaust memory or CPU with operations that are each allowed alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateAssertionError,
    TemplateSyntaxError,
    meta,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from planner.i18n import format_date, format_number, format_time
from planner.templates import budget

RESERVED_NAMES = frozenset({"library", "hashtags", "link"})

_FORBIDDEN_TAGS: dict[type[nodes.Node], str] = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
}


@dataclass
class SyntaxIssue:
    """What is wrong with one Jinja2 text, and on which line of that text."""

    reason: str
    line: int | None = None


def _as_datetime(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)


def _date_filter(tz: ZoneInfo, locale: str):
    def date_filter(value: date | datetime) -> str:
        if isinstance(value, datetime):
            return format_date(value, tz, locale)
        # A plain date has no zone to convert from: format it as the calendar day it is.
        return format_date(_as_datetime(value).replace(tzinfo=tz), tz, locale)

    return date_filter


def _time_range(start: datetime, end: datetime | None, tz: ZoneInfo, locale: str) -> str:
    """'08.30–14.30 WIB': the zone once and an unspaced en dash (PUEBI); one time if no end."""
    if not end:
        return format_time(start, tz, locale)
    first = format_time(start, tz, locale).split(" ", 1)[0]
    return f"{first}–{format_time(end, tz, locale)}"


def _weekday_filter(tz: ZoneInfo, locale: str):
    def weekday(value: date | datetime) -> str:
        return _date_filter(tz, locale)(value).split(",", 1)[0]

    return weekday


MAX_REPEAT = 1_000  # 'ab' * n and [..] * n beyond this is an attack, not a post
MAX_EXPONENT = 64
# `self` reaches the template object's blocks, `attr` reads any attribute by a computed
# name (before Jinja 3.1.6 it reached `str.format` around the sandbox): no post needs either.
_FORBIDDEN_NAMES = {"self": "'self' is not allowed in a content template"}
_FORBIDDEN_FILTERS = {"attr": "the 'attr' filter is not allowed in a content template"}
_COUNTED = "_counted"  # the filter every `{% for %}` iterable is passed through


class PostSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, bounding the memory and CPU one render may use."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def _parse(self, source, name, filename):  # type: ignore[override]
        """Parse, refuse `self` and `attr`, and count every loop turn against the budget."""
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(nodes.Name):
            if node.name in _FORBIDDEN_NAMES:
                raise TemplateSyntaxError(_FORBIDDEN_NAMES[node.name], node.lineno, name, filename)
        for node in tree.find_all(nodes.Filter):
            if node.name in _FORBIDDEN_FILTERS:
                raise TemplateSyntaxError(
                    _FORBIDDEN_FILTERS[node.name], node.lineno, name, filename
                )
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _COUNTED, [], [], None, None, lineno=loop.lineno)
        return tree

    def call_binop(self, context, operator: str, left, right):  # type: ignore[override]
        budget.current().step()
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"exponent {right} is too large for a template")
        if (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and left.bit_length() * right > budget.MAX_INT_BITS
        ):
            raise SecurityError("the template makes a number too large for a post")
        if operator == "*":
            counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
            sequences = [v for v in (left, right) if isinstance(v, str | list | tuple)]
            if sequences and counts and abs(counts[0]) > MAX_REPEAT:
                raise SecurityError(f"repeating text {counts[0]} times is not allowed")
            if sequences and counts and len(sequences[0]) * counts[0] > budget.MAX_VALUE:
                raise SecurityError(
                    f"the template makes a value longer than {budget.MAX_VALUE:,} characters"
                )
        if operator == "+" and budget.size(left) + budget.size(right) > budget.MAX_VALUE:
            raise SecurityError(
                f"the template makes a value longer than {budget.MAX_VALUE:,} characters"
            )
        return budget.check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # type: ignore[override]
        """Every call (methods, macros, `loop()`) counted, nested at most MAX_DEPTH deep."""
        current = budget.current()
        current.step()
        for value in (*args, *kwargs.values()):
            budget.check_value(value)
        method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by Jinja
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            budget.check_str_method(getattr(method, "__name__", ""), owner, args, kwargs)
        if current.depth >= budget.MAX_DEPTH:
            raise SecurityError(
                f"calls nest deeper than {budget.MAX_DEPTH} (a macro calling itself?)"
            )
        current.depth += 1
        try:
            return budget.check_value(super().call(__context, __obj, *args, **kwargs))
        finally:
            current.depth -= 1


def make_environment(tz: ZoneInfo, locale: str) -> SandboxedEnvironment:
    """A sandboxed environment with only our date/number filters and no globals.

    Every filter is wrapped so what it would make is sized first and counted (budget.py).
    """
    env = PostSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters["date"] = _date_filter(tz, locale)
    env.filters["time"] = lambda v: format_time(v, tz, locale)
    # Running text in Indonesian says "pukul": 'Jumat, 4 Desember 2026, pukul 09.00 WIB'.
    at = "pukul " if locale == "id" else ""
    env.filters["datetime"] = lambda v: (
        f"{_date_filter(tz, locale)(v)}, {at}{format_time(v, tz, locale)}"
    )
    env.filters["time_range"] = lambda start, end=None: _time_range(start, end, tz, locale)
    env.filters["weekday"] = _weekday_filter(tz, locale)
    env.filters["number"] = lambda v: format_number(v, locale)
    for name in _FORBIDDEN_FILTERS:
        env.filters.pop(name, None)
    for name, func in list(env.filters.items()):
        env.filters[name] = budget.bounded_filter(name, func)
    env.filters[_COUNTED] = budget.counted
    env.globals.clear()
    return env


@lru_cache(maxsize=16)
def environment(tz_key: str, locale: str) -> SandboxedEnvironment:
    """The shared environment for a zone and language (filters are bound to both)."""
    return make_environment(ZoneInfo(tz_key), locale)


@lru_cache(maxsize=4096)
def compiled(tz_key: str, locale: str, source: str) -> Template:
    """`source` compiled once per zone and language; rendering a compiled template is cheap."""
    return environment(tz_key, locale).from_string(source)


def _first_line(tree: nodes.Node, name: str) -> int | None:
    for node in tree.find_all(nodes.Name):
        if node.name == name and node.ctx == "load":
            return node.lineno
    return None


def check_source(
    env: SandboxedEnvironment, source: str, known: set[str]
) -> tuple[list[str], SyntaxIssue | None]:
    """Parse and compile `source`; the names it reads, or the first problem found."""
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [], SyntaxIssue(f"syntax error: {exc.message or 'cannot parse'}", exc.lineno)
    for kind, label in _FORBIDDEN_TAGS.items():
        for node in tree.find_all(kind):
            return [], SyntaxIssue(f"'{label}' is not allowed in a content template", node.lineno)
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attr = node.attr if isinstance(node, nodes.Getattr) else None
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            attr = node.arg.value if isinstance(node.arg.value, str) else None
        if attr is not None and attr.startswith("_"):
            return [], SyntaxIssue(
                f"'{attr}' reaches into Python internals; templates may only use their fields",
                node.lineno,
            )
    try:
        env.compile(source)
    except TemplateAssertionError as exc:  # unknown filter or test
        return [], SyntaxIssue(exc.message or "invalid template", exc.lineno)
    except TemplateSyntaxError as exc:
        return [], SyntaxIssue(f"syntax error: {exc.message or 'cannot parse'}", exc.lineno)
    names = meta.find_undeclared_variables(tree)
    unknown = sorted(names - known)
    if unknown:
        return [], SyntaxIssue(
            f"unknown field(s): {', '.join(unknown)}", _first_line(tree, unknown[0])
        )
    return sorted(names), None
