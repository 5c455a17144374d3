"""The explicit registry of rules: one module per rule, listed here in the order of FORMAT.md §4.

Each module builds its `RULE`, a typed `RuleSpec` (catalogtool.rules.spec): id,
default level, scope, the kinds it applies to, messages, options, policy source,
documentation in both languages, and its check (or collect and finish).
"""

from __future__ import annotations

from catalogtool.rules import (
    approval_record,
    catalog_depth,
    catalog_ref,
    cell_length,
    code_hierarchy,
    date_order,
    dedicated_resources,
    duplicate_code,
    duplicate_key,
    duplicate_name,
    empty_document,
    excluded_task,
    funding_source,
    implicit_type,
    input_limit,
    legal_basis,
    non_issuable_certificate,
    prohibited_purchase,
    provider_type,
    region_code,
    schema,
    text_hygiene,
    top_category,
    unknown_kind,
    unreadable_file,
    yaml_syntax,
)
from catalogtool.rules.spec import RuleSpec

RULES: dict[str, RuleSpec] = {module.RULE.id: module.RULE for module in (
    yaml_syntax,
    duplicate_key,
    implicit_type,
    schema,
    unknown_kind,
    empty_document,
    duplicate_code,
    code_hierarchy,
    catalog_depth,
    region_code,
    date_order,
    duplicate_name,
    text_hygiene,
    cell_length,
    prohibited_purchase,
    top_category,
    provider_type,
    funding_source,
    dedicated_resources,
    approval_record,
    legal_basis,
    excluded_task,
    catalog_ref,
    non_issuable_certificate,
    input_limit,
    unreadable_file,
)}
