#!/usr/bin/env python3
"""Writes the conformance corpus: mutations of tests/fixtures/minimal.json.

    valid/     every validator accepts (the crate, Python jsonschema, jschon, Ajv)
    invalid/   every validator rejects: the schema decides
    semantic/  the schema accepts, only the crate's loader rejects (README.md lists why)

Run from anywhere: python3 tests/conformance/generate.py (rewrites the three folders).
"""
import copy
import json
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
BASE = json.loads((HERE.parent / "fixtures" / "minimal.json").read_text(encoding="utf-8"))
MAX = 2**53 - 1


def raw(token):
    """A number written exactly as `token` (Python's json would normalise it)."""
    return f"__RAW__{token}__"


def at(doc, path):
    for key in path[:-1]:
        doc = doc[key]
    return doc, path[-1]


def setv(path, value):
    def m(doc):
        parent, key = at(doc, path)
        parent[key] = value
    return m


def delv(path):
    def m(doc):
        parent, key = at(doc, path)
        del parent[key]
    return m


def both(*ms):
    def m(doc):
        for x in ms:
            x(doc)
    return m


PARAM = ["security_measures", 0, "parameters", 1, "value"]
AGE = ["children", "minimum_age"]
URL = ["recipients", 0, "privacy_policy"]
EMAIL = ["contacts", 0, "email"]

VALID = {
    "minimal": lambda d: None,
    "url-port-and-percent-encoding": setv(URL, "https://hosting.example.com:8448/privacy%20notice"),
    "url-query-and-fragment": setv(URL, "https://hosting.example.com/p?a=1&b=2#top"),
    "url-idna-host": setv(URL, "https://xn--bcher-kva.example/privacy"),
    "url-at-in-path": setv(URL, "https://matrix.to/#/@gdpr:matrix.org"),
    "email-dots-and-plus": setv(EMAIL, "first.last+dpo@mail.example.org"),
    "email-atext-symbols": setv(EMAIL, "o'brien_{x}|y~z@example.org"),
    "integer-at-2^53-1": setv(PARAM, MAX),
    "integer-at-minus-2^53-1": setv(PARAM, -MAX),
    "minimum-age-0": setv(AGE, 0),
    "minimum-age-25": setv(AGE, 25),
    "openness-255": setv(["history_visibility", 1, "openness"], 255),
    "optional-fields-absent": both(
        delv(["url"]), delv(["controller", "legal_form"]), delv(["controller", "address"]),
        delv(["children"]), delv(["profiling"]), delv(["supervisory_authority"]),
    ),
    "empty-optional-arrays-written": both(
        setv(["recipients", 0, "purposes"], []),
        setv(["statements", 0, "commitment"], False),
    ),
    "unicode-text": setv(["controller", "description"], "Überall 例え 🙂 — text may be any Unicode but controls."),
    "schema-keyword": setv(["$schema"], "https://github.com/matrix-org/matrix-privacy-policy/raw/schema-v1.1.0/schema/privacy-policy.schema.json"),
    "period-zero-days": setv(["retention", 0, "retention"], {"kind": "fixed", "period": "P0D"}),
    "leap-day": setv(["history", 2, "date"], "2024-02-29"),
    "parameter-bool-and-text": both(setv(PARAM, True), setv(["security_measures", 0, "parameters", 0, "value"], "argon2id")),
}

INVALID = {
    "minimum-age-26": setv(AGE, 26),
    "minimum-age-negative": setv(AGE, -1),
    "minimum-age-fraction": setv(AGE, 16.5),
    "minimum-age-string": setv(AGE, "16"),
    "integer-2^70": setv(PARAM, 2**70),
    "integer-2^53": setv(PARAM, 2**53),
    "integer-minus-2^53": setv(PARAM, -(2**53)),
    "integer-1e300": setv(PARAM, raw("1e300")),
    "integer-fraction": setv(PARAM, 1.5),
    "parameter-null": setv(PARAM, None),
    "email-double-dot": setv(EMAIL, "a..b@matrix.org"),
    "email-leading-dot": setv(EMAIL, ".a@matrix.org"),
    "email-single-label-domain": setv(EMAIL, "dpo@localhost"),
    "email-non-ascii": setv(EMAIL, "dpö@matrix.org"),
    "email-space": setv(EMAIL, "d po@matrix.org"),
    "email-two-ats": setv(EMAIL, "a@@matrix.org"),
    "email-quoted-local-part": setv(EMAIL, "\"a b\"@matrix.org"),
    "url-bad-percent-encoding": setv(URL, "https://matrix.org/%zz"),
    "url-credentials": setv(URL, "https://user:pw@matrix.org/"),
    "url-javascript": setv(URL, "javascript:alert(1)"),
    "url-ftp": setv(URL, "ftp://matrix.org/"),
    "url-space-in-host": setv(URL, "https://matr ix.org/"),
    "url-backslash": setv(URL, "https://evil.example\\.matrix.org/"),
    "url-cyrillic-host": setv(URL, "https://m\u0430trix.org/"),
    "url-non-ascii-path": setv(URL, "https://matrix.org/priv\u00e4cy"),
    "url-port-too-long": setv(URL, "https://matrix.org:123456/"),
    "url-empty-host": setv(URL, "https:///privacy"),
    "null-optional-url": setv(["url"], None),
    "null-optional-legal-form": setv(["controller", "legal_form"], None),
    "null-optional-purposes": setv(["recipients", 0, "purposes"], None),
    "null-optional-automated-decisions": setv(["profiling", "automated_decisions"], None),
    "null-optional-children": setv(["children"], None),
    "unknown-top-level-field": setv(["extra"], True),
    "unknown-nested-field": setv(["controller", "extra"], True),
    "missing-title": delv(["title"]),
    "empty-services": setv(["services"], []),
    "id-upper-case": setv(["data_categories", 0, "id"], "Account"),
    "id-too-long": setv(["data_categories", 0, "id"], "a" * 65),
    "version-not-semver": setv(["version"], "1.1"),
    "period-weeks": setv(["retention", 0, "retention"], {"kind": "fixed", "period": "P1W"}),
    "period-time-part": setv(["retention", 0, "retention"], {"kind": "fixed", "period": "PT1H"}),
    "retention-unknown-kind": setv(["retention", 0, "retention"], {"kind": "forever"}),
    "date-month-13": setv(["history", 0, "date"], "2023-13"),
    "legal-basis-unknown": setv(["purposes", 0, "legal_bases"], ["consented"]),
    "language-upper-case": setv(["language"], "EN"),
    "country-lower-case": setv(["controller", "address", "country"], "gb"),
    "openness-0": setv(["history_visibility", 0, "openness"], 0),
    "openness-256": setv(["history_visibility", 1, "openness"], 256),
    "commitment-string": setv(["statements", 0, "commitment"], "yes"),
}

SEMANTIC = {
    "minimum-age-16.0": setv(AGE, 16.0),
    "minimum-age-1e1": setv(AGE, raw("1e1")),
    "date-does-not-exist": setv(["history", 0, "date"], "2023-02-30"),
    "dangling-reference": setv(["purposes", 0, "data"], ["account", "no_such_category"]),
    "duplicate-id": setv(["data_categories", 1, "id"], "account"),
    "history-version-mismatch": setv(["version"], "1.2.0"),
    "history-version-order": setv(["history", 1, "version"], "0.9.0"),
    "contact-unreachable": delv(["contacts", 0, "email"]),
    "duplicate-openness": setv(["history_visibility", 1, "openness"], 1),
    "control-character": setv(["controller", "description"], "Bell \u0007 inside."),
    "bidi-override": setv(["controller", "description"], "Reversed \u202e text."),
    "duplicate-right": lambda d: d["rights"].append(copy.deepcopy(d["rights"][0])),
    "duplicate-parameter": setv(["security_measures", 0, "parameters", 1, "name"], "algorithm"),
}

# Text the JSON serializer cannot produce: a key written twice.
SEMANTIC_RAW = {
    "duplicate-key": lambda text: text.replace('"title": ', '"title": "First title",\n  "title": ', 1),
}


def write(folder, name, mutate, raw_edit=None):
    doc = copy.deepcopy(BASE)
    mutate(doc)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    while "__RAW__" in text:
        start = text.index('"__RAW__')
        end = text.index('__"', start + 8) + 3
        text = text[:start] + text[start + 8 : end - 3] + text[end:]
    if raw_edit:
        text = raw_edit(text)
    (HERE / folder / f"{name}.json").write_text(text, encoding="utf-8")


def main():
    for folder in ("valid", "invalid", "semantic"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
        (HERE / folder).mkdir()
    for name, m in VALID.items():
        write("valid", name, m)
    for name, m in INVALID.items():
        write("invalid", name, m)
    for name, m in SEMANTIC.items():
        write("semantic", name, m)
    for name, edit in SEMANTIC_RAW.items():
        write("semantic", name, lambda d: None, edit)
    total = len(VALID) + len(INVALID) + len(SEMANTIC) + len(SEMANTIC_RAW)
    print(f"{len(VALID)} valid, {len(INVALID)} invalid, {len(SEMANTIC) + len(SEMANTIC_RAW)} semantic: {total} documents")


if __name__ == "__main__":
    main()
