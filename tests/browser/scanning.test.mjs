// The scanner in the warehouse, in real headless Chromium on the demo (issue 28): a GS1-128 label
// typed by a keyboard-wedge scanner (GS and all) fills the item, the lot and the quantity and is
// counted once; a photo of a GS1 DataMatrix (drawn here with bwip-js) read by the page's
// BarcodeDetector gives the same entry; a count of 2 CASE of 12 stores 24; a task's walk ticks off
// what is counted and survives a reload with the network gone.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import bwipjs from "bwip-js";

import { launchChromium } from "../support/browser.mjs";
import { openScanner as openPage } from "../support/scanner_page.mjs";
import { startStack } from "../support/stack.mjs";

const GS = "\x1d";
let stack, browser, dc2, session, lotLines, packed;

async function api(method, path, body) {
  const response = await fetch(`${stack.base}${path}`, {
    method, headers: { "X-Edit-Token": "demo-approver-token", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

before(async () => {
  stack = await startStack({ template: process.env.HISTORY_TEMPLATE });
  browser = await launchChromium();
  dc2 = (await api("GET", "/api/locations?page_size=100")).items.find((l) => l.code === "East Annex").id;
  session = (await api("GET", `/stock-count/sessions?status=ACTIVE&location_id=${dc2}&source=cron`)).items[0];
  const counted = new Set((await api("GET", `/stock-count/entries?session_id=${session.id}&page_size=500`)).items.map((e) => `${e.item_id}|${e.bin}`));
  const open = [];
  for (const kind of ["untracked", "tracked"]) {
    open.push(...(await api("GET", `/stock-count/sessions/${session.id}/snapshots?kind=${kind}&page_size=500`)).items
      .filter((l) => l.bin && !counted.has(`${l.item_id}|${l.bin}`)));
  }
  const withItem = [];
  for (const l of open.slice(0, 200)) withItem.push({ ...l, item: (await api("GET", `/api/items?sku=${l.sku}`)).items[0] });
  lotLines = withItem.filter((l) => l.batch_number && l.item.gtin).slice(0, 2);
  packed = withItem.find((l) => !l.batch_number && !l.serial_number && l.item.uoms.some((u) => u.code === "CASE" && u.factor === 12));
  assert.equal(lotLines.length, 2, "two lot lines with GTINs in this week's East Annex count");
  assert.ok(packed, "an untracked line of an item packed in cases of 12");
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

const openScanner = (context) => openPage(context, stack.base, dc2, { choose: true });

const entriesOf = async (line) => (await api("GET", `/stock-count/entries?session_id=${session.id}&item_id=${line.item_id}`)).items
  .filter((e) => e.bin === line.bin && e.batch_number === (line.batch_number ?? null));

test("a wedge-typed GS1-128 label (GS between fields) fills item, lot and quantity and is counted once", async () => {
  const context = await browser.newContext();
  const page = await openScanner(context);
  const line = lotLines[0];
  const label = `]C101${line.item.gtin}10${line.batch_number}${GS}307`;
  await page.locator("input[name=sku]").focus();
  await page.keyboard.insertText(label);  // what the scanner types, GS included
  await page.keyboard.press("Enter");
  await page.locator("[data-field=label].ok", { hasText: `lot ${line.batch_number}` }).waitFor();
  assert.equal(await page.inputValue("input[name=sku]"), line.sku);
  assert.equal(await page.inputValue("input[name=batch_number]"), line.batch_number);
  assert.equal(await page.inputValue("input[name=counted_qty]"), "7");
  await page.keyboard.type(line.bin);  // the cursor moved on to the bin
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");  // the label's count stands
  await page.locator("[data-list=sent] li", { hasText: line.sku }).waitFor({ timeout: 15000 });
  const stored = await entriesOf(line);
  assert.equal(stored.length, 1, "counted once");
  assert.equal(stored[0].counted_qty, 7);
  assert.equal(stored[0].barcode, label);
  await context.close();
});

test("a photo of a GS1 DataMatrix, read by the page's BarcodeDetector, gives the same entry", async () => {
  const line = lotLines[1];
  const png = await bwipjs.toBuffer({ bcid: "gs1datamatrix", text: `(01)${line.item.gtin}(10)${line.batch_number}(30)5`, scale: 6, padding: 10, backgroundcolor: "FFFFFF" });
  const context = await browser.newContext();
  const page = await openScanner(context);
  await page.setInputFiles("input[name=photo]", { name: "label.png", mimeType: "image/png", buffer: png });
  await page.locator("[data-field=label].ok", { hasText: `lot ${line.batch_number}` }).waitFor({ timeout: 30000 });
  assert.equal(await page.inputValue("input[name=sku]"), line.sku);
  assert.equal(await page.inputValue("input[name=counted_qty]"), "5");
  // Then the bin's own label (a plain Code 128): it fills the bin, not the item.
  const binLabel = await bwipjs.toBuffer({ bcid: "code128", text: line.bin, scale: 3, height: 12, padding: 10, backgroundcolor: "FFFFFF" });
  await page.setInputFiles("input[name=photo]", { name: "bin.png", mimeType: "image/png", buffer: binLabel });
  await page.waitForFunction((bin) => document.querySelector("input[name=bin]").value === bin, line.bin, { timeout: 30000 });
  assert.equal(await page.inputValue("input[name=sku]"), line.sku, "the item stays");
  await page.click("#scan button[type=submit]");
  await page.locator("[data-list=sent] li", { hasText: line.sku }).waitFor({ timeout: 15000 });
  const [entry] = await entriesOf(line);
  assert.equal(entry.counted_qty, 5);
  assert.equal(entry.batch_number, line.batch_number);
  assert.match(entry.barcode, new RegExp(`^(\\]d2)?01${line.item.gtin}10${line.batch_number}\\x1d?305$`));
  await context.close();
});

test("2 × CASE of 12 is stored as 24 and shown as 2 × CASE (12)", async () => {
  const context = await browser.newContext();
  const page = await openScanner(context);
  await page.locator("input[name=sku]").fill(packed.sku);
  await page.locator("input[name=sku]").press("Enter");
  await page.locator("select[name=uom] option[value=CASE]").waitFor({ state: "attached" });
  await page.locator("input[name=bin]").fill(packed.bin);
  await page.selectOption("select[name=uom]", "CASE");
  await page.locator("input[name=counted_qty]").fill("2");
  await page.click("#scan button[type=submit]");
  await page.locator("[data-list=sent] li", { hasText: "2 × CASE (12)" }).waitFor({ timeout: 15000 });
  const [entry] = await entriesOf(packed);
  assert.equal(entry.counted_qty, 24);
  assert.equal(entry.pack, "2 × CASE (12)");
  await context.close();
});

test("a task's walk lists its bins with what is left, ticks off what is counted, and survives a reload offline", async () => {
  const tasks = (await api("GET", `/stock-count/tasks?session_id=${session.id}&page_size=200`)).items.filter((t) => t.status !== "COMPLETED");
  const walks = [];
  for (const t of tasks) walks.push(await api("GET", `/stock-count/tasks/${t.id}/walk`));
  const walk = walks.find((w) => w.bins.some((b) => b.lines.some((l) => !l.counted && !l.batch_number && !l.serial_number)));
  assert.ok(walk, "a task with an untracked line left");
  const bin = walk.bins.find((b) => b.lines.some((l) => !l.counted && !l.batch_number && !l.serial_number));
  const line = bin.lines.find((l) => !l.counted && !l.batch_number && !l.serial_number);
  // What it holds (read as an approver): a count that matches asks no recount, which would take the line to another task.
  const held = (await api("GET", `/stock-count/sessions/${session.id}/snapshots?kind=untracked&page_size=500`)).items
    .find((n) => n.item_id === line.item_id && n.bin === bin.bin).quantity;
  const context = await browser.newContext();
  const page = await openScanner(context);
  await page.selectOption("select[name=task_id]", walk.task_id);
  const progress = page.locator("[data-field=progress]");
  await progress.filter({ hasText: `${walk.counted} of ${walk.lines} lines counted` }).waitFor();
  assert.doesNotMatch(await page.locator("#walk").textContent(), /expected|on hand|\bqty\b/i, "blind: no quantities");
  const bins = await page.locator("[data-list=walk] > li").evaluateAll((items) => items.map((i) => i.dataset.bin));
  assert.deepEqual(bins.filter(Boolean), walk.bins.map((b) => b.bin).filter(Boolean), "in walk order");
  // A pick fills the line; counting it ticks it off at once.
  await page.locator(`[data-list=walk] > li[data-bin="${bin.bin}"] button`, { hasText: line.sku }).first().click();
  assert.equal(await page.inputValue("input[name=sku]"), line.sku);
  await page.keyboard.type(String(held));
  await page.keyboard.press("Enter");
  await progress.filter({ hasText: `${walk.counted + 1} of ${walk.lines} lines counted` }).waitFor({ timeout: 15000 });
  await page.locator("[data-field=state]", { hasText: "Nothing waiting." }).waitFor({ timeout: 15000 });
  // With the network gone, a reload still opens the page and its walk.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await context.setOffline(true);
  await page.reload();
  await progress.filter({ hasText: `${walk.counted + 1} of ${walk.lines} lines counted` }).waitFor({ timeout: 15000 });
  assert.match(await page.locator(`[data-list=walk] > li[data-bin="${bin.bin}"]`).textContent(), new RegExp(`✓ ${line.sku}`));
  await context.setOffline(false);
  await context.close();
});

test("before the close, the dashboard shows per task what nobody counted, sends it to a recount task, and asks before closing", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.base}/admin-dashboard.html`);
  await page.fill("#token", "demo-approver-token");
  await page.click("#token-form button");
  const row = page.locator(`#sessions tr[data-id="${session.id}"]`);
  await row.locator("button", { hasText: "Not counted" }).click();
  const review = page.locator("#uncounted");
  await review.locator("tbody tr").first().waitFor({ timeout: 20000 });
  const first = review.locator("tbody tr").first();
  const task = await first.getAttribute("data-task");
  const left = Number(await first.locator("td.num").textContent());
  assert.ok(left > 0);
  await first.locator("button", { hasText: "Send to a recount task" }).click();
  await review.locator(".hint.ok", { hasText: `${left} line${left === 1 ? "" : "s"} sent to "Not counted in` }).waitFor({ timeout: 15000 });
  const tasks = (await api("GET", `/stock-count/tasks?session_id=${session.id}&page_size=200`)).items;
  const made = tasks.find((t) => t.name.startsWith("Not counted in") && t.status === "OPEN");
  assert.ok(made, "the recount task exists");
  assert.equal((await api("GET", `/stock-count/tasks/${made.id}/walk`)).lines, left);
  assert.equal((await api("GET", `/stock-count/tasks/${task}/walk`)).counted, (await api("GET", `/stock-count/tasks/${task}/walk`)).lines);
  // Closing with lines left asks first: "no" keeps the session counting, "yes" closes it.
  page.once("dialog", (dialog) => { assert.match(dialog.message(), /not counted/); dialog.dismiss(); });
  await review.locator("button[data-action=close]").click();
  await review.locator(".hint", { hasText: "Not closed." }).waitFor();
  assert.equal((await api("GET", `/stock-count/sessions/${session.id}`)).status, "ACTIVE");
  page.once("dialog", (dialog) => dialog.accept());
  await review.locator("button[data-action=close]").click();
  await review.locator(".hint.ok", { hasText: "is closed" }).waitFor({ timeout: 30000 });
  assert.equal((await api("GET", `/stock-count/sessions/${session.id}`)).status, "CLOSED");
  await context.close();
});

test("the page reads labels as the native and wasm cores do: the conformance cases, in Chromium", async () => {
  const cases = JSON.parse(readFileSync(path.join(import.meta.dirname, "../conformance/cases/gs1.json"), "utf8"));
  const context = await browser.newContext();
  const page = await openScanner(context);
  for (const c of cases) {
    const output = await page.evaluate(async (input) => {
      const { bindCore } = await import("./core_abi.js");
      const wasm = await WebAssembly.compile(await (await fetch("./core.wasm")).arrayBuffer());
      return bindCore(wasm)(input);
    }, c.input);
    if (c.expect.done) {
      for (const [key, value] of Object.entries(c.expect.done)) assert.deepEqual(output.done[key], value, `${c.name}: ${key}`);
    } else {
      assert.equal(output.respond.status, c.expect.respond.status, c.name);
      assert.deepEqual(JSON.parse(output.respond.body).errors, c.expect.respond.body_json.errors, c.name);
    }
  }
  // …and the page's own reader says the same of a label as the API does.
  const read = await page.evaluate(async () => (await import("./scan/label.js")).readLabel("]C10109501101530004"));
  assert.deepEqual(read, { problem: "AI 01 at position 3: check digit does not match" });
  await context.close();
});
