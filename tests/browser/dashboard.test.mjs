// The admin dashboard in real headless Chromium against the running product.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchChromium } from "../support/browser.mjs";
import { startStack } from "../support/stack.mjs";

let stack;
let browser;
before(async () => {
  stack = await startStack();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

test("the dashboard shows the service healthy and, with a token, the locations", async () => {
  const page = await browser.newPage();
  await page.goto(`${stack.base}/admin-dashboard.html`);
  await page.locator("#health .ok").waitFor();
  assert.match(await page.locator("#health [data-field=status]").textContent(), /^ok · core \d+\.\d+\.\d+ · database ok$/);
  await page.fill("#token", "demo-admin-token");
  await page.click("#token-form button");
  await page.locator("#locations table tbody tr").first().waitFor();
  assert.deepEqual(await page.locator("#locations tbody tr td:first-child").allTextContents(), ["DC1", "DC2"]);
});

test("a wrong token shows why the locations did not load", async () => {
  const page = await browser.newPage();
  await page.goto(`${stack.base}/admin-dashboard.html`);
  await page.fill("#token", "wrong-token");
  await page.click("#token-form button");
  await page.locator("#locations .hint.bad").waitFor();
  assert.match(await page.locator("#locations .hint").textContent(), /X-Edit-Token/);
});

test("pages carry a CSP without inline script, refuse framing and sniffing; the page runs under it", async () => {
  for (const page of ["/admin-dashboard.html", "/proposed-actions.html"]) {
    const r = await fetch(`${stack.base}${page}`);
    const csp = r.headers.get("content-security-policy") ?? "";
    assert.match(csp, /script-src 'self'/, page);
    assert.doesNotMatch(csp, /unsafe-inline/, page);
    assert.match(csp, /frame-ancestors 'none'/, page);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff", page);
  }
  const api = await fetch(`${stack.base}/health`);
  assert.equal(api.headers.get("x-content-type-options"), "nosniff");
  const page = await browser.newPage();
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto(`${stack.base}/admin-dashboard.html`);
  await page.locator("#health .ok").waitFor();
  assert.deepEqual(violations, []);
});
