"""Checks an XML document against the part of XML Schema that the JUnit XSDs use.

No XSD validator (lxml, xmlschema) is among the locked test dependencies, and
the JUnit schemas Jenkins ships use only a small part of XML Schema: global
elements, inline or named complex types made of sequences and choices of
element references, attributes (some required) and string types restricted by a
pattern.  This reads such a schema and reports, for a document, every element
not allowed where it stands, every attribute undeclared, missing or not matching
its pattern, every text in an element-only content and every element that
occurs more often than a plain sequence allows.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

XS = "{http://www.w3.org/2001/XMLSchema}"


@dataclass
class _Type:
    text_allowed: bool
    children: dict[str, str] = field(default_factory=dict)  # child element name -> global element it is
    max_once: set[str] = field(default_factory=set)  # children of a plain sequence, at most once
    attributes: dict[str, tuple[bool, str | None]] = field(default_factory=dict)  # name -> (required, pattern)


class Schema:
    def __init__(self, path: Path) -> None:
        root = ET.parse(path).getroot()
        self._patterns = {
            simple.get("name", ""): [p.get("value", "") for p in simple.iter(f"{XS}pattern")]
            for simple in root.findall(f"{XS}simpleType")
        }
        self._named = {ct.get("name", ""): ct for ct in root.findall(f"{XS}complexType")}
        self.elements: dict[str, _Type] = {}
        for element in root.findall(f"{XS}element"):
            self.elements[element.get("name", "")] = self._element_type(element)

    def _element_type(self, element: ET.Element) -> _Type:
        type_name = element.get("type")
        if type_name == "xs:string":
            return _Type(text_allowed=True)
        complex_type = self._named[type_name] if type_name else element.find(f"{XS}complexType")
        assert complex_type is not None, f"unsupported element declaration {element.attrib}"
        result = _Type(text_allowed=complex_type.get("mixed") == "true")
        for particle in complex_type.iter(f"{XS}element"):
            name = particle.get("ref") or particle.get("name", "")
            result.children[name] = name
            if particle.get("name"):  # a local element: its own type
                self.elements.setdefault(name, self._element_type(particle))
        for sequence in complex_type.findall(f"{XS}sequence"):
            for particle in sequence.findall(f"{XS}element"):
                if particle.get("maxOccurs", "1") == "1":
                    result.max_once.add(particle.get("ref") or particle.get("name", ""))
        for attribute in complex_type.iter(f"{XS}attribute"):
            patterns = self._patterns.get(attribute.get("type", ""), [])
            result.attributes[attribute.get("name", "")] = (attribute.get("use") == "required",
                                                            patterns[0] if patterns else None)
        return result

    def errors(self, document: ET.Element) -> list[str]:
        """Every way `document` breaks the schema; empty when it is valid."""
        if document.tag not in self.elements:
            return [f"root element <{document.tag}> is not declared"]
        out: list[str] = []
        self._check(document, document.tag, out)
        return out

    def _check(self, element: ET.Element, path: str, out: list[str]) -> None:
        declared = self.elements[element.tag]
        for name, value in element.attrib.items():
            if name not in declared.attributes:
                out.append(f"{path}: attribute {name} is not declared")
                continue
            pattern = declared.attributes[name][1]
            if pattern is not None and re.fullmatch(pattern, value) is None:
                out.append(f"{path}: attribute {name}={value!r} does not match {pattern}")
        for name, (required, _) in declared.attributes.items():
            if required and name not in element.attrib:
                out.append(f"{path}: required attribute {name} is missing")
        texts = [element.text or "", *(child.tail or "" for child in element)]
        if not declared.text_allowed and any(text.strip() for text in texts):
            out.append(f"{path}: text is not allowed here")
        counts: dict[str, int] = {}
        for child in element:
            counts[child.tag] = counts.get(child.tag, 0) + 1
            if child.tag not in declared.children:
                out.append(f"{path}: element <{child.tag}> is not allowed here")
                continue
            self._check(child, f"{path}/{child.tag}", out)
        out.extend(f"{path}: <{tag}> occurs {n} times, at most once allowed"
                   for tag, n in counts.items() if n > 1 and tag in declared.max_once)
