"""Shared test helpers: fakes and fixtures used across the test tree."""
