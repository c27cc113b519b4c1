"""`python -m planner.cli` runs the command line (tests use this form)."""

from planner.cli import main

main()
