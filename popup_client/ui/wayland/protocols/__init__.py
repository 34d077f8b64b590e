"""Generated Wayland protocol bindings the app needs and pywayland does not ship (see scripts/make-wayland-protocols)."""
