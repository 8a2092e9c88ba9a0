#!/usr/bin/env python3
"""Checks printed books with `pdfua check` (PyPI's pdfua, the machine-checkable
part of PDF/UA-1: 16 of its 106 rules) and fails on any ERROR finding and on
any link or other annotation without a description (UA-18-005, UA-18-001,
which pdfua reports as warnings). Every finding is printed.

Usage: pdfua_check.py BOOK.pdf [BOOK.pdf ...]   (pdfua on PATH, or $PDFUA)
Exits 0 when every book passes, 1 when one fails, 2 when the tool cannot run.
"""

import json
import os
import shutil
import subprocess
import sys

# Findings that fail the check whatever their severity: an undescribed link.
ALWAYS_FAIL = {"UA-18-005", "UA-18-001"}


def check(tool, book):
    """The findings of one book, and the rules pdfua could not evaluate."""
    run = subprocess.run([tool, "check", "--format", "json", book], capture_output=True, text=True)
    # 0 clean, 1-3 findings by severity; 4 unreadable, 5 usage.
    if run.returncode not in (0, 1, 2, 3):
        sys.exit(f"pdfua could not check {book} (exit {run.returncode}): {run.stderr.strip() or run.stdout.strip()}")
    report = json.loads(run.stdout)
    return report.get("findings", []), report.get("skipped", []), report.get("coverage", {})


def main(books):
    tool = os.environ.get("PDFUA") or shutil.which("pdfua")
    if not tool:
        print("pdfua is not installed: pip install pdfua==0.1.3", file=sys.stderr)
        return 2
    if not books:
        print(__doc__, file=sys.stderr)
        return 2
    failed = 0
    for book in books:
        findings, skipped, coverage = check(tool, book)
        bad = [f for f in findings if f.get("severity") == "error" or f.get("rule_id") in ALWAYS_FAIL]
        print(f"{book}: {len(findings)} finding(s), {len(bad)} failing; {coverage.get('summary', '')}")
        for f in findings:
            mark = "FAIL" if f in bad else "note"
            print(f"  [{mark}] {f.get('rule_id')} {f.get('severity')} {f.get('location', '')}: {f.get('message')}")
        for s in skipped:
            print(f"  [skip] {s.get('rule_id')}: {s.get('reason')}")
        failed += bool(bad)
    passed = len(books) - failed
    print(f"pdfua: {passed} of {len(books)} book(s) pass the checks")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
