"""`catalogtool init`: the files of a new catalog repository for one region, made from templates.

`params` checks what the user asked for (region code, name, year); `render` turns
it into the files (one starter document per registered kind, from the template
named after the kind); `install` puts them on disk all together or not at all.
Nothing here prints or knows typer.
"""

from __future__ import annotations

from catalogtool.scaffold.install import Installed, install
from catalogtool.scaffold.params import Params, parse_params
from catalogtool.scaffold.render import render

__all__ = ["Installed", "Params", "install", "parse_params", "render"]
