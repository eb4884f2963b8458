"""Sections of the Settings dialog, one module each.

A section module defines `TITLE` (shown in the list), `ORDER` (an int: its place in the list) and
`Section(ctx, parent)`, a QWidget. The dialog finds the modules here by itself, so adding a section
means adding a file.
"""
