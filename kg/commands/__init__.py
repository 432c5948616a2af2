"""Command groups of the ``kg`` CLI beyond the core ones (explore, serve)."""
