// Applied migrations are history: a deployed database already ran them, so a
// schema change must arrive as a new file. tests/migrations.sha256 holds the
// text of every applied migration; editing one fails here. A new migration is
// added to the list once it is applied (`cd migrations && sha256sum *.sql`).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "../..");
const applied = readFileSync(path.join(root, "tests/migrations.sha256"), "utf8").trim().split("\n")
  .map((line) => line.split(/\s+/)).map(([hash, file]) => ({ hash, file }));
const files = readdirSync(path.join(root, "migrations")).filter((f) => f.endsWith(".sql")).sort();

test("no applied migration has been edited", () => {
  for (const { hash, file } of applied) {
    const text = readFileSync(path.join(root, "migrations", file));
    assert.equal(createHash("sha256").update(text).digest("hex"), hash, `${file} changed after it was applied: add a new migration instead`);
  }
});

test("migrations are numbered in order and the applied ones come first", () => {
  files.forEach((f, i) => assert.match(f, new RegExp(`^${String(i + 1).padStart(4, "0")}_[a-z0-9_]+\\.sql$`), `migration ${i + 1}: ${f}`));
  assert.deepEqual(files.slice(0, applied.length), applied.map((a) => a.file));
});
