"""Training mode: lessons, exercises with automatic feedback, sessions and participation."""
