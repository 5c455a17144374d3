"""JUnit XML, the test report GitLab (artifacts:reports:junit) and Jenkins (the junit step) show.

One <testsuite> per file checked and one <testcase> per problem, so both UIs list
every problem under its file; a clean file gets one passing testcase, so the
count of tests is the count of files and problems, not zero on a clean run.
GitLab shows a testcase's `classname` as its suite and `name` as its name, and
keeps only the first of two testcases with the same pair; Jenkins splits
`classname` at its last dot into package and class.  So `classname` is the
file's path without `.yaml`, its folders joined by dots (package = folder,
class = file in Jenkins), and each `name` starts with line:column and rule and
is made unique in its file.

A problem is a <failure> when it fails the run (errors; warnings too with
--strict), a passing testcase with the message in <system-out> otherwise, so the
report agrees with the exit code; catalogtool's own internal errors are <error>.
Nothing depends on the clock or the machine (time="0", no timestamp or host), so
the same inputs give the same bytes.  Characters XML 1.0 cannot carry (most
control characters) are written as visible escapes such as `\\x01`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from typing import TextIO

from catalogtool.engine import INTERNAL_ERROR, RunResult
from catalogtool.problems import Level, Message, Problem
from catalogtool.reporters.levels import level_name

NAME_MESSAGE_CHARS = 80
_SUFFIX = re.compile(r"\.ya?ml$", re.IGNORECASE)
# What XML 1.0 does not allow (§2.2 Char): C0 controls other than tab, LF and CR; lone surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` with each character XML 1.0 cannot hold written as a visible escape instead."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def classname(file: str) -> str:
    """`lists/access-list.yaml` → `lists.access-list`: Jenkins shows folder as package, file as class."""
    return ".".join(part for part in _SUFFIX.sub("", file).replace("\\", "/").split("/") if part) or file


def _fails(problem: Problem, strict: bool) -> bool:
    return problem.level is Level.ERROR or (strict and problem.level is Level.WARNING)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= NAME_MESSAGE_CHARS else line[:NAME_MESSAGE_CHARS] + "…"


def _testcase(suite: ET.Element, problem: Problem, name: str, lang: str, strict: bool) -> None:
    case = ET.SubElement(suite, "testcase", {"name": xml_text(name), "classname": xml_text(classname(problem.file)),
                                             "time": "0"})
    message = problem.message.text(lang)
    field = Message("字段路径：", "JSON pointer: ").text(lang)
    body = (f"{problem.file}:{problem.line}:{problem.column} {level_name(problem.level, lang)} [{problem.rule}] {message}"
            + (f"\n{field}{problem.pointer}" if problem.pointer else ""))
    if problem.rule == INTERNAL_ERROR or _fails(problem, strict):
        tag = "error" if problem.rule == INTERNAL_ERROR else "failure"
        failure = ET.SubElement(case, tag, {"message": xml_text(message), "type": xml_text(problem.rule)})
        failure.text = xml_text(body)
    else:
        ET.SubElement(case, "system-out").text = xml_text(body)


def as_element(result: RunResult, lang: str, strict: bool) -> ET.Element:
    by_file: dict[str, list[Problem]] = {report.file: [] for report in result.files}
    for problem in result.problems:
        by_file.setdefault(problem.file, []).append(problem)
    root = ET.Element("testsuites", {"name": "catalogtool"})
    totals = Counter[str]()
    for file, problems in by_file.items():
        suite = ET.SubElement(root, "testsuite", {"name": xml_text(file)})
        failures = sum(1 for p in problems if p.rule != INTERNAL_ERROR and _fails(p, strict))
        errors = sum(1 for p in problems if p.rule == INTERNAL_ERROR)
        tests = len(problems) or 1
        suite.attrib.update({"tests": str(tests), "failures": str(failures), "errors": str(errors),
                             "skipped": "0", "time": "0", "file": xml_text(file)})
        totals.update({"tests": tests, "failures": failures, "errors": errors})
        if not problems:
            ET.SubElement(suite, "testcase", {"name": Message("全部检查通过", "all checks passed").text(lang),
                                              "classname": xml_text(classname(file)), "time": "0"})
        seen = Counter[str]()
        for problem in problems:
            name = f"{problem.line}:{problem.column} [{problem.rule}] {_first_line(problem.message.text(lang))}"
            seen[name] += 1
            _testcase(suite, problem, name if seen[name] == 1 else f"{name} ({seen[name]})", lang, strict)
    root.attrib.update({"tests": str(totals["tests"]), "failures": str(totals["failures"]),
                        "errors": str(totals["errors"]), "time": "0"})
    return root


def report(result: RunResult, lang: str, strict: bool, out: TextIO) -> None:
    root = as_element(result, lang, strict)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
