#!/usr/bin/env python3
"""Runs every code block of README.md between `<!-- interop:start -->` and
`<!-- interop:end -->`, in order, from the repository root, as a reader would:

    sh          bash -euo pipefail (PATH has the freshly built `privacy-policy`)
    python      .venv/bin/python (the virtual environment the README's sh block makes)
    ts          compiled with `tsc --strict` against the built TypeScript package
                (bindings/typescript, linked as @matrix-org/privacy-policy-schema), then run by node
    json, text  not run (output shown for reading)

Usage: check_readme_snippets.py PRIVACY_POLICY_BINARY_DIR [ROOT]. Exit 1 when a block fails.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile


def blocks(readme):
    section = readme.split("<!-- interop:start -->", 1)[1].split("<!-- interop:end -->", 1)[0]
    return [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w+)\n(.*?)^```$", section, re.S | re.M)]


def run_ts(code, root, n):
    ts = root / "bindings" / "typescript"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        scope = tmp / "node_modules" / "@matrix-org"
        scope.mkdir(parents=True)
        (scope / "privacy-policy-schema").symlink_to(ts)
        (tmp / "node_modules" / "@types").symlink_to(ts / "node_modules" / "@types")
        (tmp / f"snippet{n}.ts").write_text(code, encoding="utf-8")
        (tmp / "tsconfig.json").write_text(
            '{"compilerOptions": {"strict": true, "module": "commonjs", "target": "ES2020", '
            '"esModuleInterop": true, "types": ["node"], "outDir": "out"}, "files": ["snippet%d.ts"]}' % n,
            encoding="utf-8")
        compiled = subprocess.run([str(ts / "node_modules" / ".bin" / "tsc"), "-p", str(tmp)], cwd=tmp)
        if compiled.returncode != 0:
            return compiled.returncode
        return subprocess.run(["node", str(tmp / "out" / f"snippet{n}.js")], cwd=root).returncode


def main():
    bin_dir = pathlib.Path(sys.argv[1]).resolve()
    root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else pathlib.Path(__file__).resolve().parents[1])
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    ran = 0
    for n, (lang, code) in enumerate(blocks((root / "README.md").read_text(encoding="utf-8")), 1):
        if lang in ("json", "text"):
            continue
        print(f"--- README interop block {n} ({lang})", flush=True)
        if lang == "sh":
            rc = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=root, env=env).returncode
        elif lang == "python":
            rc = subprocess.run([str(root / ".venv" / "bin" / "python"), "-c", code], cwd=root, env=env).returncode
        elif lang == "ts":
            rc = run_ts(code, root, n)
        else:
            print(f"README interop block {n}: no runner for `{lang}`")
            return 1
        if rc != 0:
            print(f"README interop block {n} ({lang}) failed with exit {rc}:\n{code}")
            return 1
        ran += 1
    (root / "matrix-org.jsonld").unlink(missing_ok=True)
    print(f"README: {ran} cross-language snippets ran")
    return 0 if ran else 1


if __name__ == "__main__":
    sys.exit(main())
