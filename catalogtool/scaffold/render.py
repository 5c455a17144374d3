"""The files of a new repository, by relative path: starter documents, configuration, CI, editor and git settings.

A kind's starter document is the template `templates/kinds/<kind id>.yaml.j2`, found
through the registry (a kind without one gets none); the template sets `target`
(where the file goes) and `pattern` (which files VS Code maps its schema to).
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from catalogtool.kinds import KINDS
from catalogtool.scaffold.params import Params
from catalogtool.schemas import CONFIG_SCHEMA, schema_text

TEMPLATES = Path(__file__).resolve().parent / "templates"
SCHEMA_DIR = ".catalogtool/schemas"
CONFIG_FILE = "catalogtool.yaml"
# The repository's own files: (template, target).
REPO_FILES = (
    ("repo/catalogtool.yaml.j2", CONFIG_FILE),
    ("repo/townships.yaml.j2", "townships.yaml"),
    ("repo/pre-commit-config.yaml.j2", ".pre-commit-config.yaml"),
    ("repo/gitattributes.j2", ".gitattributes"),
    ("repo/gitignore.j2", ".gitignore"),
    ("repo/github-workflow.yml.j2", ".github/workflows/catalogtool.yml"),
    ("repo/gitlab-ci.yml.j2", ".gitlab-ci.yml"),
    ("repo/README.md.j2", "README.md"),
)


@dataclass(frozen=True, slots=True)
class Starter:
    """One kind's starter document: where it goes, the files its schema applies to, its text."""

    kind_id: str
    name: str
    path: str
    pattern: str
    text: str


def _environment() -> jinja2.Environment:
    # YAML and Markdown, not HTML: nothing to escape, and every value was checked by parse_params.
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False,
                              keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def schema_path(kind_schema: str) -> str:
    return f"{SCHEMA_DIR}/{kind_schema}.schema.json"


def _context(params: Params) -> dict[str, Any]:
    return {"region_code": params.region_code, "region_name": params.region_name, "year": params.year,
            "townships": params.townships, "plan_township": params.plan_township,
            "hook_repo": params.hook_repo, "hook_rev": params.hook_rev, "package_spec": package_spec(params)}


def package_spec(params: Params) -> str:
    """What CI installs: the hook's repository at its tag when given, else nothing yet.

    catalogtool is not on a public package index: a name CI installs from one could be
    registered by anybody, and CI would run their code.  Without --hook-repo the CI files
    stop at the install step and say which line to fill in.
    """
    if params.hook_repo:
        return f"catalogtool @ git+{params.hook_repo}@{params.hook_rev}"
    return ""


def starters(params: Params, env: jinja2.Environment | None = None) -> list[Starter]:
    """One starter document per registered kind that has a template, in the registry's order."""
    env = env or _environment()
    out = []
    for kind_id, kind in KINDS.items():
        try:
            template = env.get_template(f"kinds/{kind_id}.yaml.j2")
        except jinja2.TemplateNotFound:
            continue
        context = {**_context(params), "kind_id": kind_id}
        exported = vars(template.make_module({**context, "schema_url": ""}))  # the template's `set` variables
        target = str(exported["target"])
        relative = posixpath.relpath(schema_path(kind.schema), posixpath.dirname(target) or ".")
        text = template.render({**context, "schema_url": relative})
        out.append(Starter(kind_id, kind.name.zh, target, str(exported["pattern"]), text))
    return out


def vscode_settings(documents: list[Starter]) -> str:
    """yaml.schemas for VS Code's YAML extension: each kind's schema on its files, the configuration's on catalogtool.yaml."""
    schemas: dict[str, list[str]] = {}
    for doc in documents:
        schemas.setdefault(schema_path(KINDS[doc.kind_id].schema), []).append(doc.pattern)
    schemas[schema_path(CONFIG_SCHEMA)] = [f"**/{CONFIG_FILE}"]
    settings = {
        "yaml.schemas": schemas,
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "yaml.format.enable": False,
        "files.encoding": "utf8",
        "files.eol": "\n",
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.autoIndent": "keep"},
    }
    return json.dumps(settings, ensure_ascii=False, indent=2) + "\n"


def render(params: Params) -> dict[str, bytes]:
    """Every file of the new repository, by `/`-separated relative path."""
    env = _environment()
    documents = starters(params, env)
    context = {**_context(params), "documents": [{"path": d.path, "name": d.name} for d in documents]}
    files: dict[str, str] = {target: env.get_template(template).render(context) for template, target in REPO_FILES}
    files.update({doc.path: doc.text for doc in documents})
    for kind in KINDS.values():
        if any(doc.kind_id == kind.id for doc in documents):
            files[schema_path(kind.schema)] = schema_text(kind.schema)
    files[schema_path(CONFIG_SCHEMA)] = schema_text(CONFIG_SCHEMA)
    files[".vscode/settings.json"] = vscode_settings(documents)
    files[".vscode/extensions.json"] = json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"
    return {path: text.encode("utf-8") for path, text in sorted(files.items())}
