"""Tests of the Qt widgets (popup_client.ui), run offscreen."""
