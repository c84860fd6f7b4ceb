#!/usr/bin/env python3
"""Runs two independent Python validators over the conformance corpus and
every data/**/*.json, and checks each verdict against the folder:
valid/ and data/ accepted, invalid/ rejected, semantic/ accepted (only the
crate's loader rejects those; README.md says why).

    python-jsonschema   Draft202012Validator, format assertion on (the schema has no formats)
    jschon              an independent Draft 2020-12 implementation

Usage: check_python.py [ROOT]  (ROOT defaults to the repository). Exit 1 on any disagreement.
"""
import json
import pathlib
import sys

import jschon
from jsonschema import Draft202012Validator


def documents(root):
    corpus = root / "tests" / "conformance"
    for folder, expected in (("valid", True), ("invalid", False), ("semantic", True)):
        for path in sorted((corpus / folder).glob("*.json")):
            yield path, expected
    for path in sorted((root / "data").rglob("*.json")):
        yield path, True


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
    schema = json.loads((root / "schema" / "privacy-policy.schema.json").read_text(encoding="utf-8"))

    Draft202012Validator.check_schema(schema)
    pyjs = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    jschon.create_catalog("2020-12")
    js = jschon.JSONSchema(schema)
    meta = js.validate()
    if not meta.valid:
        print("jschon: the schema is not a valid 2020-12 schema", file=sys.stderr)
        return 1

    validators = {
        "python-jsonschema": lambda doc: pyjs.is_valid(doc),
        "jschon": lambda doc: js.evaluate(jschon.JSON(doc)).valid,
    }
    failures = 0
    count = 0
    for path, expected in documents(root):
        count += 1
        doc = json.loads(path.read_text(encoding="utf-8"))
        for name, is_valid in validators.items():
            verdict = is_valid(doc)
            if verdict != expected:
                failures += 1
                print(f"DISAGREE {name}: {path.relative_to(root)}: "
                      f"{'accepted' if verdict else 'rejected'}, expected {'accepted' if expected else 'rejected'}")
    for name in validators:
        print(f"{name}: {count} documents, verdicts as expected" if not failures else f"{name}: checked {count} documents")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
