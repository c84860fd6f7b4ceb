#!/usr/bin/env python3
"""The pydantic round trip: every data/**/*.json is loaded into the generated
models and dumped with DUMP_OPTIONS; the crate must then read the dump as
the same policy: `privacy-policy diff ORIGINAL DUMP` exits 0 and reports no
change (it exits 2 if the dump is not a valid policy).

Usage: roundtrip.py PRIVACY_POLICY_BINARY [ROOT]  (the package must be importable)
"""
import json
import pathlib
import subprocess
import sys
import tempfile

from matrix_privacy_policy_schema import InvalidPolicy, dump, load


def main():
    binary = sys.argv[1]
    root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else pathlib.Path(__file__).resolve().parents[3])
    failures = 0
    documents = sorted((root / "data").rglob("*.json"))
    identical = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in documents:
            original = json.loads(path.read_text(encoding="utf-8"))
            dumped = dump(load(original))
            identical += dumped == original
            out = pathlib.Path(tmp) / path.name
            out.write_text(json.dumps(dumped, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            diff = subprocess.run([binary, "diff", str(path), str(out), "--format", "json"],
                                  capture_output=True, text=True, check=False)
            changes = json.loads(diff.stdout).get("changes") if diff.returncode == 0 else None
            if changes != []:
                failures += 1
                print(f"{path.relative_to(root)}: round trip differs (exit {diff.returncode}): "
                      f"{(diff.stdout or diff.stderr)[:600]}")
    # Absent, never null: load() rejects what the schema rejects.
    for name in ("null-optional-url", "null-optional-purposes"):
        doc = json.loads((root / "tests" / "conformance" / "invalid" / f"{name}.json").read_text(encoding="utf-8"))
        try:
            load(doc)
            failures += 1
            print(f"load() accepted tests/conformance/invalid/{name}.json")
        except InvalidPolicy:
            pass
    if failures:
        return 1
    print(f"pydantic round trip: {len(documents)} documents loaded and dumped; privacy-policy diff reports "
          f"no change for any ({identical} dumps are even equal as JSON values)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
