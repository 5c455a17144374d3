"""Allow ``python -m catalogtool``."""

from catalogtool.cli.main import run

run()
