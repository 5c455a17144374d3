"""The site's machine-readable files: each document as YAML and JSON, the search index, the open-data index.

All of it is deterministic: JSON with sorted keys where order means nothing, dates
as ISO text, no timestamps but the documents' own.  The search index is also
written as a script (`search-index.js`, one assignment) so the search page works
from a folder opened from disk, where browsers refuse to fetch JSON files.
"""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from typing import Any

from catalogtool.site.model import Doc, Edition
from catalogtool.site.views import code_file, items, text
from catalogtool.yaml_writer import dump_document


def _plain(value: Any) -> Any:
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):  # money: a JSON number only where the number reads back exactly
        if value == value.to_integral_value() and abs(value) < 2 ** 53:
            return int(value)
        return float(value) if Decimal(repr(float(value))) == value else str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(value: Any, *, sort: bool = False) -> bytes:
    return (json.dumps(_plain(value), ensure_ascii=False, indent=2, sort_keys=sort) + "\n").encode("utf-8")


def document_files(doc: Doc) -> dict[str, bytes]:
    """The document's downloads, named by its slug: the YAML as catalogtool writes it, and the same data as JSON."""
    return {
        f"data/{doc.slug}.yaml": dump_document(doc.data).encode("utf-8"),
        f"data/{doc.slug}.json": to_json(doc.data),
    }


def search_records(edition: Edition, townships: dict[str, str]) -> list[dict[str, Any]]:
    """One record per item of the edition's documents: what the search and its filters look at.

    Plan projects are records too, under their township's name, so a social organisation
    searching for a service finds who is buying it this year.
    """
    records = []
    for doc in edition.docs:
        page = f"{doc.slug}/" if doc.kind.site_page == "catalog" else doc.page + "#"
        where = townships.get(doc.township_code or "", "") or doc.region_name
        for item in items(doc):
            data = item.data
            township = data.get("township")
            records.append({
                "code": item.code,
                "name": item.name,
                "content": text(data.get("content")),
                "category": (" / ".join(name for _, name in item.parents) or text(data.get("category"))
                             or (where if doc.kind.site_page == "plan" else "")),
                "providers": _listed(data, doc.kind.providers_field),
                "township": township if isinstance(township, bool) else None,
                "kind": doc.kind.short_name.zh,
                "url": page + (item.file if doc.kind.site_page == "catalog" else item.anchor),
            })
    return records


def _listed(data: dict[str, Any], key: str | None) -> list[str]:
    """The entry's provider types, from the field its kind names (Kind.providers_field)."""
    value = data.get(key) if key else None
    return [str(v) for v in value] if isinstance(value, list) else []


def search_script(records: list[dict[str, Any]]) -> bytes:
    """The index as one statement for <script src>: JSON with `<` escaped, so no text can close a tag."""
    body = json.dumps(records, ensure_ascii=False, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.catalogtoolSearch = {body};\n".encode()


def open_data_index(all_editions: list[Edition], title: str, validated: bool, files: dict[str, bytes]) -> bytes:
    """data/index.json: every published document, with its header and where its files are.

    `files` is the site so far: the index lists each edition's Excel guides found among them.
    """
    documents = []
    for edition in all_editions:
        for doc in edition.docs:
            base = f"{edition.key}/data/{doc.slug}"
            documents.append({
                "kind": doc.kind.id,
                "title": doc.title,
                "region": {"code": doc.region_code, "name": doc.region_name},
                "year": doc.year,
                "issuer": doc.data.get("issuer"),
                "document_number": doc.data.get("document_number"),
                "effective": doc.data.get("effective"),
                "expires": doc.data.get("expires"),
                "items": doc.kind.item_count(doc.data),
                "yaml": f"{base}.yaml",
                "json": f"{base}.json",
            })
    index = {
        "title": title,
        "validated": validated,
        "editions": [{"region": {"code": e.region, "name": e.region_name}, "year": e.year,
                      "page": f"{e.key}/index.html", "search_index": f"{e.key}/search-index.json",
                      "workbooks": sorted(name for name in files if name.startswith(f"{e.key}/downloads/")
                                          and name.endswith(".xlsx"))}
                     for e in all_editions],
        "documents": documents,
    }
    return to_json(index)


__all__ = ["code_file", "document_files", "open_data_index", "search_records", "search_script", "to_json"]
