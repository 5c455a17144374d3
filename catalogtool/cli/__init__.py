"""The thin command-line layer: parse options, call the core, map results to exit codes."""
