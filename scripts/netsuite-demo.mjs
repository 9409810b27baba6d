// The demo's NetSuite accounts (npm start), against the stand-in:
//   node scripts/netsuite-demo.mjs dev-vars
//       writes to .dev.vars (wrangler's local secrets file, git-ignored) what is
//       missing: NS_SECRETS_KEY and the demo credentials, generated once
//   node scripts/netsuite-demo.mjs configure <product-url> <standin-url>
//       tells the stand-in the accounts (public key, TBA secrets) and saves each
//       business's connection through the product's own API
//       (Northwind Supply: M2M with an EC P-256 certificate; Contoso Traders: TBA)
import { createPublicKey } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { connectionBody, newM2m, newSecretsKey, newTba, standinAccount } from "./netsuite-credentials.mjs";

const devVarsPath = path.resolve(import.meta.dirname, "..", ".dev.vars");

const ACCOUNTS = {
  northwind: { token: "demo-admin-token", account_id: "TSTDRV1234567", subsidiary_id: "1", adjustment_account_id: "212" },
  contoso: { token: "demo2-admin-token", account_id: "7654321-sb1", subsidiary_id: "2", adjustment_account_id: "310" },
};

function readDevVars() {
  const vars = {};
  if (!existsSync(devVarsPath)) return vars;
  for (const line of readFileSync(devVarsPath, "utf8").split("\n")) {
    const m = line.match(/^([A-Z0-9_]+)=(.*)$/);
    if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, "$1").replaceAll("\\n", "\n");
  }
  return vars;
}

function devVars() {
  const vars = readDevVars();
  const added = {};
  const want = (name, make) => { if (!vars[name]) added[name] = vars[name] = make(); };
  want("NS_SECRETS_KEY", newSecretsKey);
  if (!vars.DEMO_NS_NORTHWIND_PRIVATE_KEY) {
    const m2m = newM2m("ec");
    added.DEMO_NS_NORTHWIND_CLIENT_ID = m2m.client_id;
    added.DEMO_NS_NORTHWIND_CERT_ID = m2m.cert_id;
    added.DEMO_NS_NORTHWIND_PRIVATE_KEY = m2m.private_key_pem;
  }
  if (!vars.DEMO_NS_CONTOSO_TOKEN_SECRET) {
    const tba = newTba();
    for (const [k, v] of Object.entries(tba)) added[`DEMO_NS_CONTOSO_${k.toUpperCase()}`] = v;
  }
  if (Object.keys(added).length === 0) return;
  const lines = Object.entries(added).map(([k, v]) => `${k}="${String(v).replaceAll("\n", "\\n")}"`);
  const head = existsSync(devVarsPath) ? readFileSync(devVarsPath, "utf8").replace(/\n?$/, "\n") : "# Local secrets for wrangler dev (git-ignored). Made by scripts/netsuite-demo.mjs.\n";
  writeFileSync(devVarsPath, head + lines.join("\n") + "\n", { mode: 0o600 });
  console.log(`netsuite demo: wrote ${Object.keys(added).join(", ")} to .dev.vars`);
}

function demoAccounts() {
  const v = readDevVars();
  const pem = v.DEMO_NS_NORTHWIND_PRIVATE_KEY;
  return {
    northwind: { ...ACCOUNTS.northwind, m2m: { client_id: v.DEMO_NS_NORTHWIND_CLIENT_ID, cert_id: v.DEMO_NS_NORTHWIND_CERT_ID,
      private_key_pem: pem, public_key_pem: createPublicKey(pem).export({ type: "spki", format: "pem" }) } },
    contoso: { ...ACCOUNTS.contoso, tba: { consumer_key: v.DEMO_NS_CONTOSO_CONSUMER_KEY, consumer_secret: v.DEMO_NS_CONTOSO_CONSUMER_SECRET,
      token_id: v.DEMO_NS_CONTOSO_TOKEN_ID, token_secret: v.DEMO_NS_CONTOSO_TOKEN_SECRET } },
  };
}

async function configure(product, standin) {
  for (const [name, account] of Object.entries(demoAccounts())) {
    const registered = await fetch(`${standin}/__accounts`, { method: "POST", body: JSON.stringify(standinAccount(account)) });
    if (!registered.ok) throw new Error(`stand-in refused the ${name} account: ${await registered.text()}`);
    const saved = await fetch(`${product}/api/netsuite/connection`, {
      method: "PUT", headers: { "x-edit-token": account.token, "content-type": "application/json" },
      body: JSON.stringify(connectionBody(account, standin)),
    });
    if (!saved.ok) throw new Error(`the ${name} connection was refused: ${await saved.text()}`);
    const shown = await saved.json();
    console.log(`netsuite demo: ${name} → account ${shown.account_id} (${shown.auth_mode}${shown.key_alg ? `, ${shown.key_alg}` : ""})`);
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === "dev-vars") devVars();
else if (command === "configure") await configure(args[0], args[1]);
else {
  console.error("usage: netsuite-demo.mjs dev-vars | configure <product-url> <standin-url>");
  process.exit(2);
}
