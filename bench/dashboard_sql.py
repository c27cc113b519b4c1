"""The dashboard's aggregates written by hand as raw SQL, for bench/dashboard.py to time each
query against (the same joins a person would write; the dialect bits for SQLite/PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from planner.evaluation.best_time import AGE
from planner.evaluation.punctuality import ON_TIME_SECONDS
from planner.evaluation.sqlparts import offset_minutes
from planner.models import utcnow

INTER = """(CASE WHEN ms.likes IS NOT NULL OR ms.comments IS NOT NULL OR ms.shares IS NOT NULL
  OR ms.saves IS NOT NULL OR ms.clicks IS NOT NULL THEN COALESCE(ms.likes, 0)
  + COALESCE(ms.comments, 0) + COALESCE(ms.shares, 0) + COALESCE(ms.saves, 0)
  + COALESCE(ms.clicks, 0) END)"""
FIG = f"""COUNT(DISTINCT pt.post_id), COUNT(pt.id), SUM(ms.reach), SUM(ms.impressions),
  SUM({INTER}), SUM(ms.clicks),
  SUM(CASE WHEN COALESCE(ms.reach, ms.impressions) IS NOT NULL THEN {INTER} END),
  SUM(COALESCE(ms.reach, ms.impressions)), COUNT(ms.reach),
  SUM(CASE WHEN ms.reach IS NULL AND ms.impressions IS NOT NULL THEN 1 ELSE 0 END),
  MAX(CASE WHEN ms.simulated OR a.is_sandbox THEN 1 ELSE 0 END)"""
IN_PERIOD = "{t}.status = 'published' AND {t}.published_at >= :start AND {t}.published_at < :end"
JOINS = (
    "FROM post_target pt JOIN post p ON p.id = pt.post_id JOIN account a ON a.id = pt.account_id"
)
LATEST = f"""{JOINS}
LEFT JOIN metric_snapshot ms
  ON ms.id = (SELECT MAX(n.id) FROM metric_snapshot n WHERE n.target_id = pt.id)
WHERE {IN_PERIOD.format(t="pt")}"""
AT_AGE = f"""{JOINS}
JOIN ({{ages}}) ages ON 1 = 1
JOIN metric_snapshot ms ON ms.id = (SELECT MIN(f.id) FROM metric_snapshot f
  WHERE f.target_id = pt.id AND f.age_bucket = ages.age)
WHERE {IN_PERIOD.format(t="pt")}"""
# PostgreSQL: the same lookups as LATERAL subqueries, the snapshot joined on its key.
LATEST_PG = f"""{JOINS}
LEFT JOIN LATERAL (SELECT MAX(n.id) AS sid FROM metric_snapshot n WHERE n.target_id = pt.id)
  l ON true
LEFT JOIN metric_snapshot ms ON ms.id = l.sid
WHERE {IN_PERIOD.format(t="pt")}"""
AT_AGE_PG = f"""{JOINS}
JOIN ({{ages}}) ages ON true
JOIN LATERAL (SELECT MIN(f.id) AS sid FROM metric_snapshot f
  WHERE f.target_id = pt.id AND f.age_bucket = ages.age) l ON true
JOIN metric_snapshot ms ON ms.id = l.sid
WHERE {IN_PERIOD.format(t="pt")}"""


def _ages(*ages: str) -> str:
    return " UNION ALL ".join(f"SELECT '{age}' AS age" for age in ages)


KIND = """CASE WHEN p.event_id IS NOT NULL THEN 'event' WHEN p.campaign_id IS NOT NULL THEN 'event'
  WHEN p.item_id IS NOT NULL THEN 'collection' ELSE 'service' END"""
AUDIENCE = """
SELECT a.id, a.name, a.platform, a.is_sandbox, s.followers, e.followers, s.simulated,
  e.simulated, o.day
FROM account a
JOIN (SELECT account_id, MAX(day) AS day FROM audience_snapshot
  WHERE followers IS NOT NULL AND day <= :last GROUP BY account_id) c ON c.account_id = a.id
LEFT JOIN (SELECT account_id, MAX(day) AS day FROM audience_snapshot
  WHERE followers IS NOT NULL AND day < :first GROUP BY account_id) b ON b.account_id = a.id
LEFT JOIN (SELECT account_id, MIN(day) AS day FROM audience_snapshot
  WHERE followers IS NOT NULL AND day >= :first AND day <= :last GROUP BY account_id) o
  ON o.account_id = a.id
JOIN audience_snapshot e ON e.account_id = a.id AND e.day = c.day
LEFT JOIN audience_snapshot s ON s.account_id = a.id AND s.day = COALESCE(b.day, o.day)
ORDER BY a.platform, a.name, a.id"""


def _params(filters) -> dict:
    p = filters.period
    naive = {k: getattr(p, k).replace(tzinfo=None) for k in ("start", "end")}
    return naive | {"first": p.first, "last": p.last, "since": p.first - timedelta(days=1)}


def _local(dialect: str, minutes: int) -> dict[str, str]:
    if dialect == "postgresql":
        shifted = f"(pt.published_at + interval '{minutes} minutes')"
        return {
            "day": f"date({shifted})",
            "month": f"to_char({shifted}, 'YYYY-MM')",
            "wd": f"extract(isodow from {shifted})",
            "hr": f"extract(hour from {shifted})",
            "delay": "extract(epoch from pt.published_at - pt.due_at)",
        }
    mod = f"'{minutes:+d} minutes'"
    return {
        "day": f"date(pt.published_at, {mod})",
        "month": f"strftime('%Y-%m', pt.published_at, {mod})",
        "wd": f"strftime('%w', pt.published_at, {mod})",
        "hr": f"strftime('%H', pt.published_at, {mod})",
        "delay": "(julianday(pt.published_at) - julianday(pt.due_at)) * 86400.0",
    }


def statements(filters, dialect: str) -> dict[str, list[tuple[str, dict]]]:
    """Per dashboard query (planner.ui.dashboard.LOADERS), the raw statements doing its work."""
    params, before = _params(filters), _params(filters.previous())
    pg = dialect == "postgresql"
    latest, at_age = (LATEST_PG, AT_AGE_PG) if pg else (LATEST, AT_AGE)
    loc = _local(dialect, offset_minutes(filters))
    now = utcnow().replace(tzinfo=None)
    summary = f"SELECT {FIG} {latest}"
    gaps = ", ".join(
        f"SUM(CASE WHEN ms.{f} IS NULL THEN 1 ELSE 0 END)"
        for f in ("reach", "impressions", "likes", "comments", "shares", "saves", "clicks")
    )
    considered = """(pt.status IN ('published', 'publishing', 'retrying', 'failed',
      'needs_attention') OR (pt.status IN ('scheduled', 'retrying') AND pt.due_at < :overdue))"""
    due = "pt.due_at >= :start AND pt.due_at < :end"
    on_time_params = params | {"overdue": now - timedelta(seconds=ON_TIME_SECONDS)}
    months = [(AUDIENCE, params)]  # one month in the benchmark's period
    return {
        "kpis": [(summary, params), (summary, before), (AUDIENCE, params), (AUDIENCE, before)],
        "unreported": [
            (
                f"SELECT pt.platform, {gaps} {latest} AND ms.id IS NOT NULL "
                "GROUP BY pt.platform ORDER BY pt.platform",
                params,
            )
        ],
        "series": [
            (
                f"SELECT {loc['day']}, pt.platform, {FIG} {latest} GROUP BY {loc['day']}, "
                f"pt.platform ORDER BY {loc['day']}, pt.platform",
                params,
            )
        ],
        "by_age": [
            (
                f"SELECT ms.age_bucket, pt.platform, {FIG} "
                + at_age.format(ages=_ages("1h", "24h", "7d", "30d"))
                + " GROUP BY ms.age_bucket, pt.platform",
                params,
            )
        ],
        "by_template": [(f"SELECT p.template_id, {FIG} {latest} GROUP BY p.template_id", params)],
        "by_kind": [(f"SELECT {KIND}, {FIG} {latest} GROUP BY {KIND}", params)],
        "top_posts": [
            (
                f"""SELECT p.id, pt.id, p.title, pt.platform, a.name, pt.published_at,
              pt.remote_url, ma.filename, ma.sha256,
              COALESCE(NULLIF(p.alt_text, ''), ma.alt_text), {INTER}, ms.reach, ms.impressions,
              ms.clicks, ms.simulated, a.is_sandbox
              {
                    latest.replace(
                        "WHERE pt.status",
                        "LEFT JOIN media_asset ma ON ma.id = p.media_asset_id WHERE pt.status",
                    )
                }
              AND {INTER} IS NOT NULL ORDER BY {INTER} DESC, pt.id LIMIT 10""",
                params,
            )
        ],
        "audience_series": [
            (
                """SELECT s.day, s.account_id, a.name, a.platform, s.followers, s.simulated,
              a.is_sandbox FROM audience_snapshot s JOIN account a ON a.id = s.account_id
              WHERE s.followers IS NOT NULL AND s.day >= :since AND s.day <= :last
              ORDER BY s.day, s.account_id""",
                params,
            )
        ],
        "audience_summary": [(AUDIENCE, params)],
        "on_time": [
            (
                f"""SELECT SUM(CASE WHEN {considered} THEN 1 ELSE 0 END),
              SUM(CASE WHEN pt.status = 'published' AND {loc["delay"]} <= 60 THEN 1 ELSE 0 END),
              SUM(CASE WHEN pt.status = 'published' AND {loc["delay"]} > 60 THEN 1 ELSE 0 END),
              SUM(CASE WHEN pt.status = 'failed' THEN 1 ELSE 0 END),
              SUM(CASE WHEN pt.status = 'needs_attention' THEN 1 ELSE 0 END),
              SUM(CASE WHEN {considered} AND pt.error_kind = 'unknown' THEN 1 ELSE 0 END),
              SUM(CASE WHEN {considered} AND pt.attempts > 1 THEN 1 ELSE 0 END),
              SUM(CASE WHEN pt.status IN ('scheduled', 'retrying') AND pt.due_at < :overdue
                  THEN 1 ELSE 0 END),
              MAX(CASE WHEN {considered} AND a.is_sandbox THEN 1 ELSE 0 END)
              FROM post_target pt JOIN post p ON p.id = pt.post_id
              JOIN account a ON a.id = pt.account_id WHERE {due}""",
                on_time_params,
            ),
            (
                f"""SELECT pt.id, p.id, p.title, pt.platform, a.name, pt.status, pt.error_kind,
              pt.attempts, pt.due_at, pt.published_at, a.is_sandbox
              FROM post_target pt JOIN post p ON p.id = pt.post_id
              JOIN account a ON a.id = pt.account_id WHERE {due} AND {considered}
              AND (pt.status IN ('failed', 'needs_attention') OR pt.error_kind = 'unknown'
                   OR pt.attempts > 1)
              ORDER BY pt.due_at, pt.id LIMIT 50""",
                on_time_params,
            ),
        ],
        "heatmap": [
            (
                f"SELECT {loc['wd']}, {loc['hr']}, {FIG} "
                + at_age.format(ages=_ages(AGE))
                + f" GROUP BY {loc['wd']}, {loc['hr']}",
                params,
            )
        ],
        "social_measures": [
            (
                f"SELECT {loc['month']}, pt.platform, {FIG} {latest} GROUP BY {loc['month']}, "
                f"pt.platform ORDER BY {loc['month']}, pt.platform",
                params,
            ),
            *months,
        ],
    }
