// Ajv 2020 in strict mode: the schema compiles with no warning, and every
// verdict on the conformance corpus and data/**/*.json is the expected one
// (valid/ and data/ accepted, invalid/ rejected, semantic/ accepted: only the
// crate's loader rejects those). Run by .ci/interop.sh.
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { isPrivacyPolicy, validate } from "../index";

const root = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "..", "..", "..", "..", ".."));
const schema = JSON.parse(fs.readFileSync(path.join(root, "schema/privacy-policy.schema.json"), "utf8"));

const warnings: unknown[] = [];
const logger = { log: () => {}, warn: (...a: unknown[]) => warnings.push(a), error: (...a: unknown[]) => warnings.push(a) };
// strict: true turns every strict-mode check (including strictTypes and strictTuples, which
// only log by default) into a compile error.
const strictAjv = new Ajv2020({ strict: true, allErrors: true, logger });
const check = strictAjv.compile(schema);
if (warnings.length > 0) {
  console.error("Ajv warned while compiling the schema:", JSON.stringify(warnings));
  process.exit(1);
}

function* documents(): Generator<[string, boolean]> {
  const corpus = path.join(root, "tests/conformance");
  for (const [folder, expected] of [["valid", true], ["invalid", false], ["semantic", true]] as const) {
    for (const f of fs.readdirSync(path.join(corpus, folder)).filter((f) => f.endsWith(".json")).sort()) {
      yield [path.join(corpus, folder, f), expected];
    }
  }
  const walk = function* (dir: string): Generator<string> {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) yield* walk(p);
      else if (e.name.endsWith(".json")) yield p;
    }
  };
  for (const p of [...walk(path.join(root, "data"))].sort()) yield [p, true];
}

let failures = 0;
let count = 0;
for (const [file, expected] of documents()) {
  count++;
  const doc: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const verdicts = { "ajv-strict": check(doc), "binding isPrivacyPolicy": isPrivacyPolicy(doc) };
  for (const [name, verdict] of Object.entries(verdicts)) {
    if (verdict !== expected) {
      failures++;
      console.error(`DISAGREE ${name}: ${path.relative(root, file)}: ${verdict ? "accepted" : "rejected"}, expected ${expected ? "accepted" : "rejected"}`);
    }
  }
  if (!expected && validate(doc).length === 0) {
    failures++;
    console.error(`validate() found no error in ${path.relative(root, file)}`);
  }
}
if (failures > 0) process.exit(1);
console.log(`ajv (2020, strict: no warning): ${count} documents, verdicts as expected`);
