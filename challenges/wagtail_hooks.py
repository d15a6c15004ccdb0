"""Admin: the council teams' report of interest in challenges (challenges/reports.py)."""

from challenges import reports  # noqa: F401 - registers the report's URL and menu item
