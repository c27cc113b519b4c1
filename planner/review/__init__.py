"""Drafts, review and approval: drafts kept without a time, the review queue, decisions,
comments, the pre-approval checklist and each post's history.

The rule scheduling obeys (a post that needs review goes out only once approved at its
current version) is planner/people/approval.py; this package is the workflow around it.
"""
