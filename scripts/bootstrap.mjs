// Onboarding without SQL: makes a business and its first admin token in D1 — the first step
// after a deploy (README "Deploy"), before any token exists to call the API with:
//   npm run bootstrap -- --name "Acme Supply" [--remote] [--persist-to DIR]
// Prints the business id and the token once; only the token's SHA-256 is stored. Running it
// again with the same name makes no second business and no second token (make more tokens with
// `npm run token` or POST /api/tokens). Without --remote it writes the local database (STATE_DIR
// or --persist-to, as npm start uses).
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: {
  name: { type: "string" }, remote: { type: "boolean", default: false }, "persist-to": { type: "string" },
} });
const fail = (why) => { console.error(`bootstrap: ${why}`); process.exit(2); };
const name = values.name?.trim();
if (!name || name.length > 200 || /[\u0000-\u001f]/.test(name)) fail('--name "<the business\'s name, 1 to 200 characters>"');
const slug = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40);
const id = `biz_${slug || createHash("sha256").update(name).digest("hex").slice(0, 12)}`;

const token = `cct_${randomBytes(32).toString("base64url")}`;
const hash = createHash("sha256").update(token).digest("hex");
const now = new Date().toISOString();
const text = (s) => `'${s.replaceAll("'", "''")}'`;
// One business per name (migration 0011's unique index); the admin token only while the
// business has none, so a second run writes nothing.
const sql = [
  `INSERT INTO businesses (id, name, created_at) VALUES (${text(id)}, ${text(name)}, ${text(now)}) ON CONFLICT DO NOTHING`,
  `INSERT INTO api_tokens (token_hash, business_id, role, name, created_at) SELECT ${text(hash)}, id, 'admin', 'First admin', ${text(now)} ` +
    `FROM businesses WHERE name = ${text(name)} AND NOT EXISTS (SELECT 1 FROM api_tokens t WHERE t.business_id = businesses.id) RETURNING business_id`,
  `SELECT id, name FROM businesses WHERE name = ${text(name)} OR id = ${text(id)}`,
].join(";\n");
const where = values.remote ? ["--remote"] : ["--local", "--persist-to", values["persist-to"] ?? process.env.STATE_DIR ?? ".wrangler/state"];
const root = path.resolve(import.meta.dirname, "..");
const out = execFileSync(path.join(root, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", ...where, "--json", "--command", sql],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const results = JSON.parse(out);
const tokenWritten = results[1]?.results?.length === 1;
const found = results[2]?.results ?? [];
const business = found.find((b) => b.name === name);
if (!business) fail(`the id ${id} belongs to another business (${found[0]?.name}); choose another name; nothing written`);
if (tokenWritten) {
  console.log(`business ${business.name}: ${business.id}\nfirst admin token, shown only now (only its SHA-256 is stored):\n${token}`);
} else {
  console.log(`business ${business.name} already exists: ${business.id}\n` +
    `no token made (it has tokens already): make more with npm run token -- --business ${business.id} --role admin --name "…" or POST /api/tokens`);
}
