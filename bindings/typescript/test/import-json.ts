// A data file imported as a JSON module is typed by TypeScript with widened
// types (`string`, not `"consent"`; arrays, not non-empty tuples), so it is
// not a `PrivacyPolicy` until checked: `isPrivacyPolicy` is a type guard that
// narrows it without a cast. Compiled with `tsc --strict` and run by .ci/interop.sh.
import doc from "../../../data/matrix.org/3.1.0.json";
import { isPrivacyPolicy, type LegalBasis, type PrivacyPolicy } from "../index";

if (!isPrivacyPolicy(doc)) {
  throw new Error("data/matrix.org/3.1.0.json is not a valid policy");
}
const policy: PrivacyPolicy = doc;
const bases: LegalBasis[] = policy.purposes.flatMap((p) => p.legal_bases);
console.log(`import-json: ${policy.title} ${policy.version}: ${policy.purposes.length} purposes, ${new Set(bases).size} legal bases`);
