// The source's own rules, read from the files (no runtime): what a reviewer would otherwise
// have to remember. Each check names the files that break it.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file) => readFileSync(path.join(root, file), "utf8");

function filesUnder(dir, pattern) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)));
}

const sources = [
  ...filesUnder("src", /\.(h|cc)$/),
  ...filesUnder("wasm", /\.cc$/),
  ...filesUnder("worker", /\.js$/),
  ...filesUnder("scripts", /\.(mjs|sh)$/),
  ...filesUnder("public", /\.(js|html)$/).filter((f) => !f.startsWith("public/vendor/") && f !== "public/core_abi.js"),
  ...filesUnder("tests", /\.(mjs|cc|h)$/).filter((f) => !f.startsWith("tests/source/")),
];  // (applied migrations are fixed by their hashes: tests/migrations.sha256)

test('every DESIGN.md "…" a source file cites is a heading of docs/DESIGN.md', () => {
  const headings = new Set([...read("docs/DESIGN.md").matchAll(/^#{2,3} (.+?)(?: \(.*\))?$/gm)].map((m) => m[1]));
  const broken = [];
  for (const file of sources) {
    for (const m of read(file).matchAll(/DESIGN(?:\.md)?:? "([^"]+)"/g)) {
      if (!headings.has(m[1])) broken.push(`${file}: "${m[1]}"`);
    }
  }
  assert.ok(headings.size >= 5, "docs/DESIGN.md has its sections");
  assert.deepEqual(broken, [], `cited sections that docs/DESIGN.md does not have (headings: ${[...headings].join(" | ")})`);
});

// The lifecycle tables (src/stock_count/lifecycle.{h,cc}) are the only writers of a session's or a
// task's status: every event of them is used, and no other file writes a status by hand.
const lifecycle = read("src/stock_count/lifecycle.h");
const lifecycleFiles = new Set(["src/stock_count/lifecycle.h", "src/stock_count/lifecycle.cc"]);
const outside = sources.filter((f) => f.startsWith("src/") && !lifecycleFiles.has(f)).map((f) => [f, read(f)]);

function enumerators(name) {
  const body = lifecycle.match(new RegExp(`enum class ${name} \\{([^}]*)\\}`))?.[1];
  assert.ok(body, `lifecycle.h declares ${name}`);
  return body.split(",").map((s) => s.trim()).filter(Boolean);
}

test("every event of the session and task lifecycles is used by a route or the tick", () => {
  // A task's status PATCH reaches its event through task_event_reaching (lifecycle.cc): those count as used.
  const lifecycleCc = read("src/stock_count/lifecycle.cc");
  const reaching = lifecycleCc.match(/task_event_reaching\([^)]*\) \{([\s\S]*?)\n\}/)?.[1] ?? "";
  assert.match(reaching, /TE::k/, "lifecycle.cc maps a PATCHed status to its event");
  const unused = [];
  for (const kind of ["SessionEvent", "TaskEvent"]) {
    for (const e of enumerators(kind)) {
      const used = outside.some(([, text]) => text.includes(`${kind}::${e}`)) ||
        (kind === "TaskEvent" && reaching.includes(`TE::${e}`) &&
          outside.some(([, text]) => text.includes("task_event_reaching(")));
      if (!used) unused.push(`${kind}::${e}`);
    }
  }
  assert.deepEqual(unused, [], "events in the lifecycle tables that nothing moves a row by");
});

test("a session's or a task's status is written only through the lifecycle tables (transition_writes.cc)", () => {
  const writers = outside
    // C++ string literals joined first ("UPDATE stock_count_task " "SET status …" is one statement).
    .filter(([, text]) => /UPDATE stock_count_(session|task)\s+SET\s+(?:(?!\bWHERE\b)[^"])*\bstatus\s*=/.test(text.replace(/"\s*"/g, "")))
    .map(([file]) => file);
  assert.deepEqual(writers, ["src/stock_count/queries/transition_writes.cc"]);
  // …and its UPDATEs take the status from the table (a bound parameter), never a literal.
  const own = read("src/stock_count/queries/transition_writes.cc");
  assert.doesNotMatch(own, /SET status = '/);
});

test("a conversation's step is a type: no step or phase is written or compared as text (src/steps.h)", () => {
  const texts = sources.filter((f) => f.startsWith("src/") && f !== "src/steps.h").map((f) => [f, read(f)]);
  // The field's name only as the last argument of step_of / at_step (`…, "phase")`).
  const loose = texts.filter(([, text]) => /"step"/.test(text) || /"phase"(?!\))/.test(text)).map(([file]) => file);
  assert.deepEqual(loose, [], "files that name a step as text instead of through their enum's step_names");
  const enums = texts.filter(([, text]) => /constexpr std::array<std::string_view, \d+> step_names\(/.test(text));
  assert.ok(enums.length >= 15, `${enums.length} files declare their steps`);
});

test("a session's or a task's status is named only by the lifecycle (lifecycle.cc): no status literal elsewhere in src", () => {
  const named = /["'](DRAFT|ACTIVE|CLOSED|APPROVED|POSTED|REJECTED|OPEN|IN_PROGRESS|PAUSED|COMPLETED|RECONCILED)["']/;
  const loose = outside.filter(([, text]) => named.test(text)).map(([file]) => `${file}: ${text(file)}`);
  function text(file) { return read(file).match(named)[0]; }
  assert.deepEqual(loose, [], "use session_status_name / task_status_name, is_status or status_sql (lifecycle.h)");
});

test("a push's, a proposal's, a variance's or a key's status is named only by its enum (status_names.h)", () => {
  const homes = new Set(["src/netsuite/push_status.h", "src/netsuite/sync_status.h", "src/pipeline/guardrail.h", "src/pipeline/run_status.h", "src/pipeline/review_status.h", "src/queries/idempotency_keys.h",
                         "src/status_names.h"]);
  const words = "pending|in_flight|done|dead|approved|rejected|adjusted|confirmed|auto|review|queued|running|failed";
  const inSql = new RegExp(`'(${words})'`), compared = new RegExp(`[=!]= "(${words})"`);
  const loose = sources.filter((f) => f.startsWith("src/") && !homes.has(f))
    .filter((f) => inSql.test(read(f)) || compared.test(read(f)));
  assert.deepEqual(loose, [], "use status_sql / is_status / status_from with PushStatus, ProposalStatus, VarianceStatus, Decision, RunStatus or KeyState");
});

// Every statement whole and named in its module's query home (src/<module>/queries/, src/queries/
// for the protocol's own, src/query.h), results read through typed handles (query.h Read<Row>),
// never rows_of(d1, <literal>).
const QUERY_HOMES = /^src\/(\w+\/)?queries\/\w+\.(cc|h)$|^src\/(query|business_scope)\.h$|^src\/write_guard\.cc$/;
const sqlText = /"[^"\n]*\b(SELECT|INSERT INTO|INSERT OR IGNORE INTO|UPDATE \w+ (AS \w+ )?SET|DELETE FROM|WITH \w+ AS)\b/;
const byPosition = /rows_of\([^,()]+, \d+\)/;

test("SQL lives in the query homes: no SQL text in any other file of src", () => {
  const src = sources.filter((f) => f.startsWith("src/"));
  const outsideHomes = src.filter((f) => !QUERY_HOMES.test(f) && sqlText.test(read(f)));
  assert.deepEqual(outsideHomes, [], "SQL outside a query home");
  const homes = src.filter((f) => QUERY_HOMES.test(f) && f.includes("/queries/") && sqlText.test(read(f)));
  assert.ok(homes.length >= 10, `${homes.length} query homes hold SQL`);
});

test("bulk rows name their fields once (query.h RowFields, store.h BulkInsert): no field read by position in SQL", () => {
  const positional = /\$\[\d+\]|value ->> \d/;
  const src = sources.filter((f) => f.startsWith("src/"));
  assert.deepEqual(src.filter((f) => positional.test(read(f))), [], "json_extract(value, '$[i]') or value ->> i written by hand");
});

test("results are read through typed handles, never rows_of(d1, <literal>)", () => {
  const src = sources.filter((f) => f.startsWith("src/"));
  assert.deepEqual(src.filter((f) => byPosition.test(read(f))), [], "reads by position");
});
