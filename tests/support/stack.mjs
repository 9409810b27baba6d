// Starts the product as `npm start` runs it — wrangler dev (workerd + local D1
// + assets) and the NetSuite stand-in — on free ports with a private copy of
// the prepared database, for the browser and end-to-end tests.
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { freePort } from "./ports.mjs";

const root = path.resolve(import.meta.dirname, "../..");

// Waits for `url` to answer 2xx; gives up early once `gone()` says its server exited.
async function waitFor(url, ms = 60000, gone = () => false) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !gone()) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready after ${ms} ms`);
}

// `template`: the state to copy (default TEMPLATE_STATE; HISTORY_TEMPLATE holds the seeded weeks).
// `netsuite`: register the demo accounts on the stand-in and save the connections, as npm start does.
// `demoClock`: DEMO_CLOCK=1, for the history seed.
// `logTo`: a file that receives the runtime's whole output, the Worker's log lines included (the
// runtime logs at level "log" then; else only errors).
function exited(child) {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", resolve)));
}

export async function startStack({ template = process.env.TEMPLATE_STATE, netsuite = false, demoClock = false, logTo = null } = {}) {
  if (!template) throw new Error("TEMPLATE_STATE is not set (scripts/test.sh prepares it)");
  const stateDir = mkdtempSync(path.join(tmpdir(), "cc-state-"));
  cpSync(template, stateDir, { recursive: true });
  // A port found free may be taken by a parallel test before wrangler binds it: then new ports.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const nsPort = await freePort();
    // Each wrangler dev also opens a devtools inspector (9229 by default): two
    // stacks at once must not share it, or the second runtime fails to start.
    const inspectorPort = await freePort();
    // The stand-in keeps its NetSuite beside the database (as npm start does), so a template made
    // through the sync carries the account it was synced from.
    const env = { ...process.env, NS_STANDIN_PORT: String(nsPort), NS_STANDIN_STATE: path.join(stateDir, "netsuite-standin.json"),
                  WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };
    const children = [
      spawn("node", ["scripts/netsuite-standin.mjs"], { cwd: root, env, detached: true, stdio: "ignore" }),
      spawn(path.join(root, "node_modules/.bin/wrangler"),
        ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", stateDir, "--test-scheduled",
         "--inspector-port", String(inspectorPort), "--inspector-ip", "127.0.0.1",
         "--var", "NS_ALLOW_LOOPBACK:1", "--var", "NS_RETRY_BASE_MS:200", ...(demoClock ? ["--var", "DEMO_CLOCK:1"] : []),
         "--log-level", logTo ? "log" : "error", "--show-interactive-dev-session=false"],
        { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] }),
    ];
    let log = "";  // shown when the runtime does not come up
    let gone = false;  // wrangler exited, or cannot bind its port (it says so and stays up)
    const collect = (chunk) => {
      log += chunk;
      if (process.env.STACK_LOG) appendFileSync(process.env.STACK_LOG, chunk);  // a run's runtime output, when asked for
      if (logTo) appendFileSync(logTo, chunk);
      if (log.includes("Address already in use")) gone = true;
    };
    children[1].stderr.on("data", collect);
    children[1].stdout.on("data", collect);
    children[1].on("exit", (code) => { gone = true; log += `\n[wrangler exited ${code}]`; });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}/health`, 60000, () => gone);
    } catch (error) {
      for (const child of children) { try { process.kill(-child.pid, "SIGTERM"); } catch {} }
      await Promise.all(children.map(exited));
      if (attempt < 3 && log.includes("Address already in use")) continue;
      throw new Error(`${error.message}\n${log}`);
    }
    return finishStack({ base, nsPort, inspectorPort, stateDir, children, netsuite });
  }
}

async function finishStack({ base, nsPort, inspectorPort, stateDir, children, netsuite }) {
  await waitFor(`http://127.0.0.1:${nsPort}/__stats`);
  const ns = `http://127.0.0.1:${nsPort}`;
  if (netsuite) execFileSync("node", ["scripts/netsuite-demo.mjs", "configure", base, ns], { cwd: root, stdio: "ignore" });
  return {
    base,
    ns,
    stateDir,
    inspectorPort,  // the Worker isolate's devtools (tests/support/isolate_memory.mjs)
    runtimeGroup: children[1].pid,  // wrangler's process group: workerd runs in it
    // Resolves once both children have exited (their state is on disk).
    async stop() {
      for (const child of children) {
        try { process.kill(-child.pid, "SIGTERM"); } catch {}
      }
      await Promise.all(children.map(exited));
    },
  };
}
