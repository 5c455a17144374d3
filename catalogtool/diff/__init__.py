"""Item-level comparison of two editions of a catalog or list."""
