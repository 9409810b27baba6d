// Prepares HISTORY_TEMPLATE for the browser tests: the demo database after
// scripts/history-seed.mjs ran on it through the real routes (as npm start
// does on a fresh state directory). Run by scripts/test.sh.
import { cpSync, rmSync } from "node:fs";

import { seedHistory } from "../../scripts/history-seed.mjs";
import { startStack } from "./stack.mjs";

const target = process.env.HISTORY_TEMPLATE;
if (!target) throw new Error("HISTORY_TEMPLATE is not set");
const started = Date.now();
const stack = await startStack({ netsuite: true, demoClock: true });
try {
  await seedHistory(stack.base, stack.ns);
} finally {
  await stack.stop();
}
rmSync(target, { recursive: true, force: true });
cpSync(stack.stateDir, target, { recursive: true });
rmSync(stack.stateDir, { recursive: true, force: true });
console.log(`history template: eight weeks seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
