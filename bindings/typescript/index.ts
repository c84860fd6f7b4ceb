/**
 * Types and a validator for privacy-policy documents (the matrix-privacy-policy
 * format), JSON Schema Draft 2020-12, validated with Ajv in its default strict mode.
 *
 * Optional fields are absent, never `null`. Run-time validation checks the
 * shape; the Rust crate's loader (`privacy-policy validate`) also checks
 * references between entities, unique ids, the history's order and that dates exist.
 */
import Ajv2020, { type ErrorObject } from "ajv/dist/2020";
import schemaJson from "./privacy-policy.schema.json";
import type { PrivacyPolicy } from "./policy";

export type * from "./policy";

/** The JSON Schema (Draft 2020-12). Typed loosely so that users need no `resolveJsonModule`. */
export const schema: Readonly<Record<string, unknown>> = schemaJson;

const ajv = new Ajv2020({ allErrors: true });
const check = ajv.compile<PrivacyPolicy>(schemaJson);

/** Whether `doc` is a valid policy document; narrows it to `PrivacyPolicy`. */
export function isPrivacyPolicy(doc: unknown): doc is PrivacyPolicy {
  return check(doc);
}

/** Every schema error of `doc` (empty when it is valid), each with its `instancePath`. */
export function validate(doc: unknown): ErrorObject[] {
  return check(doc) ? [] : [...(check.errors ?? [])];
}
