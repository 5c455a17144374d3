"""What a kind of document is, as the rest of catalogtool asks it: one typed description.

Engine, rules, diff and the workbook ask the kind (its sections, how to walk its
entries, how to name its fields) and never test a kind's id themselves, so a new
kind of document is one new module in this package.  Everything here is pure: no
openpyxl, no typer, nothing that reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogtool.problems import Message
from catalogtool.record import Frozen, setfield

if TYPE_CHECKING:
    from catalogtool.kinds.layout import KeyOrder, Table


class Pool(Frozen):
    """A group of entries compared as one by the diff: list items, a negative list, catalog directories.

    `match_fields` are the fields whose text identifies an entry whose code changed.
    `children` is, for the directories of a tree kind, the key holding a directory's
    children (not one of its own fields; the diff rebuilds the tree from it).  `label`
    is how a report says where an entry of this pool sits when the pool is all there
    is to say (the negative list).
    """

    __slots__ = ("children", "label", "match_fields", "name")
    name: str
    match_fields: tuple[str, ...]
    children: str | None
    label: Message | None

    def __init__(self, name: str, match_fields: tuple[str, ...] = ("name", "content"), children: str | None = None,
                 label: Message | None = None) -> None:
        setfield(self, "name", name)
        setfield(self, "match_fields", match_fields)
        setfield(self, "children", children)
        setfield(self, "label", label)


class Section:
    """A top-level key of the document that holds a list of entries, and the sheet it is printed on.

    `sheet_id` is what the workbook's hidden sheet records (a promise to `import`);
    `sheet_name` is the sheet's Chinese name.  `table` is its sheet's columns (None:
    the section is not exported) and `key_order` how the YAML writer orders its entries.
    A kind may name instead the module holding them (`sheets`, whose SHEETS maps a
    section's key to its table and key order): only export, import and the YAML
    writer ask, and building the tables costs more than validating a small file.
    Read-only, compared and hashed by value, as a frozen dataclass.
    """

    __slots__ = ("_key_order", "_sheets", "_table", "key", "sheet_id", "sheet_name")
    key: str
    sheet_id: str
    sheet_name: str
    _table: Table | None
    _key_order: KeyOrder | None
    _sheets: str | None

    def __init__(self, key: str, sheet_id: str, sheet_name: str, table: Table | None = None,
                 key_order: KeyOrder | None = None, *, sheets: str | None = None) -> None:
        for name, value in (("key", key), ("sheet_id", sheet_id), ("sheet_name", sheet_name), ("_table", table),
                            ("_key_order", key_order), ("_sheets", sheets)):
            object.__setattr__(self, name, value)

    @property
    def table(self) -> Table | None:
        if self._sheets is not None:
            self._load()
        return self._table

    @property
    def key_order(self) -> KeyOrder | None:
        if self._sheets is not None:
            self._load()
        return self._key_order

    def _load(self) -> None:
        assert self._sheets is not None
        table, key_order = import_module(self._sheets).SHEETS[self.key]
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_key_order", key_order)
        object.__setattr__(self, "_sheets", None)

    def _values(self) -> tuple[Any, ...]:
        return (self.key, self.sheet_id, self.sheet_name, self.table, self.key_order)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Section is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Section is read-only")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Section)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        return (f"Section(key={self.key!r}, sheet_id={self.sheet_id!r}, sheet_name={self.sheet_name!r}, "
                f"table={self.table!r}, key_order={self.key_order!r})")


class Entry(Frozen):
    """One entry of a document wherever its kind keeps it: its pool, place, fields and ancestors.

    `parents` are the (code, name) of each enclosing directory, root first (only
    tree kinds have them); `depth` is 1 for a top-level entry.
    """

    __slots__ = ("data", "depth", "parents", "pointer", "pool")
    pool: str
    pointer: str
    data: dict[str, Any]
    depth: int
    parents: tuple[tuple[str, str], ...]

    def __init__(self, pool: str, pointer: str, data: dict[str, Any], depth: int = 1,
                 parents: tuple[tuple[str, str], ...] = ()) -> None:
        setfield(self, "pool", pool)
        setfield(self, "pointer", pointer)
        setfield(self, "data", data)
        setfield(self, "depth", depth)
        setfield(self, "parents", parents)

    @property
    def code(self) -> Any:
        return self.data.get("code")

    @property
    def name(self) -> Any:
        return self.data.get("name")


def list_walk(sections: tuple[Section, ...]) -> Callable[[Any], Iterator[Entry]]:
    """The walk of a flat kind: every mapping of each section's list, in document order."""

    def walk(data: Any) -> Iterator[Entry]:
        if not isinstance(data, dict):
            return
        for section in sections:
            entries = data.get(section.key)
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                if isinstance(entry, dict):
                    yield Entry(section.key, f"/{section.key}/{index}", entry)

    return walk


class Tally(Frozen):
    """How the statistics sheet (统计) counts a kind's items by who is responsible.

    `header` heads the kind's column in the table by department; `field` names
    who: one name per item (blank counted as （未填写）), or with `many` a list of
    names, each counted.  (Kept here, not with the sheets in catalogtool.kinds.layout,
    so that a kind is declared without building its sheets.)
    """

    __slots__ = ("field", "header", "many")
    header: str
    field: str
    many: bool

    def __init__(self, header: str, field: str, many: bool = False) -> None:
        setfield(self, "header", header)
        setfield(self, "field", field)
        setfield(self, "many", many)


class PublishedTable(Frozen):
    """How import reads a table as departments publish it (no hidden sheet, headers in their own words).

    Its rows fill the tree `section`; a header row is the one naming two level
    columns and one of the fields in `anchors`; `required` are the header fields no
    such table gives, which the written file asks the user to fill in.
    """

    __slots__ = ("anchors", "required", "section")
    section: str
    anchors: tuple[str, ...]
    required: tuple[str, ...]

    def __init__(self, section: str, anchors: tuple[str, ...] = ("code", "content"),
                 required: tuple[str, ...] = ("title", "region", "year", "issuer")) -> None:
        setfield(self, "section", section)
        setfield(self, "anchors", anchors)
        setfield(self, "required", required)


class Kind(Frozen):
    """One kind of document (FORMAT.md §1): names, schema, sections and the walk of its entries.

    `item_pools` are the pools whose entries count as the document's items (what
    `validate --format json` reports as `items`); `field_labels` name a field the way
    this kind's published tables do, where that differs from catalogtool.labels.
    """

    __slots__ = ("budget_field", "catalog_ref", "cover_notes", "field_labels", "id", "item_pools", "money_fields",
                 "name", "pools", "providers_field", "published", "schema_path", "sections", "short_name",
                 "site_page", "site_slug", "tally", "township_view", "tree", "walk")
    id: str
    name: Message
    short_name: Message
    sections: tuple[Section, ...]
    pools: tuple[Pool, ...]
    walk: Callable[[Any], Iterator[Entry]]
    item_pools: tuple[str, ...]
    tree: bool
    field_labels: Mapping[str, Message]
    # The workbook (catalogtool.excel): the cover's notes on this kind's sheets, how the statistics count
    # its items, how published tables of it are read, and what a township's guide keeps of a document.
    cover_notes: tuple[str, ...]
    tally: Tally | None
    published: PublishedTable | None
    township_view: Callable[[dict[str, Any]], dict[str, Any]] | None
    # Money (catalogtool.money): the fields that hold yuan, named as the diff names them (dotted, header and
    # entries alike), and the entry field whose sum is the document's budget (the diff reports its change).
    money_fields: tuple[str, ...]
    budget_field: str | None
    # Where its JSON Schema is when not schemas/<id>.schema.json: a kind kept outside the package
    # (the example kind of docs/adding-a-kind.md, registered by a test).
    schema_path: Path | None
    # The website (catalogtool.site): the folder of its pages and downloads under a region's year, and how
    # a document of it is shown: "catalog" (a tree with a page per item), "plan" (on its township's page)
    # or "list" (every entry with its fields, one section after another).
    site_slug: str
    site_page: str
    # The entry field that names a purchase-catalog item by its code (a plan project buys that item, an
    # assistance task is bought as it): the site lists, on each catalog item's page, who refers to it.
    catalog_ref: str | None
    # The entry field listing the types of provider (the site's search filters by it).
    providers_field: str | None

    def __init__(self, id: str, name: Message, short_name: Message, sections: tuple[Section, ...],
                 pools: tuple[Pool, ...], walk: Callable[[Any], Iterator[Entry]],
                 item_pools: tuple[str, ...] = ("items",), tree: bool = False,
                 field_labels: Mapping[str, Message] | None = None, cover_notes: tuple[str, ...] = (),
                 tally: Tally | None = None, published: PublishedTable | None = None,
                 township_view: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
                 money_fields: tuple[str, ...] = (), budget_field: str | None = None, schema_path: Path | None = None,
                 site_slug: str = "", site_page: str = "list", catalog_ref: str | None = None,
                 providers_field: str | None = None) -> None:
        setfield(self, "id", id)
        setfield(self, "name", name)
        setfield(self, "short_name", short_name)
        setfield(self, "sections", sections)
        setfield(self, "pools", pools)
        setfield(self, "walk", walk)
        setfield(self, "item_pools", item_pools)
        setfield(self, "tree", tree)
        setfield(self, "field_labels", {} if field_labels is None else field_labels)
        setfield(self, "cover_notes", cover_notes)
        setfield(self, "tally", tally)
        setfield(self, "published", published)
        setfield(self, "township_view", township_view)
        setfield(self, "money_fields", money_fields)
        setfield(self, "budget_field", budget_field)
        setfield(self, "schema_path", schema_path)
        setfield(self, "site_slug", site_slug)
        setfield(self, "site_page", site_page)
        setfield(self, "catalog_ref", catalog_ref)
        setfield(self, "providers_field", providers_field)

    @property
    def slug(self) -> str:
        """The site's folder name for documents of this kind (its id unless the kind names a shorter one)."""
        return self.site_slug or self.id

    @property
    def schema(self) -> str:
        """The name of its JSON Schema (`catalogtool schema NAME`): the stem of schemas/<id>.schema.json."""
        return self.id

    @property
    def data_keys(self) -> tuple[str, ...]:
        """The top-level keys that hold entries; every other key is the document's header."""
        return tuple(section.key for section in self.sections)

    @property
    def pool_names(self) -> tuple[str, ...]:
        return tuple(pool.name for pool in self.pools)

    def pool(self, name: str) -> Pool | None:
        return next((pool for pool in self.pools if pool.name == name), None)

    def entries(self, data: Any) -> list[Entry]:
        return list(self.walk(data))

    def items(self, data: Any) -> list[Entry]:
        return [entry for entry in self.walk(data) if entry.pool in self.item_pools]

    def item_count(self, data: Any) -> int:
        return sum(1 for entry in self.walk(data) if entry.pool in self.item_pools)

    def header(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Every top-level key but `kind` and the sections."""
        skip = {"kind", *self.data_keys}
        return {key: value for key, value in data.items() if key not in skip}

    # --------------------------------------------------------------------- the workbook

    @property
    def exportable(self) -> bool:
        """Does every section have a sheet to go on?"""
        return all(section.table is not None for section in self.sections)

    def section(self, key: str) -> Section | None:
        return next((section for section in self.sections if section.key == key), None)


def plain_kind(kind_id: str) -> Kind:
    """A kind we do not know, read as a plain list under `items`: what the diff makes of such a document."""
    sections = (Section("items", "items", "清单"),)
    return Kind(
        id=kind_id,
        name=Message(kind_id, kind_id),
        short_name=Message(kind_id, kind_id),
        sections=sections,
        pools=(Pool("items"),),
        walk=list_walk(sections),
    )
