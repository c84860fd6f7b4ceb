#!/usr/bin/env python3
"""Regenerates tests/corpus/bad/ from tests/fixtures/minimal.json.

Each file is the minimal fixture with one defect (or a small standalone text
for byte- and syntax-level defects). tests/bad_inputs.rs says, for each file,
which error it must produce and where. Run from the crate root:

    python3 tests/corpus/generate.py
"""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent.parent
base = (root / "tests/fixtures/minimal.json").read_text()
out = root / "tests/corpus/bad"
out.mkdir(parents=True, exist_ok=True)


def mutate(name, old, new, *more):
    """Replaces the first `old` with `new` (then each further pair in `more`)."""
    text = base
    pairs = [(old, new)] + [(more[i], more[i + 1]) for i in range(0, len(more), 2)]
    for o, n in pairs:
        assert o in text, (name, o)
        text = text.replace(o, n, 1)
    (out / name).write_text(text)


# Bytes and syntax.
(out / "empty.json").write_bytes(b"")
(out / "truncated.json").write_text(base[: base.index('"kind": "hosting"') + 12])
(out / "not_utf8.json").write_bytes(base.replace("Example Street", "Example Stra\xdfe").encode("latin-1"))
(out / "bom.json").write_bytes(b"\xef\xbb\xbf" + base.encode())
(out / "trailing_content.json").write_text(base + "{}\n")
mutate("duplicate_key_top.json", '  "language": "en",\n', '  "language": "en",\n  "title": "Again",\n')
mutate(
    "duplicate_key_nested.json",
    '"id": "federation",\n',
    '"id": "federation",\n          "id": "federation_again",\n',
)

# Schema.
mutate("unknown_field.json", '"legal_form"', '"legal_from"')
mutate("wrong_type.json", '"optional": false', '"optional": "no"')
mutate("null_required.json", '"title": "Example.org Homeserver Privacy Notice"', '"title": null')
mutate("invalid_semver.json", '"version": "1.1.0",\n  "title"', '"version": "1.1",\n  "title"')
mutate("bad_duration.json", '"P90D"', '"P1W"')
mutate("bad_retention_kind.json", '"kind": "fixed"', '"kind": "fixd"')
mutate("unknown_right.json", '"right": "access"', '"right": "acess"')
mutate("javascript_url.json", '"https://hosting.example.com/privacy"', '"javascript:alert(1)"')
mutate("url_with_credentials.json", '"url": "https://example.org/privacy"', '"url": "https://user:secret@example.org/privacy"')
mutate("missing_field.json", '      "source": "collected_automatically",\n', "")

# Typed.
mutate("impossible_date.json", '"2024-02-29"', '"2023-02-30"')

# Semantic.
mutate(
    "dangling_reference.json",
    '"data": ["ip_address"],\n      "sections": ["why_we_process_your_data"',
    '"data": ["ip_adress"],\n      "sections": ["why_we_process_your_data"',
)
mutate("duplicate_id.json", '"id": "tls"', '"id": "password_hashing"')
mutate(
    "history_unordered.json",
    '{ "version": "1.0.1", "date": "2023-06-14"',
    '{ "version": "0.9.0", "date": "2023-06-14"',
)
mutate(
    "history_dates_unordered.json",
    '{ "version": "1.0.1", "date": "2023-06-14"',
    '{ "version": "1.0.1", "date": "2023-05-14"',
)
mutate("history_last_not_version.json", '"version": "1.1.0",\n  "title"', '"version": "1.2.0",\n  "title"')
mutate("control_character.json", "We do not profile users.", "We do not profile users.\\u001b[2J")
mutate(
    "unused_data_category.json",
    '"data": ["account", "ip_address"]',
    '"data": ["account"]',
    '"data": ["ip_address"],\n      "sections": ["why_we_process_your_data"',
    '"data": ["account"],\n      "sections": ["why_we_process_your_data"',
)
mutate("contact_unreachable.json", '      "email": "dpo@example.org",\n', "")
mutate("duplicate_openness.json", '"openness": 2', '"openness": 1')
