// scan.html in real headless Chromium: counts typed as a keyboard-wedge
// scanner types them wait in IndexedDB while the API is unreachable, survive a
// reload, and are each counted exactly once when it returns — also when an
// answer was lost after the server stored the lines.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchChromium } from "../support/browser.mjs";
import { openScanner as openPage } from "../support/scanner_page.mjs";
import { startStack } from "../support/stack.mjs";

let stack;
let browser;
let lines;
let dc2;  // East Annex, as Northwind's NetSuite names it (its data came through the sync)
before(async () => {
  stack = await startStack({ template: process.env.HISTORY_TEMPLATE });
  browser = await launchChromium();
  dc2 = (await api("GET", "/api/locations?page_size=100")).items.find((l) => l.code === "East Annex").id;
  // This week's DC2 session (ACTIVE in the seeded history) and lines nobody counted yet.
  const session = (await api("GET", `/stock-count/sessions?status=ACTIVE&location_id=${dc2}&source=cron`)).items[0];
  const snapshot = (await api("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`)).items;
  const counted = new Set((await api("GET", `/stock-count/entries?session_id=${session.id}&page_size=500`)).items.map((e) => `${e.item_id}|${e.bin}`));
  lines = snapshot.filter((l) => l.bin && l.quantity > 0 && !counted.has(`${l.item_id}|${l.bin}`)).slice(0, 6).map((l) => ({ ...l, session: session.id }));
  assert.equal(lines.length, 6);
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function api(method, path, body) {
  const response = await fetch(`${stack.base}${path}`, {
    method, headers: { "X-Edit-Token": "demo-approver-token", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

const openScanner = (context) => openPage(context, stack.base, dc2);

// As a keyboard-wedge scanner does: characters then Enter, field after field.
async function scan(page, line, qty) {
  await page.locator("input[name=sku]").focus();
  await page.keyboard.type(line.sku);
  await page.keyboard.press("Enter");
  await page.keyboard.type(line.bin);
  await page.keyboard.press("Enter");
  await page.keyboard.type(String(qty));
  await page.keyboard.press("Enter");
  await page.locator("[data-field=added].ok", { hasText: line.sku }).waitFor();
}

const entriesOf = async (line) => (await api("GET", `/stock-count/entries?session_id=${line.session}&item_id=${line.item_id}`)).items.filter((e) => e.bin === line.bin);

test("offline: lines wait in the queue, survive a reload, and are each counted once when the API returns", async () => {
  const context = await browser.newContext();
  const page = await openScanner(context);
  await page.selectOption("select[name=location_id]", dc2);
  assert.equal(await page.locator("body").textContent().then((t) => t.includes(String(lines[0].quantity) + " expected")), false);

  await context.route("**/api/inventory/count?*", (route) => route.abort("internetdisconnected"));
  for (const [i, line] of lines.slice(0, 3).entries()) await scan(page, line, line.quantity + i);
  // The page says why they wait once its next attempt fails.
  await page.locator("[data-field=state]", { hasText: "3 waiting to send — the API is unreachable" }).waitFor();

  await page.reload();
  await page.locator("[data-field=state][data-waiting='3']").waitFor();
  assert.equal(await page.locator("[data-list=waiting] li").count(), 3);
  for (const line of lines.slice(0, 3)) assert.deepEqual(await entriesOf(line), [], "nothing reached the server while offline");

  await context.unroute("**/api/inventory/count?*");
  await page.locator("[data-field=state]", { hasText: "Nothing waiting." }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator("[data-list=sent] li").count(), 3);
  for (const [i, line] of lines.slice(0, 3).entries()) {
    const stored = await entriesOf(line);
    assert.equal(stored.length, 1, `${line.sku} counted once`);
    assert.equal(stored[0].counted_qty, line.quantity + i);
  }
  await context.close();
});

test("an answer lost after the server stored the lines: the resend is a duplicate, never a second count", async () => {
  const context = await browser.newContext();
  const page = await openScanner(context);
  await page.selectOption("select[name=location_id]", dc2);
  let lost = 0;
  await context.route("**/api/inventory/count?*", async (route) => {
    if (lost++ === 0) {
      await route.fetch();  // the server stores the lines …
      return route.abort("connectionreset");  // … and the answer never arrives
    }
    return route.continue();
  });
  await scan(page, lines[3], lines[3].quantity);
  await page.locator("[data-list=sent] li", { hasText: "already counted (resend)" }).waitFor({ timeout: 15000 });
  assert.equal(lost, 2);
  assert.equal((await entriesOf(lines[3])).length, 1);
  await context.close();
});

test("a line the API refuses is shown with the reason and can be removed; the rest still go", async () => {
  const context = await browser.newContext();
  const page = await openScanner(context);
  await page.selectOption("select[name=location_id]", dc2);
  await scan(page, { sku: "NO-SUCH-SKU", bin: lines[4].bin }, 3);
  const refused = page.locator("[data-list=waiting] li.refused");
  await refused.waitFor({ timeout: 15000 });
  assert.match(await refused.textContent(), /NO-SUCH-SKU/);
  await scan(page, lines[4], lines[4].quantity);
  await page.locator("[data-list=sent] li", { hasText: lines[4].sku }).waitFor({ timeout: 15000 });
  assert.equal((await entriesOf(lines[4])).length, 1);
  await refused.locator("button").click();
  await page.locator("[data-field=state]", { hasText: "Nothing waiting." }).waitFor();
  await context.close();
});

test("a count far off is sent back for a recount: the page lists it, a pick fills the SKU and bin, and counting it again ends it", async () => {
  const context = await browser.newContext();
  const page = await openScanner(context);
  await page.selectOption("select[name=location_id]", dc2);
  const line = lines[5];
  await scan(page, line, line.quantity * 3);
  const recount = page.locator("[data-list=recounts] button", { hasText: `Recount ${line.sku} at ${line.bin}` });
  await recount.waitFor({ timeout: 15000 });
  assert.doesNotMatch(await page.locator("#recounts").textContent(), /expected|first count \d|system/, "blind: no figure");
  await recount.click();
  assert.equal(await page.inputValue("input[name=sku]"), line.sku);
  assert.equal(await page.inputValue("input[name=bin]"), line.bin);
  await page.keyboard.type(String(line.quantity));  // the pick put the cursor on the quantity
  await page.keyboard.press("Enter");
  await recount.waitFor({ state: "detached", timeout: 15000 });
  const stored = await entriesOf(line);
  assert.deepEqual(stored.map((e) => [e.count_index, e.counted_qty]).sort(), [[1, line.quantity * 3], [2, line.quantity]]);
  await context.close();
});
