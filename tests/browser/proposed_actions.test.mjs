// proposed-actions.html in real headless Chromium against the running product:
// a supervisor decides what the guardrail held back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { apiClient } from "../support/api_client.mjs";
import { launchChromium } from "../support/browser.mjs";
import { startStack } from "../support/stack.mjs";

let stack;
let browser;
const staged = {};

const api = apiClient(() => stack.base);

before(async () => {
  stack = await startStack();
  browser = await launchChromium();
  // This week's count: the cron opens DC1's zone session, a scanner counts two
  // lines far off, the supervisor closes it and both wait for a person.
  await fetch(`${stack.base}/__scheduled?cron=0+6+*+*+MON`);
  let session;
  for (let i = 0; i < 100 && !session; i++) {
    session = (await api("GET", "/stock-count/sessions?source=cron&location_id=nw_loc_dc1", "demo-approver-token")).items[0];
    if (!session) await new Promise((r) => setTimeout(r, 50));
  }
  const lines = (await api("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`, "demo-approver-token")).items;
  const seen = new Set();
  const perItem = new Map();
  for (const l of lines) perItem.set(l.item_id, (perItem.get(l.item_id) ?? 0) + 1);
  const [gone, doubled, moved] = lines.filter((l) => l.quantity >= 20 && perItem.get(l.item_id) === 1 && !seen.has(l.item_id) && seen.add(l.item_id));
  // A third item's whole stock turns up in another bin of the zone; a value cap of 0.01 holds the move back.
  const to = [...new Set(lines.map((l) => l.bin))].find((b) => b !== moved.bin);
  await api("PUT", "/api/guardrails", "demo-admin-token", { inventory_auto_pct: 5, inventory_auto_value: 0.01 });
  await api("POST", "/api/inventory/count", "demo-scanner-token", { location_id: "nw_loc_dc1", counts: [
    { sku: gone.sku, bin: gone.bin, counted_qty: 0 }, { sku: doubled.sku, bin: doubled.bin, counted_qty: doubled.quantity * 2 },
    { sku: moved.sku, bin: moved.bin, counted_qty: 0 }, { sku: moved.sku, bin: to, counted_qty: moved.quantity }] });
  // All three were far beyond the recount threshold: the doubled line is recounted (and the shelf
  // really holds twice as much); the others close before anyone recounts them.
  await api("POST", "/api/inventory/count", "demo-scanner-token", { location_id: "nw_loc_dc1", counts: [
    { sku: doubled.sku, bin: doubled.bin, counted_qty: doubled.quantity * 2 }] });
  await api("PATCH", `/stock-count/sessions/${session.id}/close`, "demo-approver-token");
  Object.assign(staged, { gone, doubled, moved: { ...moved, to }, session: session.id });
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openQueue(token) {
  const page = await browser.newPage();
  await page.goto(`${stack.base}/proposed-actions.html`);
  await page.fill("#token", token);
  await page.click("#token-form button");
  return page;
}

test("stock found in another bin reads as a move, not as a loss and a gain", async () => {
  const page = await openQueue("demo-approver-token");
  const row = page.locator("#queue tbody tr", { hasText: staged.moved.sku });
  await row.waitFor();
  assert.equal(await row.locator(".move").textContent(), `Moved ${staged.moved.quantity} ${staged.moved.bin} → ${staged.moved.to}`);
  assert.match(await row.textContent(), /above the 0\.01 cap/);
  await row.locator("select[name=reason_code]").selectOption("miscount");
  await row.locator("button.approve").click();
  await page.locator("#queue .hint.ok").waitFor();
  await row.waitFor({ state: "detached" });
  const [adjustment] = (await api("GET", `/stock-count/sessions/${staged.session}/postings`, "demo-approver-token")).items
    .filter((a) => a.direction === "TRANSFER");
  assert.equal(adjustment.lines[0].quantity, staged.moved.quantity, "approving books the move");
  await page.close();
});

test("a supervisor sees why each proposal waits, approves one and rejects the other with a reason", async () => {
  const page = await openQueue("demo-approver-token");
  const goneRow = page.locator("#queue tbody tr", { hasText: staged.gone.sku });
  const doubledRow = page.locator("#queue tbody tr", { hasText: staged.doubled.sku });
  await goneRow.waitFor();
  assert.match(await goneRow.textContent(), /-100 %/);
  assert.match(await goneRow.textContent(), /above the 5% guardrail/);
  // Both counts where the line was recounted; where the close came first, it says so.
  assert.match(await doubledRow.locator(".recount").textContent(),
    new RegExp(`^Recounted by another counter: first count ${staged.doubled.quantity * 2}, recount ${staged.doubled.quantity * 2}`));
  assert.match(await goneRow.locator(".recount").textContent(), /^Not recounted: the recount was asked \(first count 0\)/);

  // A decision names its cause: without one the page asks for it; "other" needs a note, and the
  // API's refusal is shown next to the queue.
  await doubledRow.locator("button.reject").click();
  await page.locator("#queue .hint.bad").waitFor();
  assert.match(await page.locator("#queue .hint").textContent(), /pick a reason first/);
  assert.deepEqual(await doubledRow.locator("select[name=reason_code] option").allTextContents(),
    ["reason…", "Damaged", "Theft or loss", "Miscount corrected", "Wrong unit of measure", "Found stock", "Supplier short-shipped", "Other (see the note)"]);
  await doubledRow.locator("select[name=reason_code]").selectOption("other");
  await doubledRow.locator("button.reject").click();
  await page.locator("#queue .hint.bad", { hasText: "reason_note" }).waitFor();

  await goneRow.locator("select[name=reason_code]").selectOption("damaged");
  await goneRow.locator("input[name=reason_note]").fill("shelf emptied by a mis-pick, confirmed");
  await goneRow.locator("button.approve").click();
  await page.locator("#queue .hint.ok").waitFor();
  assert.match(await page.locator("#queue .hint").textContent(), /approved by Demo approver — adjustment adj_\S+ queued for NetSuite/);

  // What people type is shown as text, never run: a reason with markup in it stays words.
  await doubledRow.locator("select[name=reason_code]").selectOption("other");  // the queue was drawn again
  await doubledRow.locator("input[name=reason_note]").fill('double scan <img src=x onerror="window.__xss=1">');
  await doubledRow.locator("button.reject").click();
  await page.locator("#queue .hint.ok", { hasText: "rejected" }).waitFor();
  assert.equal(await page.locator("#queue tbody tr").count(), 0, "nothing is pending any more");

  await page.selectOption("select[name=status]", "");
  const rejected = page.locator("#queue tbody tr", { hasText: "double scan" });
  await rejected.waitFor();
  assert.match(await rejected.textContent(), /double scan <img src=x onerror="window.__xss=1">/);
  assert.equal(await rejected.locator("img").count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.match(await page.locator("#queue tbody tr", { hasText: staged.gone.sku }).textContent(), /approved by Demo approver · .* · Damaged · “shelf emptied/);
  assert.match(await rejected.textContent(), /rejected by Demo approver · .* · Other \(see the note\)/);

  const decided = await api("GET", "/api/proposed-actions?status=approved", "demo-approver-token");
  assert.equal(decided.items[0].reason_note, "shelf emptied by a mis-pick, confirmed");
  assert.equal(decided.items[0].reason_code, "damaged");
});

test("a scanner's token cannot open the queue", async () => {
  const page = await openQueue("demo-scanner-token");
  await page.locator("#queue .hint.bad").waitFor();
  assert.match(await page.locator("#queue .hint").textContent(), /role|approver/i);
});

test("an approver with a small approval limit sees which proposals it may not decide, and why", async () => {
  // A count of zone C at DC1 finds a line's stock halved: it waits for a person.
  const session = await api("POST", "/stock-count/sessions", "demo-approver-token", { location_id: "nw_loc_dc1", type: "CYCLE" });
  await api("POST", `/stock-count/sessions/${session.id}/scopes`, "demo-approver-token", { kind: "zone", value: "C" });
  await api("PATCH", `/stock-count/sessions/${session.id}/start`, "demo-approver-token");
  const line = (await api("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`, "demo-approver-token"))
    .items.find((l) => l.bin && l.quantity >= 20);
  await api("POST", "/api/inventory/count", "demo-scanner-token", { location_id: "nw_loc_dc1", session_id: session.id,
    counts: [{ sku: line.sku, bin: line.bin, counted_qty: Math.floor(line.quantity / 2) }] });
  await api("PATCH", `/stock-count/sessions/${session.id}/close`, "demo-approver-token");
  const { token } = await api("POST", "/api/tokens", "demo-admin-token", { name: "Night lead", role: "approver", limits: { value: "0.01" } });
  const pending = (await api("GET", `/api/proposed-actions?status=pending&session_id=${session.id}`, token)).items;
  assert.ok(pending.length === 1 && pending[0].may_decide === false, "the halved line is over 0.01");
  const page = await openQueue(token);
  const row = page.locator(`#queue tbody tr[data-id="${pending[0].id}"]`);
  await row.locator(".over-limit").waitFor();
  assert.match(await row.locator(".over-limit").textContent(), /^Over your approval limit: value [\d.]+ is over the limit 0\.01\./);
  assert.equal(await row.locator("button.approve").count(), 0, "no Approve to press");
  assert.equal(await row.locator("input[name=pick]").count(), 0, "nothing to select for a bulk decision");
  await page.close();
});
