"""Translations of what the site says: its pages (`pages.py`: one Markdown file per
language, checked against the English it translates). Interface strings are Django's
gettext catalogues in `locale/`; data labels are translated beside their models."""
