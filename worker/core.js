// The Worker's core: the compiled wasm module bound through core_abi.js.
import coreModule from "./core.wasm";

import { bindCore } from "./core_abi.js";

export { CoreTrap } from "./core_abi.js";
export const callCore = bindCore(coreModule, { bodyAsBytes: true });
