// The NetSuite stand-in (scripts/netsuite-standin.mjs) as a child process on a
// free port, with its test hooks: accounts, faults, records, stats.
import { spawn } from "node:child_process";
import path from "node:path";

import { freePort } from "./ports.mjs";

const root = path.resolve(import.meta.dirname, "../..");

export async function startStandin() {
  const port = await freePort();
  const child = spawn("node", ["scripts/netsuite-standin.mjs"], {
    cwd: root, env: { ...process.env, NS_STANDIN_PORT: String(port) }, stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => { if (String(d).includes("NetSuite stand-in on")) resolve(); });
    child.on("exit", (code) => reject(new Error(`stand-in exited ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const post = async (p, body) => {
    const r = await fetch(`${base}${p}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body ?? {}) });
    return { status: r.status, json: await r.json() };
  };
  return {
    base,
    child,
    addAccount: (account) => post("/__accounts", account),
    faults: (f) => post("/__faults", f),
    reset: () => post("/__reset"),
    revokeTokens: () => post("/__revoke-tokens"),
    post,
    async records(account) {
      return (await fetch(`${base}/__records${account ? `?account=${account}` : ""}`)).json();
    },
    async stats() {
      return (await fetch(`${base}/__stats`)).json();
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    },
  };
}
