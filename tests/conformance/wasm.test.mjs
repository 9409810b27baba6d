// The conformance cases (tests/conformance/cases/*.json) against the wasm
// build — the same files the native runner reads. One suite, two cores.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { bindCore } from "../../worker/core_abi.js";

const root = path.resolve(import.meta.dirname, "../..");
const call = bindCore(new WebAssembly.Module(readFileSync(path.join(root, "build/wasi/core.wasm"))));
const casesDir = path.join(import.meta.dirname, "cases");

function normalise(out) {
  if (typeof out?.respond?.body === "string") {
    try { out.respond.body_json = JSON.parse(out.respond.body); } catch {}
  }
  return out;
}

// Same rule as native_runner.cc: objects match member-wise, "~contains:" matches a substring.
function assertSubset(expect, actual, where) {
  if (typeof expect === "string" && expect.startsWith("~contains:")) {
    assert.ok(typeof actual === "string" && actual.includes(expect.slice(10)), `${where}: ${JSON.stringify(actual)}`);
  } else if (expect && typeof expect === "object" && !Array.isArray(expect)) {
    assert.ok(actual && typeof actual === "object", `${where}: not an object`);
    for (const [k, v] of Object.entries(expect)) assertSubset(v, actual[k], `${where}.${k}`);
  } else if (Array.isArray(expect)) {
    assert.ok(Array.isArray(actual) && actual.length === expect.length, `${where}: array length`);
    expect.forEach((v, i) => assertSubset(v, actual[i], `${where}[${i}]`));
  } else {
    assert.deepEqual(actual, expect, where);
  }
}

for (const file of readdirSync(casesDir).filter((f) => f.endsWith(".json")).sort()) {
  for (const c of JSON.parse(readFileSync(path.join(casesDir, file), "utf8"))) {
    test(`${file} / ${c.name}`, () => assertSubset(c.expect, normalise(call(c.input)), "output"));
  }
}
