"""How much work one template render may do: value and output size, steps, depth, time.

The sandbox refuses unsafe attributes, but a template can still exhaust memory or CPU with
operations that are each harmless alone: `(('a'*1000)*1000)*100`, `'%0100000000d'|format(1)`,
`replace` chained until the text is gigabytes long, loops nested over long strings, integer
powers of powers, a macro calling itself. So a render carries one budget: every value an
operation would make is sized *before* it is made, every loop turn, call and arithmetic
step is counted against a deadline, and the output is collected only up to a limit.
Exceeding any of these is a `SecurityError` the caller turns into the usual refusal.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from jinja2.exceptions import SecurityError

# The longest post any platform takes is Facebook's 63,206 characters: twice that is
# room for blank lines tidied away afterwards, and far from memory trouble.
MAX_OUTPUT = 130_000
MAX_VALUE = 130_000  # characters in a string (or items in a list) made while rendering
MAX_WIDTH = 1_000  # a padding width or precision in a format, or a filter's width
MAX_INT_BITS = 4_096  # about 1,200 digits: no count in a post is bigger
MAX_STEPS = 200_000  # loop turns, calls and arithmetic per render
MAX_DEPTH = 40  # nested calls: a macro that calls itself stops here
MAX_SECONDS = 2.0


@dataclass
class Budget:
    """What is left for the render under way."""

    steps: int = 0
    depth: int = 0
    deadline: float = field(default_factory=lambda: time.monotonic() + MAX_SECONDS)

    def step(self, count: int = 1) -> None:
        """Count work; refuse once the render has done too much or run too long."""
        self.steps += count
        if self.steps > MAX_STEPS:
            raise SecurityError(f"the template does more than {MAX_STEPS:,} steps")
        if time.monotonic() > self.deadline:
            raise SecurityError(f"the template takes longer than {MAX_SECONDS:g} s to render")


_CURRENT: ContextVar[Budget | None] = ContextVar("template_budget", default=None)


def current() -> Budget:
    """The budget of the render under way (a fresh one outside `bounded_render`)."""
    return _CURRENT.get() or Budget()


def size(value: Any) -> int:
    """How long a value is, for the checks (0 for what has no length)."""
    return len(value) if isinstance(value, str | list | tuple | dict) else 0


def check_value(value: Any) -> Any:
    """Refuse a value too long or too large to be part of a post; return it otherwise."""
    if size(value) > MAX_VALUE:
        raise SecurityError(f"the template makes a value longer than {MAX_VALUE:,} characters")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise SecurityError("the template makes a number too large for a post")
    return value


def _expect(length: int) -> None:
    if length > MAX_VALUE:
        raise SecurityError(f"the template makes a value longer than {MAX_VALUE:,} characters")


def _width(number: Any) -> None:
    if isinstance(number, int) and abs(number) > MAX_WIDTH:
        raise SecurityError(f"a width or count of {number} is too large (at most {MAX_WIDTH})")


_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_percent_format(fmt: Any) -> None:
    """Refuse `%`-formats with a huge or argument-given width or precision."""
    for match in _PERCENT.finditer(str(fmt)):
        for part in match.groups():
            if part == "*":
                raise SecurityError("a width taken from the arguments ('*') is not allowed")
            if part:
                _width(int(part))


def check_brace_format(fmt: Any) -> None:
    """Refuse `{:…}` formats with a huge width or precision, or one nested in braces."""
    try:
        parsed = list(string.Formatter().parse(str(fmt)))
    except ValueError as exc:
        raise SecurityError(f"bad format: {exc}") from exc
    for _literal, _name, spec, _conversion in parsed:
        if not spec:
            continue
        if "{" in spec:
            raise SecurityError("a width taken from the arguments is not allowed")
        for digits in re.findall(r"\d+", spec):
            _width(int(digits))


def _replace_length(text: str, old: Any, new: Any, count: Any = -1) -> int:
    old, new = str(old), str(new)
    found = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(0, len(new) - len(old))


def _join_length(items: Any, separator: Any) -> int:
    if not isinstance(items, list | tuple | str):
        return 0  # a generator: its items were checked as they were made
    return sum(len(str(i)) for i in items) + len(str(separator)) * max(0, len(items) - 1)


def check_str_method(name: str, text: str, args: tuple, kwargs: dict) -> None:
    """Size the result of a string method that can grow its text, before it runs."""
    if name == "replace" and len(args) >= 2:
        _expect(_replace_length(text, *args[:3]))
    elif name in ("center", "ljust", "rjust", "zfill") and args:
        _width(args[0])
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        _width(tab)
        _expect(len(text) + text.count("\t") * (tab if isinstance(tab, int) else 8))
    elif name == "join" and args:
        _expect(_join_length(args[0], text))
    elif name in ("format", "format_map"):
        check_brace_format(text)


def _filter_precheck(name: str, args: tuple, kwargs: dict) -> None:
    """Size the result of a built-in filter that can grow its input, before it runs."""
    value = args[0] if args else ""
    rest = args[1:]
    if name == "format":
        check_percent_format(value)
    elif name == "replace" and len(rest) >= 2:
        _expect(_replace_length(str(value), *rest[:3]))
    elif name in ("center", "indent", "batch", "slice", "wordwrap", "truncate"):
        for number in (*rest, *kwargs.values()):
            _width(number)
        if name == "indent":
            _expect(len(str(value)) * 2 + str(value).count("\n") * MAX_WIDTH)
    elif name == "join":
        _expect(_join_length(value, rest[0] if rest else kwargs.get("d", "")))


def bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` (a filter) sized before it runs, its result checked, its call counted."""

    @wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        current().step()
        # A filter marked pass_context/pass_environment gets that first: skip it.
        plain = args[1:] if getattr(func, "jinja_pass_arg", None) else args
        _filter_precheck(name, plain, kwargs)
        return check_value(func(*args, **kwargs))

    return bounded


def counted(iterable: Iterable[Any]) -> Iterator[Any]:
    """Iterate, counting each turn of a `{% for %}` against the render's budget."""
    budget = current()
    for item in iterable:
        budget.step()
        yield item


def bounded_render(generate: Callable[[], Iterator[str]]) -> str:
    """Collect a template's output under a fresh budget, stopping at MAX_OUTPUT characters."""
    token = _CURRENT.set(Budget())
    try:
        parts: list[str] = []
        total = 0
        output = generate()
        for part in output:
            total += len(part)
            if total > MAX_OUTPUT:
                # Thrown into the template where it stopped, so the refusal names that line.
                output.throw(
                    SecurityError(f"the text would be longer than {MAX_OUTPUT:,} characters")
                )
            parts.append(part)
        return "".join(parts)
    finally:
        _CURRENT.reset(token)
