// Loads the demo's master data and on-hand through the product's real paths, as a new
// business would (npm start runs it once on a fresh state directory, after the
// connections are saved):
//   Northwind Supply — its catalogue goes to its NetSuite account on the stand-in
//     (POST /__catalog) and arrives by a full sync (POST /api/netsuite/sync), so
//     Northwind follows NetSuite from then on;
//   Contoso Traders — four CSV files through POST /api/import/{kind};
//   both — their guardrails through PUT /api/guardrails.
// Zones join each location's rotation as their bins arrive, so the weekly tick counts them.
//   node scripts/demo-load.mjs [--if-empty] <product-url> <standin-url>
// --if-empty: only when Northwind has no item yet.
import { contosoFiles, demoGuardrails, northwindCatalog } from "./demo-seed.mjs";

const TOKENS = { biz_northwind: "demo-admin-token", biz_contoso: "demo2-admin-token" };

async function call(base, method, path, token, { body, type = "application/json" } = {}) {
  const headers = { "X-Edit-Token": token };
  if (body !== undefined) headers["content-type"] = type;
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined || typeof body === "string" ? body : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

// Asks for a run and waits until it is over; a failed run is an error.
export async function syncAndWait(base, token, body = {}, { timeoutMs = 180000 } = {}) {
  const asked = await call(base, "POST", "/api/netsuite/sync", token, { body });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await call(base, "GET", "/api/netsuite/sync", token);
    if (status.current === null && status.last?.id === asked.current.id) {
      if (status.last.status !== "done") throw new Error(`the NetSuite sync ${status.last.status}: ${status.last.last_error}`);
      return status.last;
    }
    if (Date.now() > deadline) throw new Error(`the NetSuite sync is still ${JSON.stringify(status.current)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function loadDemo(base, standin, { log = () => {} } = {}) {
  const { account, business, ...catalog } = northwindCatalog();
  const put = await fetch(`${standin}/__catalog?account=${account}`, { method: "POST", body: JSON.stringify(catalog) });
  if (!put.ok) throw new Error(`the stand-in refused Northwind's catalogue: ${await put.text()}`);
  const run = await syncAndWait(base, TOKENS[business], { full: true });
  const t = run.tables;
  log(`Northwind Supply from NetSuite: ${t.locations?.written ?? 0} locations, ${t.bins?.written ?? 0} bins, ` +
      `${t.items?.written ?? 0} items, ${t.balances?.items_written ?? 0} items' on-hand (${run.pages} pages, ${run.duration_ms} ms)`);

  const loaded = [];
  for (const [kind, text] of contosoFiles()) {
    const answer = await call(base, "POST", `/api/import/${kind}`, TOKENS.biz_contoso, { body: text, type: "text/csv" });
    loaded.push(`${answer.created} ${answer.created === 1 ? kind.replace(/s$/, "") : kind}`);
  }
  log(`Contoso Traders by CSV import: ${loaded.join(", ")}`);

  for (const [id, guardrails] of Object.entries(demoGuardrails())) await call(base, "PUT", "/api/guardrails", TOKENS[id], { body: guardrails });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const ifEmpty = args[0] === "--if-empty";
  const [base, standin] = ifEmpty ? args.slice(1) : args;
  if (!base || !standin) {
    console.error("usage: node scripts/demo-load.mjs [--if-empty] <product-url> <standin-url>");
    process.exit(2);
  }
  const items = await call(base, "GET", "/api/items?page_size=1", TOKENS.biz_northwind);
  if (ifEmpty && items.total > 0) process.exit(0);
  const started = Date.now();
  await loadDemo(base, standin, { log: (line) => console.log(`demo data: ${line}`) });
  console.log(`demo data: loaded through the sync and the import in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
