// The Worker on Miniflare (workerd) with a private copy of the prepared local
// D1 (migrations + demo data, made by scripts/test.sh from the real
// `wrangler d1 migrations apply`). Tests drive it over HTTP as users do and
// read D1 directly only to prove what was (not) written.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { Miniflare } from "miniflare";

import { checkAnswer } from "./openapi.mjs";

const root = path.resolve(import.meta.dirname, "../..");
export const DATABASE_ID = "00000000-0000-4000-8000-000000000001";

export const TOKENS = {
  admin: "demo-admin-token",
  approver: "demo-approver-token",
  scanner: "demo-scanner-token",
  otherAdmin: "demo2-admin-token",
};

// `stateDir`: run on the state an earlier runtime left (a restart), instead of a fresh copy.
// `onStdout` / `onStderr`: each line the runtime prints there (else it goes to this process's output).
// `queues`: the weekly-count queue and its dead-letter queue bound as wrangler.toml binds them
// (the tick then fans out); without it the tick does the week's work itself.
export async function startRuntime({ bindings = {}, stateDir: reuse, inspectorPort, onStdout, onStderr, queues = false } = {}) {
  const template = process.env.TEMPLATE_STATE;
  if (!template) throw new Error("TEMPLATE_STATE is not set (scripts/test.sh prepares it)");
  const stateDir = reuse ?? mkdtempSync(path.join(tmpdir(), "cc-mf-"));
  if (!reuse) cpSync(template, stateDir, { recursive: true });
  const mf = new Miniflare({
    modules: true,
    scriptPath: path.join(root, "worker/index.js"),
    modulesRoot: root,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    d1Databases: { DB: DATABASE_ID },
    d1Persist: path.join(stateDir, "v3/d1"),
    durableObjects: { PUSH_MUTEX: { className: "PushMutexDO", useSQLite: true } },
    durableObjectsPersist: path.join(stateDir, "v3/do"),
    ...(queues ? {
      queueProducers: { WEEKLY_COUNT: "weekly-count" },
      queueConsumers: {
        "weekly-count": { maxBatchSize: 1, maxBatchTimeout: 1, maxRetries: 2, deadLetterQueue: "weekly-count-dlq" },
        "weekly-count-dlq": { maxBatchSize: 10, maxBatchTimeout: 1 },
      },
    } : {}),
    bindings: { CORE_DEBUG_ROUTES: "1", ...bindings },
    ...(inspectorPort ? { inspectorPort } : {}),
    ...(onStdout || onStderr ? { handleRuntimeStdio(stdout, stderr) {
      const byLine = (stream, each) => {
        let pending = "";
        stream.on("data", (chunk) => {
          const lines = (pending + chunk).split("\n");
          pending = lines.pop();
          for (const line of lines) each(line);
        });
      };
      if (onStdout) byLine(stdout, onStdout); else stdout.pipe(process.stdout);
      if (onStderr) byLine(stderr, onStderr); else stderr.pipe(process.stderr);
    } } : {}),
  });
  await mf.ready;
  const db = await mf.getD1Database("DB");

  async function call(method, urlPath, { token, body, headers = {}, raw } = {}) {
    const init = { method, headers: { ...headers } };
    if (token) init.headers["X-Edit-Token"] = token;
    if (raw !== undefined) {
      init.body = raw;
      if (raw instanceof ReadableStream) init.duplex = "half";  // sent chunked, without a content-length
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["content-type"] = "application/json";
    }
    const response = await mf.dispatchFetch(`http://localhost${urlPath}`, init);
    const text = await response.text();
    // Every answer a test sees is held to the contract (docs/openapi.yaml).
    const broken = checkAnswer(method, urlPath, response.status, response.headers.get("content-type"), text,
      { withheld: response.headers.get("x-figures") === "withheld" });
    if (broken) throw new assert.AssertionError({ message: `${broken}\n${text.slice(0, 600)}` });
    let json;
    try { json = JSON.parse(text); } catch {}
    return { status: response.status, headers: response.headers, text, json };
  }

  return {
    mf,
    db,
    stateDir,
    call,
    async rows(sql, ...params) {
      return (await db.prepare(sql).bind(...params).all()).results;
    },
    async stop() {
      await mf.dispose();
    },
  };
}

// The JSON of an answer that must have `status` (the answer's text in the failure message).
export async function ok(promise, status = 200) {
  const r = await promise;
  assert.equal(r.status, status, `${r.status}: ${r.text}`);
  return r.json;
}

// Every snapshot line of a session, page by page (as a supervisor reads them).
export async function snapshotLines(rt, sessionId) {
  const lines = [];
  for (let page = 1; ; page++) {
    const { items } = await ok(rt.call("GET", `/stock-count/sessions/${sessionId}/snapshots?page_size=500&page=${page}`, { token: TOKENS.approver }));
    lines.push(...items);
    if (items.length < 500) break;
  }
  return lines;
}
