"""The long fuzzing campaign: `python -m fuzz.run --documents 100000 --workbooks 5000`.

Case N of a campaign is generated from `random.Random(f"{seed}:{target}:{N}")`, so any
case can be made again from the seed and its number (`--only documents:N`).  Each
failing case is saved once per failure signature under `--out` (default fuzz/out/):
the input, and a .txt note with the seed, the mutations and what broke.  A progress
line goes to stderr; the summary ends with one line per signature.  Exit 0 when no
case broke a hard promise (crash, internal error, exit code, time, lost document),
1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fuzz.targets import Failure, Limits, Verdict, check_import, check_loader, check_validate

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ["json", "json", "json", "text", "github", "sarif"]
# Failures that break a hard promise; the rest ("differential", "misnamed-syntax") are
# findings about the loader's consistency and naming, and "generator" a bug of the fuzzer
# itself: reported, but not fatal.
SOFT_KINDS = frozenset({"differential", "misnamed-syntax", "generator"})


@dataclass
class CaseResult:
    target: str
    number: int
    failures: list[Failure]
    notes: list[str]
    suffix: str
    content: bytes | None  # kept only when the case failed
    seconds: float


def _document_case(seed: str, number: int, limits: Limits, skip: frozenset[str], pure_every: int = 1) -> CaseResult:
    from fuzz.documents import hostile_document

    rnd = random.Random(f"{seed}:documents:{number}")
    try:
        doc = hostile_document(rnd, skip=skip)
    except Exception:  # the fuzzer's own bug: recorded, and the campaign goes on
        return _generator_failure("documents", number)
    output_format, lang = rnd.choice(FORMATS), rnd.choice(["zh", "zh", "en"])
    loader = check_loader(doc.name, doc.content, limits, differential=number % pure_every == 0)
    validate = check_validate(doc.name, doc.content, output_format=output_format, lang=lang, limits=limits)
    failures = loader.failures + validate.failures
    notes = [f"file name: {doc.name}", f"validate --format {output_format} --lang {lang}", *doc.notes]
    return CaseResult("documents", number, failures, notes, ".yaml.fuzz", doc.content if failures else None,
                      loader.seconds + validate.seconds)


def _workbook_case(seed: str, number: int, limits: Limits, skip: frozenset[str]) -> CaseResult:
    from fuzz.workbooks import hostile_workbook

    rnd = random.Random(f"{seed}:workbooks:{number}")
    try:
        book = hostile_workbook(rnd, skip=skip)
    except Exception:  # the fuzzer's own bug: recorded, and the campaign goes on
        return _generator_failure("workbooks", number)
    verdict: Verdict = check_import(book.content, book.expected_documents, limits=limits)
    notes = [f"expected documents: {book.expected_documents}", *book.notes]
    return CaseResult("workbooks", number, verdict.failures, notes, ".xlsx",
                      book.content if verdict.failures else None, verdict.seconds)


def _generator_failure(target: str, number: int) -> CaseResult:
    tb = traceback.format_exc()
    last = tb.strip().splitlines()[-1]
    failure = Failure("generator", "generator", f"making the case failed: {last}",
                      f"generator:{target}:{last.split(':')[0]}", tb)
    return CaseResult(target, number, [failure], [], ".case", b"", 0.0)


def _job(task: tuple[str, str, int, Limits, frozenset[str], int]) -> CaseResult:
    target, seed, number, limits, skip, pure_every = task
    if target == "documents":
        return _document_case(seed, number, limits, skip, pure_every)
    return _workbook_case(seed, number, limits, skip)


def _save(result: CaseResult, failure: Failure, out: Path, seed: str, flags: str) -> Path:
    digest = hashlib.sha1(failure.signature.encode()).hexdigest()[:10]
    stem = f"{result.target}-{failure.kind}-{digest}"
    out.mkdir(parents=True, exist_ok=True)
    assert result.content is not None
    (out / (stem + result.suffix)).write_bytes(result.content)
    note = [f"signature: {failure.signature}",
            f"reproduce: python -m fuzz.run --seed {seed}{flags} --only {result.target}:{result.number}",
            *result.notes, "", failure.detail]
    if failure.traceback:
        note += ["", failure.traceback]
    (out / (stem + ".txt")).write_text("\n".join(note) + "\n", encoding="utf-8")
    return out / (stem + result.suffix)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000, help="hostile YAML documents to try (default 1000)")
    parser.add_argument("--workbooks", type=int, default=100, help="hostile workbooks to try (default 100)")
    parser.add_argument("--seed", default=None, help="campaign seed (default: a new one, printed)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz" / "out", help="where reproducers go")
    parser.add_argument("--cpu-seconds", type=float, default=5.0, help="CPU bound per case (default 5)")
    parser.add_argument("--wall-seconds", type=float, default=30.0, help="a case is stopped after this (default 30)")
    parser.add_argument("--memory-mb", type=int, default=4096,
                        help="address-space limit per process, so a blow-up is a MemoryError (default 4096; 0: none)")
    parser.add_argument("--skip-known", action="store_true",
                        help="do not draw mutations that hit crashes still open in fuzz/known.py")
    parser.add_argument("--pure-every", type=int, default=1, metavar="N",
                        help="compare with the pure-Python parser on every Nth document (default 1: all); it is "
                             "half a case's time, so a long run may sample it")
    parser.add_argument("--only", default=None, metavar="TARGET:N", help="run one case again, e.g. documents:1234")
    args = parser.parse_args(argv)

    seed = args.seed or hashlib.sha1(os.urandom(16)).hexdigest()[:12]
    limits = Limits(args.cpu_seconds, args.wall_seconds)
    skip: frozenset[str] = frozenset()
    if args.skip_known:
        from fuzz.known import UNFIXED_MUTATIONS

        skip = frozenset(UNFIXED_MUTATIONS)
    if args.only:
        target, _, number = args.only.partition(":")
        tasks = [(target, seed, int(number), limits, skip, 1)]
    else:
        every = max(args.pure_every, 1)
        tasks = [("documents", seed, n, limits, skip, every) for n in range(args.documents)]
        tasks += [("workbooks", seed, n, limits, skip, every) for n in range(args.workbooks)]
    what = f"case {args.only}" if args.only else f"{args.documents} documents, {args.workbooks} workbooks"
    print(f"fuzz: seed {seed}; {what}, {args.jobs} job(s); reproducers in {args.out}", file=sys.stderr)

    counts: Counter[str] = Counter()
    failing_cases: Counter[str] = Counter()
    signatures: Counter[str] = Counter()
    first: dict[str, tuple[Failure, Path]] = {}
    start = last = time.monotonic()
    executor = ProcessPoolExecutor(args.jobs, initializer=_limit_memory, initargs=(args.memory_mb,)) \
        if args.jobs > 1 else None
    if executor is None:
        _limit_memory(args.memory_mb)
    results = executor.map(_job, tasks, chunksize=4) if executor else map(_job, tasks)
    try:
        for done, result in enumerate(results, 1):
            counts[result.target] += 1
            if result.failures:
                failing_cases[result.target] += 1
            for failure in result.failures:
                signatures[failure.signature] += 1
                if failure.signature not in first:
                    flags = " --skip-known" if args.skip_known else ""
                    first[failure.signature] = (failure, _save(result, failure, args.out, seed, flags))
                    print(f"\nfuzz: NEW {failure.signature}: {failure.detail.splitlines()[0][:160]}", file=sys.stderr)
            now = time.monotonic()
            if now - last >= 2 or done == len(tasks):
                last = now
                rate = done / max(now - start, 1e-9)
                print(f"\rfuzz: {counts['documents']} documents, {counts['workbooks']} workbooks "
                      f"of {len(tasks)} cases, {sum(failing_cases.values())} failing, "
                      f"{len(signatures)} signatures, {rate:.1f} cases/s", end="", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        print("\nfuzz: interrupted", file=sys.stderr)
    finally:
        if executor:
            executor.shutdown(cancel_futures=True)
    hard = {s: n for s, n in signatures.items() if first[s][0].kind not in SOFT_KINDS}
    print(file=sys.stderr)
    print(f"fuzz: seed {seed}: {counts['documents']} documents, {counts['workbooks']} workbooks in "
          f"{time.monotonic() - start:.0f} s; {sum(failing_cases.values())} failing cases, "
          f"{len(hard)} hard failure signature(s), {len(signatures) - len(hard)} soft; reproducers in {args.out}")
    for signature, number in signatures.most_common():
        failure, path = first[signature]
        label = "soft" if failure.kind in SOFT_KINDS else "FAIL"
        print(f"  {label} {number:6d}× {signature}  ->  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 1 if hard else 0


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space so a memory blow-up is a MemoryError, not a dead machine."""
    if megabytes <= 0:
        return
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform
        pass


if __name__ == "__main__":
    sys.exit(main())
