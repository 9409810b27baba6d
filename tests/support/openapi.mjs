// The HTTP contract (docs/openapi.yaml) as a checker of real answers: every
// answer the integration tests receive goes through `checkAnswer`, which finds
// the operation by method and path and validates the status, the content type
// and the JSON body against the document's schema (Ajv, JSON Schema 2020-12, as
// OpenAPI 3.1 uses it). A path the document does not hold is not checked here;
// tests/worker/openapi.test.mjs holds the document and the router to each other.
// An answer marked `X-Figures: withheld` (a blind counter's, src/blind.h) must carry none of the
// document's `x-blind-fields`, and is validated by the same schemas with those fields optional.
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";

import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../..");
export const SPEC_PATH = path.join(root, "docs/openapi.yaml");
const SPEC_ID = "https://cycle-count.dev/openapi";
const BLIND_SPEC_ID = "https://cycle-count.dev/openapi-blind";

// The document with the blind fields taken out of every `required` list.
function withoutBlindRequired(node, blind) {
  if (Array.isArray(node)) return node.map((n) => withoutBlindRequired(n, blind));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === "required" && Array.isArray(v) ? v.filter((f) => !blind.has(f)) : withoutBlindRequired(v, blind);
  }
  return out;
}

let cached;
export function loadSpec() {
  if (!cached) {
    const spec = parse(readFileSync(SPEC_PATH, "utf8"));
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ ...spec, $id: SPEC_ID });
    const blind = new Set(spec["x-blind-fields"] ?? []);
    ajv.addSchema({ ...withoutBlindRequired(spec, blind), $id: BLIND_SPEC_ID });
    const operations = [];
    for (const [template, item] of Object.entries(spec.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const [method, operation] of Object.entries(item)) {
        operations.push({ method: method.toUpperCase(), template, pattern, operation });
      }
    }
    cached = { spec, ajv, operations, validators: new Map(), blind };
  }
  return cached;
}

const pointer = (...parts) => parts.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

// A node with its $ref chain followed (undefined when a ref does not resolve).
export function resolve(spec, node) {
  while (node?.$ref) node = node.$ref.slice(2).split("/").reduce((n, p) => n?.[p.replace(/~1/g, "/").replace(/~0/g, "~")], spec);
  return node;
}

export function findOperation(method, urlPath) {
  const { operations } = loadSpec();
  const pathname = urlPath.split("?")[0];
  return operations.find((o) => o.method === method && o.pattern.test(pathname));
}

// → null when the answer keeps to the contract (or the path is not in it), else what is wrong.
// With CONTRACT_SEEN set (scripts/test.sh), each checked answer's operation and status is
// appended there, so the run can tell which operations no test saw succeed.
export function checkAnswer(method, urlPath, status, contentType, text, { withheld = false } = {}) {
  const op = findOperation(method, urlPath);
  if (!op) return null;
  const broken = check(op, method, status, contentType, text, withheld);
  if (process.env.CONTRACT_SEEN) appendFileSync(process.env.CONTRACT_SEEN, `${op.method} ${op.template} ${status}${broken ? " broken" : ""}\n`);
  return broken;
}

// The first blind field found anywhere in a body, as its path.
function blindFieldIn(node, blind, at = "") {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) { const found = blindFieldIn(n, blind, `${at}/${i}`); if (found) return found; }
  } else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (blind.has(k)) return `${at}/${k}`;
      const found = blindFieldIn(v, blind, `${at}/${k}`);
      if (found) return found;
    }
  }
  return null;
}

function check(op, method, status, contentType, text, withheld) {
  const { spec } = loadSpec();
  const responses = op.operation.responses;
  // `default` stands for the errors (problem+json); a success must be documented by its own status.
  const key = [String(status), `${String(status)[0]}XX`, ...(status >= 400 ? ["default"] : [])].find((k) => responses[k]);
  const where = `${method} ${op.template} → ${status}`;
  if (!key) return `${where}: status not in the contract`;
  const response = resolve(spec, responses[key]);
  const media = (contentType ?? "").split(";")[0].trim();
  if (!response.content) return text === "" ? null : `${where}: the contract has no body, the answer has one`;
  if (!response.content[media]) return `${where}: content type ${media || "(none)"} not in the contract (${Object.keys(response.content)})`;
  if (!media.endsWith("json")) return null;
  let body;
  try { body = JSON.parse(text); } catch { return `${where}: the body is not JSON`; }
  if (withheld) {
    const found = blindFieldIn(body, loadSpec().blind);
    if (found) return `${where}: a withheld answer (X-Figures: withheld) carries the blind field ${found}`;
  }
  const validate = responseValidator(op, key, media, withheld);
  if (validate(body)) return null;
  const errors = validate.errors.slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
  return `${where}: the body breaks the contract: ${errors}`;
}

// The compiled schema of one documented answer (its refs resolve inside the document).
export function responseValidator(op, key, media, withheld = false) {
  const { ajv, validators } = loadSpec();
  const responses = op.operation.responses;
  const id = `${op.method} ${op.template} ${key} ${media}${withheld ? " withheld" : ""}`;
  if (!validators.has(id)) {
    const specId = withheld ? BLIND_SPEC_ID : SPEC_ID;
    const base = responses[key].$ref
      ? `${specId}${responses[key].$ref}`
      : `${specId}#${pointer("", "paths", op.template, op.method.toLowerCase(), "responses", key)}`;
    validators.set(id, ajv.compile({ $ref: `${base}${pointer("", "content", media, "schema")}` }));
  }
  return validators.get(id);
}
