#!/usr/bin/env python3
"""Regenerate the generated blocks of README.md (the rule catalog and the
history table) from the CLI. Tests fail when they are stale.

Usage: python3 scripts/update-readme.py
"""
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
BLOCKS = {
    "rules": ["rules", "--format", "markdown"],
    "history": ["history", "--format", "markdown"],
}


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    for name, args in BLOCKS.items():
        out = subprocess.run(
            ["cargo", "run", "--quiet", "--", *args], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text, n = pattern.subn(lambda m: m.group(1) + out + m.group(2), text)
        if n != 1:
            raise SystemExit(f"README.md: no <!-- {name}:start/end --> block")
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
