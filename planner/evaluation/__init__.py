"""Evaluation: engagement over time, the programme's indicators and the monthly report.

Every figure is aggregated in the database (GROUP BY), never by loading snapshots into Python,
so the dashboard stays fast with a million snapshots (bench/dashboard.py).
"""
