// NetSuite push drain on wrangler dev (workerd + local D1 + PushMutexDO)
// against the stand-in: N approved adjustments wait in ns_pending_pushes while
// the business has no connection; saving the connection wakes the drainer,
// and the clock runs until every row is done. Once with M2M (ES256 JWT,
// bearer token) and once with TBA (an HMAC signature per request).
// Usage: node bench/push_drain.mjs [adjustments]   (bench/run.sh runs it)
import { connectionBody, newM2m, newTba, standinAccount } from "../scripts/netsuite-credentials.mjs";
import { startStack } from "../tests/support/stack.mjs";

const n = Number(process.argv[2] ?? 200);
const hdr = (token) => ({ "X-Edit-Token": token, "content-type": "application/json" });

async function json(response) {
  const text = await response.text();
  if (!response.ok) throw new Error(`${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

// n review proposals at one location, approved one by one: n adjustments, n outbox rows.
async function approvedAdjustments(stack, token, location, count) {
  const api = (path, init = {}) => fetch(`${stack.base}${path}`, { headers: hdr(token), ...init }).then(json);
  const session = await api("/stock-count/sessions", { method: "POST", body: JSON.stringify({ location_id: location, type: "CYCLE", name: "push bench" }) });
  await api(`/stock-count/sessions/${session.id}/scopes`, { method: "POST", body: JSON.stringify({ kind: "all" }) });
  await api(`/stock-count/sessions/${session.id}/tasks/generate`, { method: "POST", body: JSON.stringify({ strategy: "by_zone_bin" }) });
  await api(`/stock-count/sessions/${session.id}/start`, { method: "PATCH" });
  const lines = [];
  for (let page = 1; lines.length < count * 3; page++) {
    const { items } = await api(`/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500&page=${page}`);
    lines.push(...items);
    if (items.length < 500) break;
  }
  const seen = new Set();
  const chosen = lines.filter((l) => l.quantity >= 10 && !seen.has(l.item_id) && seen.add(l.item_id)).slice(0, count);
  if (chosen.length < count) throw new Error(`only ${chosen.length} lines to adjust at ${location}`);
  await api("/stock-count/entries", { method: "POST", body: JSON.stringify({ session_id: session.id,
    entries: chosen.map((l) => ({ sku: l.sku, bin: l.bin, counted_qty: Math.floor(l.quantity / 2) })) }) });
  await api(`/stock-count/sessions/${session.id}/close`, { method: "PATCH" });
  const { items } = await api(`/api/proposed-actions?session_id=${session.id}&status=pending&page_size=500`);
  for (const p of items.slice(0, count)) {
    await api("/api/inventory/adjust", { method: "POST", body: JSON.stringify({ proposed_action_id: p.id, decision: "approve", reason_code: "miscount", reason_note: "bench" }) });
  }
  return Math.min(items.length, count);
}

async function drain(stack, token, account, label, count) {
  const queued = await approvedAdjustments(stack, token, account.location, count);
  await fetch(`${stack.ns}/__accounts`, { method: "POST", body: JSON.stringify(standinAccount(account)) });
  const started = performance.now();
  await json(await fetch(`${stack.base}/api/netsuite/connection`, { method: "PUT", headers: hdr(token), body: JSON.stringify(connectionBody(account, stack.ns)) }));
  for (;;) {
    const { total } = await json(await fetch(`${stack.base}/api/pushes?status=done&page_size=1`, { headers: hdr(token) }));
    if (total >= queued) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  const records = (await (await fetch(`${stack.ns}/__records?account=${account.account_id}`)).json()).length;
  console.log(`push drain ${label}: ${queued} adjustments in ${ms.toFixed(0)} ms = ${(queued / (ms / 1000)).toFixed(1)} adjustments/s (${records} records at the stand-in)`);
}

const stack = await startStack();
try {
  await drain(stack, "demo-admin-token", { location: "nw_loc_dc1", account_id: "TSTDRV1000001", subsidiary_id: "1", adjustment_account_id: "212", m2m: newM2m("ec") }, "M2M (ES256 assertion, one token)", n);
  await drain(stack, "demo2-admin-token", { location: "ct_loc_wh1", account_id: "TSTDRV1000002", subsidiary_id: "2", adjustment_account_id: "310", tba: newTba() }, "TBA (HMAC-SHA256 per request)", Math.min(n, 60));
} finally {
  await stack.stop();
}
