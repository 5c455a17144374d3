"""The template engine: Jinja2 with autoescaping on for every template, the county's folder before ours.

A county restyles the site by putting templates of the same name (base.html, say)
in the folder `site.templates` of catalogtool.yaml names; everything else comes
from catalogtool/site/templates.  A broken template is the user's error (exit 2)
with its file and line, never a traceback.
"""

from __future__ import annotations

from typing import Any

import jinja2

from catalogtool.errors import CatalogToolError
from catalogtool.problems import Message


def environment(templates: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(templates)] if templates else []
    loaders.append(jinja2.PackageLoader("catalogtool.site", "templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # every template, whatever its name: catalog text pasted from the web holds <script>
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> bytes:
    try:
        return env.get_template(name).render(context).encode("utf-8")
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise CatalogToolError(Message(f"网站模板 {where} 有语法错误：{error.message}",
                                       f"site template {where} has a syntax error: {error.message}")) from None
    except jinja2.TemplateError as error:
        raise CatalogToolError(Message(f"网站模板 {name} 无法生成页面：{error}",
                                       f"site template {name} failed: {error}")) from None
