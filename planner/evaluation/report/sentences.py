"""One sentence per report section, written from the numbers in Indonesian or English.

"Jangkauan naik 23 % dibanding Oktober 2026." A sentence never claims more than the numbers
hold: a gap says "tidak dilaporkan", a zero before says "naik dari 0", no earlier month says
there is nothing to compare with, and a change that rounds to 0.0 % is "tidak berubah".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from planner.evaluation.period import month_period
from planner.evaluation.report.model import Change, MonthlyReport
from planner.i18n import format_date, format_month, format_number, t


def month_name(month: str, lang: str) -> str:
    """'2026-10' → 'Oktober 2026' / 'October 2026'."""
    year, mon = (int(part) for part in month.split("-"))
    return format_month(year, mon, lang)


def day_name(day: date, lang: str) -> str:
    """A local day as Indonesians write it: 'Rabu, 11 November 2026'."""
    zone = ZoneInfo("UTC")
    return format_date(datetime.combine(day, time(12), zone), zone, lang)


def format_figure(value: float | None, lang: str) -> str:
    """A count for a table or sentence: '1.234' / '1,234', or 'tidak dilaporkan' for a gap."""
    return t("report.gap", lang) if value is None else format_number(value, lang)


def format_decimal(value: float | None, lang: str) -> str:
    """One decimal, '.0' dropped: '12,5' / '12.5', '23', '1.234,5'; a gap as for figures."""
    if value is None:
        return t("report.gap", lang)
    text = f"{round(value, 1):,.1f}".removesuffix(".0")
    if lang == "id":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def change_sentence(change: Change, month: str, lang: str) -> str:
    """How a figure moved against the month before, in one sentence."""
    what = t(f"report.fig.{change.key}", lang)
    this = month_name(month, lang)
    before = month_name(month_period(month).previous().month, lang)
    if change.current is None:
        return t("report.s.gap", lang, what=what, month=this)
    value = format_figure(change.current, lang)
    if change.previous is None:
        return t("report.s.no_previous", lang, what=what, month=this, value=value, previous=before)
    if change.previous == 0:
        key = "report.s.both_zero" if change.current == 0 else "report.s.from_zero"
        return t(key, lang, what=what, value=value, previous=before)
    percent = change.percent or 0.0
    if round(percent, 1) == 0:
        return t("report.s.unchanged", lang, what=what, previous=before)
    key = "report.s.rose" if percent > 0 else "report.s.fell"
    return t(key, lang, what=what, percent=format_decimal(abs(percent), lang), previous=before)


def write_sentences(report: MonthlyReport) -> dict[str, str]:
    """The sentence of every section of `report`, in the report's language."""
    lang, month = report.lang, report.month
    nothing = t("report.s.nothing_published", lang, month=month_name(month, lang))
    published = (report.kpi("posts").current or 0) > 0
    return {
        "summary": _summary(report) if published else nothing,
        "charts": _charts(report) if published else nothing,
        "top_posts": _top_post(report) if report.top_posts else nothing,
        "platforms": _platforms(report) if report.platforms else nothing,
        "service": _service(report),
        "feedback": _feedback(report),
        "training": _training(report),
        "measures": _measures(report),
    }


def _summary(report: MonthlyReport) -> str:
    reach = report.kpi("reach")
    main = reach if reach.current is not None else report.kpi("interactions")
    return change_sentence(main, report.month, report.lang)


def _charts(report: MonthlyReport) -> str:
    lang = report.lang
    per_day: dict[date, int] = defaultdict(int)
    for point in report.daily:
        if point.interactions is not None:
            per_day[point.day] += point.interactions
    if not per_day:
        return t("report.s.no_engagement", lang, month=month_name(report.month, lang))
    best = max(sorted(per_day), key=lambda day: per_day[day])  # the earliest of equal days
    return t(
        "report.s.best_day",
        lang,
        day=day_name(best, lang),
        value=format_number(per_day[best], lang),
    )


def _top_post(report: MonthlyReport) -> str:
    top = report.top_posts[0]
    return t(
        "report.s.top_post",
        report.lang,
        title=top.title,
        platform=t(f"platform.{top.platform}", report.lang),
        value=format_figure(top.interactions, report.lang),
    )


def _platforms(report: MonthlyReport) -> str:
    lang = report.lang
    reported = [row for row in report.platforms if row.interactions is not None]
    total = sum(row.interactions or 0 for row in reported)
    if total == 0:
        return t("report.s.no_engagement", lang, month=month_name(report.month, lang))
    best = max(reported, key=lambda row: row.interactions or 0)
    return t(
        "report.s.top_platform",
        lang,
        platform=t(f"platform.{best.platform}", lang),
        share=format_decimal((best.interactions or 0) / total * 100, lang),
    )


def _service(report: MonthlyReport) -> str:
    service = report.service
    for change in (service.visits, service.loans, service.new_members):
        if change.current is not None:
            return change_sentence(change, report.month, report.lang)
    return t("report.s.service_gap", report.lang, month=month_name(report.month, report.lang))


def _feedback(report: MonthlyReport) -> str:
    lang, feedback = report.lang, report.feedback
    return t(
        "report.s.feedback",
        lang,
        notes=format_figure(feedback.notes.current or 0, lang),
        positive=format_figure(feedback.positive.current or 0, lang),
        neutral=format_figure(feedback.neutral.current or 0, lang),
        negative=format_figure(feedback.negative.current or 0, lang),
        comments=format_figure(feedback.comments.current, lang),
    )


def _training(report: MonthlyReport) -> str:
    lang, figures = report.lang, report.training
    if figures is None:
        return t("report.s.training_none", lang)
    if figures.sessions_held == 0:
        return t("report.s.training_zero", lang, month=month_name(report.month, lang))
    return t(
        "report.s.training",
        lang,
        sessions=format_number(figures.sessions_held, lang),
        attendees=format_number(figures.attendees, lang),
        exercises=format_number(figures.exercises_submitted, lang),
    )


def _measures(report: MonthlyReport) -> str:
    followers = report.kpi("followers")
    if followers.current is None:
        return t("report.s.followers_gap", report.lang, month=month_name(report.month, report.lang))
    return change_sentence(followers, report.month, report.lang)
