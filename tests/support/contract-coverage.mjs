// After the node suites (scripts/test.sh): which documented operations no test
// saw answer with success. Every answer was already held to its schema as it
// arrived (tests/support/openapi.mjs); this makes sure every operation was.
import { readFileSync } from "node:fs";

import { loadSpec } from "./openapi.mjs";

const seen = readFileSync(process.argv[2], "utf8").trim().split("\n").filter(Boolean);
const { operations } = loadSpec();
const succeeded = new Set(seen.filter((l) => / [23]\d\d$/.test(l)).map((l) => l.split(" ").slice(0, 2).join(" ")));
const missing = operations.filter((o) => !o.operation["x-served-by"] && !succeeded.has(`${o.method} ${o.template}`));
console.log(`contract: ${seen.length} answers checked against docs/openapi.yaml; ` +
  `${operations.length - missing.length} of ${operations.length} operations seen succeeding`);
if (missing.length) {
  console.error(`no test saw these succeed: ${missing.map((o) => `${o.method} ${o.template}`).join(", ")}`);
  process.exit(1);
}
