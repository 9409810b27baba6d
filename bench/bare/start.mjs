// Starts bench/bare/worker.js (the bare D1 Worker the benches compare with) on wrangler dev.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort } from "../../tests/support/ports.mjs";

const root = path.resolve(import.meta.dirname, "../..");

export async function startBare() {
  const port = await freePort();
  const child = spawn(path.join(root, "node_modules/.bin/wrangler"),
    ["dev", "-c", "bench/bare/wrangler.toml", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", mkdtempSync(path.join(tmpdir(), "bare-")),
     "--inspector-port", String(await freePort()), "--log-level", "error", "--show-interactive-dev-session=false"],
    { cwd: root, detached: true, stdio: "ignore", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(base)).status === 405) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, stop: () => { try { process.kill(-child.pid, "SIGTERM"); } catch {} } };
}
