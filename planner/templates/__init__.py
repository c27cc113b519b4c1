"""Content templates: what a template is (`model`), how it is read from files (`files`),
the sandbox its texts render in (`sandbox`), and the templates made in the app (`store`).

A template is a YAML file in content_templates/ (or a record made in the app) holding, per
language and platform, a Jinja2 text. Everything is checked when the template is loaded, so
a broken template is refused with its file, line and a plain reason before anyone can draft
from it.
"""
