"""catalogtool: keep government-purchase catalogs and community task lists as checked data."""

__version__ = "0.1.0.dev0"
