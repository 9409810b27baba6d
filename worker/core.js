// The wasm core behind one function: call(input object) → output object.
// A trap (RuntimeError) poisons an instance, so it is dropped and the next
// call builds a fresh one; the caller turns the CoreTrap into a 500.
import coreModule from "./core.wasm";

export class CoreTrap extends Error {}

const EBADF = 8;
let instance = null;

// Only libc++abi's abort path reaches WASI: print what it writes, refuse the rest.
function wasiImports(memory) {
  return {
    fd_write(fd, iovs, iovsLen, nwrittenPtr) {
      const view = new DataView(memory().buffer);
      let text = "";
      let written = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view.getUint32(iovs + i * 8, true);
        const len = view.getUint32(iovs + i * 8 + 4, true);
        text += new TextDecoder().decode(new Uint8Array(memory().buffer, ptr, len));
        written += len;
      }
      if (text.trim()) console.error(`core (fd ${fd}): ${text.trim()}`);
      view.setUint32(nwrittenPtr, written, true);
      return 0;
    },
    fd_seek: () => EBADF,
    fd_close: () => EBADF,
  };
}

function freshInstance() {
  let exports = null;
  const made = new WebAssembly.Instance(coreModule, {
    wasi_snapshot_preview1: wasiImports(() => exports.memory),
  });
  exports = made.exports;
  if (exports._initialize) exports._initialize();
  return exports;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function callCore(input) {
  instance ??= freshInstance();
  const core = instance;
  const bytes = encoder.encode(JSON.stringify(input));
  try {
    const inPtr = core.core_alloc(bytes.length);
    new Uint8Array(core.memory.buffer, inPtr, bytes.length).set(bytes);
    const result = core.core_handle(inPtr, bytes.length);
    core.core_free(inPtr);
    const outPtr = core.core_result_ptr(result);
    const outLen = core.core_result_len(result);
    const text = decoder.decode(new Uint8Array(core.memory.buffer, outPtr, outLen));
    core.core_result_free(result);
    return JSON.parse(text);
  } catch (error) {
    instance = null;
    console.error("core trapped; instance dropped", error);
    throw new CoreTrap(String(error?.message ?? error));
  }
}
