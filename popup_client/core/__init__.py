"""The Qt-free core: payload model, rules and policy, preferences, journal.

Nothing under this package imports Qt; an import-linter contract and a test
that imports the core with Qt hidden enforce it.
"""
