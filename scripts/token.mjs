// Bootstraps an API token straight into D1 — the first admin of a fresh
// deployment, before any token exists to call POST /api/tokens with:
//   npm run token -- --business <business_id> --role admin --name "Ops" [--remote] [--persist-to DIR]
// Prints the token once; only its SHA-256 goes into api_tokens. Without --remote
// it writes the local database (STATE_DIR or --persist-to, as npm start uses).
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: {
  business: { type: "string" }, role: { type: "string" }, name: { type: "string" },
  remote: { type: "boolean", default: false }, "persist-to": { type: "string" },
} });
const fail = (why) => { console.error(`token: ${why}`); process.exit(2); };
if (!values.business || !/^[A-Za-z0-9_-]{1,64}$/.test(values.business)) fail("--business <business_id> (letters, digits, _ and -)");
if (!["scanner", "approver", "admin"].includes(values.role)) fail("--role scanner | approver | admin");
if (!values.name || values.name.length > 200 || /[\u0000-\u001f]/.test(values.name)) fail("--name <1 to 200 characters>");

const token = `cct_${randomBytes(32).toString("base64url")}`;
const hash = createHash("sha256").update(token).digest("hex");
const text = (s) => `'${s.replaceAll("'", "''")}'`;
const sql = `INSERT INTO api_tokens (token_hash, business_id, role, name, created_at) ` +
  `SELECT ${text(hash)}, id, ${text(values.role)}, ${text(values.name)}, ${text(new Date().toISOString())} FROM businesses WHERE id = ${text(values.business)} RETURNING business_id`;
const where = values.remote ? ["--remote"] : ["--local", "--persist-to", values["persist-to"] ?? process.env.STATE_DIR ?? ".wrangler/state"];
const root = path.resolve(import.meta.dirname, "..");
const out = execFileSync(path.join(root, "node_modules/.bin/wrangler"), ["d1", "execute", "DB", ...where, "--json", "--command", sql],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
const written = JSON.parse(out)[0]?.results?.length ?? 0;
if (written !== 1) fail(`no business ${values.business} in that database; nothing written (make one with npm run bootstrap -- --name "…")`);
console.log(`token for ${values.name} (${values.role}, ${values.business}), shown only now:\n${token}`);
