#!/usr/bin/env python3
"""Validate every data/**/*.json against the committed schema with an
independent implementation: Python `jsonschema`, Draft 2020-12, format
checking on. Also checks that the schema itself is a valid Draft 2020-12
schema and that it rejects unknown fields.

Usage: python scripts/validate_data.py [ROOT]   (ROOT defaults to the repository)
"""
import copy
import json
import pathlib
import sys

import jsonschema
from jsonschema import Draft202012Validator


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    schema = json.loads((root / "schema" / "privacy-policy.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    documents = sorted((root / "data").rglob("*.json"))
    if not documents:
        print("no documents under data/", file=sys.stderr)
        return 1
    failed = 0
    for path in documents:
        doc = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            pointer = "/" + "/".join(str(p) for p in e.absolute_path)
            print(f"{path.relative_to(root)}: {pointer}: {e.message[:200]}")
        failed += bool(errors)
        # Closed objects: an unknown field must be rejected.
        probe = copy.deepcopy(doc)
        probe["unknown_field"] = True
        if validator.is_valid(probe):
            print(f"{path.relative_to(root)}: the schema accepted an unknown top-level field")
            failed += 1
    passed = len(documents) - failed
    print(f"Python jsonschema (Draft 2020-12, formats checked): "
          f"{len(documents)} documents checked")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
