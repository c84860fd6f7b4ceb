#!/usr/bin/env python3
"""Regenerate the generated blocks of README.md (the rule catalog, the
history table and example outputs) from the CLI. Tests fail when they are
stale.

Usage: python3 scripts/update-readme.py
"""
import json
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
BLOCKS = {
    "rules": ["rules", "--format", "markdown"],
    "history": ["history", "--format", "markdown"],
}
# Example outputs, shown as a terminal session in a ```text block
# (tests/people.rs builds the same block and compares).
EXAMPLES = {
    "show-data": ["show", "--data", "ip_address", "--width", "80"],
    "validate-broken": ["validate", "examples/broken.json"],
}


def run(args):
    return subprocess.run(
        ["cargo", "run", "--quiet", "--", *args], cwd=ROOT, check=False, capture_output=True, text=True
    ).stdout


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    blocks = {name: run(args) for name, args in BLOCKS.items()}
    for name, args in EXAMPLES.items():
        shown = [a for a in args if a not in ("--width", "80")]
        blocks[name] = "```text\n$ privacy-policy " + " ".join(shown) + "\n" + run(args) + "```\n"
    for name, out in blocks.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text, n = pattern.subn(lambda m: m.group(1) + out + m.group(2), text)
        if n != 1:
            raise SystemExit(f"README.md: no <!-- {name}:start/end --> block")
    # The table of diagnostic codes, from the `codes!` table of src/load/code.rs
    # (src/load/code.rs's `readme_lists_every_code` test compares).
    code_rs = (ROOT / "src/load/code.rs").read_text(encoding="utf-8")
    def unquote(meaning):
        return meaning.replace(chr(92) + chr(34), chr(34))

    rows = re.findall(r'^\s+\w+ = "([a-z0-9-]+)", (\w+), "((?:[^"\\]|\\.)*)";$', code_rs, re.M)
    table = "| stage | code | meaning |\n|---|---|---|\n" + "".join(
        f"| {kind.lower()} | `{code}` | {unquote(meaning)} |\n" for code, kind, meaning in rows
    )
    text, n = re.subn(r"\| stage \| code \| meaning \|\n(?:\|.*\|\n)+", lambda m: table, text)
    if n != 1:
        raise SystemExit("README.md: no table of diagnostic codes")
    # Counts quoted in prose ("Found 3 changes against 111 rules") are the catalog's.
    rules = len(json.loads(run(["rules", "--format", "json"])))
    text = re.sub(r"against \d+ rules", f"against {rules} rules", text)
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
