// The router table as the core itself answers it (core input kind "routes"), so the
// tests that walk every route — and the fuzz seeds — never read src/routes/table.cc as text.
import { readFileSync } from "node:fs";
import path from "node:path";

import { bindCore } from "../../worker/core_abi.js";

const root = path.resolve(import.meta.dirname, "../..");
const ROLE_RANK = { public: 0, scanner: 1, approver: 2, admin: 3 };

// [{ method, path, least_role, rank }] in table order (the index the route fuzzer's first byte picks).
export function routeTable(wasm = path.join(root, "build/wasi/core.wasm")) {
  const call = bindCore(new WebAssembly.Module(readFileSync(wasm)));
  const routes = call({ kind: "routes" }).done?.routes;
  if (!Array.isArray(routes) || routes.length === 0) throw new Error("the core answered no route table");
  return routes.map((r) => ({ ...r, rank: ROLE_RANK[r.least_role] }));
}

// Every route a client can reach (the debug trap is served only with CORE_DEBUG_ROUTES).
export const ROUTES = routeTable().filter((r) => r.path !== "/__core/trap");
