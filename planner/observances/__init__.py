"""Observances: Indonesia's national and literacy days and the library's own, on the calendar.

`days` reads the shipped data file and the library's own days and turns date rules into
dates; `nudges` finds the days coming up with no post yet and drafts one from a template.
"""
