"""Streamlit pages: thin, they collect input, call planner services and show the result."""
