#!/usr/bin/env python3
"""Checks `privacy-policy export --format jsonld` with real linked-data tools:

1. pyld expands every release's export and converts it to RDF (N-Quads)
   without error, and expansion keeps every property (pyld silently drops
   a key that is not an IRI under the context);
2. rdflib parses the N-Quads;
3. every DPV IRI in the RDF, and every IRI of bindings/dpv-mapping.json, is
   a term of DPV 2.2 (tests/conformance/dpv-2.2-terms.tsv, extracted from
   the W3C release files) and not a sunset one.

Usage: check_jsonld.py PRIVACY_POLICY_BINARY [ROOT]. Exit 1 on any problem.
"""
import json
import pathlib
import re
import subprocess
import sys

import rdflib
from pyld import jsonld


def dpv_terms(root):
    terms = {}
    for line in (root / "tests" / "conformance" / "dpv-2.2-terms.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            iri, status = line.split("\t")
            terms[iri] = status
    return terms


def iris_in(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from iris_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from iris_in(v)
    elif isinstance(value, str) and value.startswith("https://w3id.org/dpv"):
        yield value


def main():
    binary = sys.argv[1]
    root = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else pathlib.Path(__file__).resolve().parents[2])
    terms = dpv_terms(root)
    problems = []

    def check_iri(iri, where):
        if iri not in terms:
            problems.append(f"{where}: {iri} is not a DPV 2.2 term")
        elif terms[iri] == "sunset":
            problems.append(f"{where}: {iri} is a sunset DPV term")

    mapping = json.loads((root / "bindings" / "dpv-mapping.json").read_text(encoding="utf-8"))
    mapped = set(iris_in({k: v for k, v in mapping.items() if k != "prefixes"}))
    for iri in sorted(mapped):
        check_iri(iri, "bindings/dpv-mapping.json")

    used = set()
    releases = sorted((root / "data" / "matrix.org").glob("*.json"))
    for path in releases:
        name = path.relative_to(root)
        out = subprocess.run([binary, "export", "--format", "jsonld", str(path)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            problems.append(f"{name}: export failed: {out.stderr.strip()}")
            continue
        doc = json.loads(out.stdout)
        expanded = jsonld.expand(doc)
        source_nodes = {n["@id"]: n for n in doc["@graph"]}
        for node in expanded:
            source = source_nodes.get(node["@id"], {})
            want = {k for k in source if not k.startswith("@")}
            got = {k for k in node if not k.startswith("@")}
            if len(want) != len(got):
                problems.append(f"{name}: {node['@id']}: expansion kept {len(got)} of {len(want)} properties")
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
        graph = rdflib.Dataset()
        graph.parse(data=nquads, format="nquads")
        triples = len(nquads.splitlines())
        for iri in set(re.findall(r"<(https://w3id\.org/dpv[^>]*)>", nquads)):
            used.add(iri)
            check_iri(iri, str(name))
        if path.name == "3.1.0.json":
            print(f"{name}: JSON-LD expands to {triples} RDF triples, {len(graph)} parsed by rdflib")

    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"JSON-LD export of {len(releases)} releases: expanded by pyld, parsed by rdflib; "
          f"{len(used)} DPV IRIs used and {len(mapped)} in bindings/dpv-mapping.json, all DPV 2.2 terms, none sunset")
    return 0


if __name__ == "__main__":
    sys.exit(main())
