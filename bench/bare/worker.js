// The baseline of bench/ingest.mjs: a Worker that does nothing but insert the
// rows of a POST /api/inventory/count body into D1, one json_each statement per
// 500 rows in one batch — no auth, validation, resolution, dedupe or core.
// POST /items is bench/import.mjs's baseline: the rows of an items upload (JSON) upserted by sku,
// 500 a statement — no CSV, no checks, no reads, no core.
async function upsertItems(request, env) {
  const { rows } = await request.json();
  const statements = [env.DB.prepare(
    "CREATE TABLE IF NOT EXISTS bare_items (sku TEXT PRIMARY KEY, name TEXT, category TEXT, brand TEXT, avg_cost_minor INTEGER, tracking TEXT)")];
  for (let i = 0; i < rows.length; i += 500) {
    statements.push(env.DB.prepare(
      "INSERT INTO bare_items (sku, name, category, brand, avg_cost_minor, tracking) SELECT value ->> 'sku', value ->> 'name', " +
      "value ->> 'category', value ->> 'brand', CAST(ROUND((value ->> 'avg_cost') * 100) AS INTEGER), value ->> 'tracking' FROM json_each(?1) WHERE true " +
      "ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category, brand = excluded.brand, " +
      "avg_cost_minor = excluded.avg_cost_minor, tracking = excluded.tracking",
    ).bind(JSON.stringify(rows.slice(i, i + 500))));
  }
  const started = Date.now();
  await env.DB.batch(statements);
  return Response.json({ rows: rows.length }, { headers: { "Server-Timing": `d1;dur=${Date.now() - started}` } });
}

export default {
  async fetch(request, env) {
    if (request.method !== "POST") return new Response("POST a count body", { status: 405 });
    if (new URL(request.url).pathname === "/items") return upsertItems(request, env);
    const { location_id: location, counts } = await request.json();
    const statements = [env.DB.prepare(
      "CREATE TABLE IF NOT EXISTS bare_entries (id INTEGER PRIMARY KEY, location_id TEXT, sku TEXT, bin TEXT, counted_qty REAL, client_entry_id TEXT, counted_at TEXT)")];
    for (let i = 0; i < counts.length; i += 500) {
      statements.push(env.DB.prepare(
        "INSERT INTO bare_entries (location_id, sku, bin, counted_qty, client_entry_id, counted_at) " +
        "SELECT ?1, value ->> 'sku', value ->> 'bin', value ->> 'counted_qty', value ->> 'client_entry_id', ?2 FROM json_each(?3)",
      ).bind(location, new Date().toISOString(), JSON.stringify(counts.slice(i, i + 500))));
    }
    const started = Date.now();
    await env.DB.batch(statements);
    // The same Server-Timing figure as the product's, for bench/ingest.mjs's ceiling.
    return Response.json({ accepted: counts.length }, { status: 201, headers: { "Server-Timing": `d1;dur=${Date.now() - started}` } });
  },
};
