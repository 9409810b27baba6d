// Prepares HISTORY_TEMPLATE for the browser tests: the demo as npm start makes it
// on a fresh state directory — the businesses and tokens, their data through the
// NetSuite sync (Northwind) and the CSV import (Contoso), then eight weeks through
// the routes (scripts/history-seed.mjs). The stand-in's NetSuite is kept with it.
// Run by scripts/test.sh.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { loadDemo } from "../../scripts/demo-load.mjs";
import { seedHistory } from "../../scripts/history-seed.mjs";
import { startStack } from "./stack.mjs";

const target = process.env.HISTORY_TEMPLATE;
if (!target) throw new Error("HISTORY_TEMPLATE is not set");
const started = Date.now();
const fresh = mkdtempSync(path.join(tmpdir(), "cc-fresh-"));
execFileSync("bash", ["scripts/local-db.sh"], { cwd: path.resolve(import.meta.dirname, "../.."), env: { ...process.env, STATE_DIR: fresh, DEMO_FIXTURE: "" }, stdio: "ignore" });
const stack = await startStack({ template: fresh, netsuite: true, demoClock: true });
rmSync(fresh, { recursive: true, force: true });
try {
  await loadDemo(stack.base, stack.ns);
  await seedHistory(stack.base, stack.ns);
} finally {
  await stack.stop();
}
rmSync(target, { recursive: true, force: true });
cpSync(stack.stateDir, target, { recursive: true });
rmSync(stack.stateDir, { recursive: true, force: true });
console.log(`history template: eight weeks seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
