"""planner: a social media content planner and publisher for public libraries."""

__version__ = "0.1.0"
