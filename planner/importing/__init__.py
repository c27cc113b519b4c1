"""Importing events and collection items from files, one row or record at a time.

Each row is checked on its own and written inside its own savepoint, so a refused row never
blocks or half-writes the others; each gets a line in the report saying what was taken and
what was refused and why. Rows are matched to what is stored by a stable key (ISBN, a given
key, or title and date), so importing the same file again creates nothing new.
"""

from planner.importing.report import ImportReport, RowResult

__all__ = ["ImportReport", "RowResult"]
