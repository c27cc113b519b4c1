"""Which pages a role is offered: a page nobody of that role could use is left out of the menu.

Pages still check for themselves (a bookmarked address reaches them), and services refuse
whatever slips through; this only keeps the menu to what the person can do.
"""

from __future__ import annotations

from planner.people.roles import Action
from planner.ui.runtime import tr
from planner.ui.session import allowed
from planner.ui.widgets.review import review_title

# A page is offered when the person may do any one of these (pages not listed: everyone).
PAGE_NEEDS: dict[str, tuple[Action, ...]] = {
    "planner/ui/planning.py": (Action.MANAGE_SLOTS, Action.MANAGE_SERIES, Action.IMPORT_POSTS),
    "planner/ui/inbox.py": (Action.READ_INBOX,),
    "planner/ui/dashboard.py": (Action.VIEW_DASHBOARD,),
    "planner/ui/report.py": (Action.VIEW_DASHBOARD,),
    "planner/ui/indicators.py": (Action.VIEW_DASHBOARD, Action.RECORD_INDICATORS),
    # The installation's set-up (database, public address, channels) is not a trainee's business.
    "planner/ui/settings.py": (Action.VIEW_DASHBOARD,),
    "planner/ui/review.py": (Action.APPROVE_POST,),
    "planner/ui/users.py": (Action.MANAGE_USERS,),
    "planner/ui/audit_log.py": (Action.VIEW_AUDIT,),
    "planner/ui/practice.py": (Action.PRACTISE,),
    "planner/ui/trainer.py": (Action.TRAIN,),
}


def offered(path: str) -> bool:
    """Whether the signed-in person's menu shows the page at `path`."""
    needs = PAGE_NEEDS.get(path)
    return needs is None or any(allowed(action) for action in needs)


def menu_title(path: str, key: str) -> str:
    """A page's name in the menu; the review queue's also counts the posts waiting."""
    return review_title() if path == "planner/ui/review.py" else tr(key)
