// The shell's side of wasm/abi.cc, for any host that has a compiled module
// (workerd imports it; Node's conformance runner compiles the file).
// A trap (RuntimeError) poisons an instance, so it is dropped and the next
// call builds a fresh one; callers turn the CoreTrap into a 500.
export class CoreTrap extends Error {}

const EBADF = 8;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

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
        text += decoder.decode(new Uint8Array(memory().buffer, ptr, len));
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

function instantiate(module) {
  let exports = null;
  const made = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasiImports(() => exports.memory) });
  exports = made.exports;
  if (exports._initialize) exports._initialize();
  return exports;
}

// One core call on input bytes (and a body's, or null) already encoded; the result handle.
function handle(core, bytes, bodyBytes) {
  const inPtr = core.core_alloc(bytes.length);
  new Uint8Array(core.memory.buffer, inPtr, bytes.length).set(bytes);
  let result;
  if (bodyBytes === null) {
    result = core.core_handle(inPtr, bytes.length);
  } else {
    const bodyPtr = core.core_alloc(bodyBytes.length);
    new Uint8Array(core.memory.buffer, bodyPtr, bodyBytes.length).set(bodyBytes);
    result = core.core_handle_body(inPtr, bytes.length, bodyPtr, bodyBytes.length);
    core.core_free(bodyPtr);
  }
  core.core_free(inPtr);
  return result;
}

// An input as the core takes it: its JSON without the request's body, and the body beside it
// as raw bytes (wasm/abi.cc core_handle_body), or null when there is none.
export function encodeInput(input) {
  const body = typeof input.request?.body === "string" && input.request.body !== "" ? input.request.body : null;
  const bytes = encoder.encode(JSON.stringify(body === null ? input : { ...input, request: { ...input.request, body: undefined } }));
  return [bytes, body === null ? null : encoder.encode(body)];
}

// Returns call(inputObject) → outputObject over a lazily made, trap-replaced instance.
// An answer's body comes apart from the output (wasm/abi.cc); `bodyAsBytes` hands it on
// as a Uint8Array (the Worker passes it to Response untouched), else as text.
export function bindCore(module, { bodyAsBytes = false } = {}) {
  let instance = null;
  // Runs `use` on the instance; a trap drops it, so the next call builds a fresh one.
  function guarded(use) {
    instance ??= instantiate(module);
    try {
      return use(instance);
    } catch (error) {
      instance = null;
      console.error("core trapped; instance dropped:", error?.message ?? error);
      throw new CoreTrap(String(error?.message ?? error));
    }
  }
  function call(input) {
    const [bytes, bodyBytes] = encodeInput(input);
    return guarded((core) => {
      const result = handle(core, bytes, bodyBytes);
      const text = decoder.decode(new Uint8Array(core.memory.buffer, core.core_result_ptr(result), core.core_result_len(result)));
      const output = JSON.parse(text);
      if (output.respond?.body_follows) {
        const body = new Uint8Array(core.memory.buffer, core.core_result_body_ptr(result), core.core_result_body_len(result));
        output.respond.body = bodyAsBytes ? body.slice() : decoder.decode(body);
        delete output.respond.body_follows;
      }
      core.core_result_free(result);
      return output;
    });
  }
  // The instance's linear memory: wasm memory only grows, so this is its high-water mark.
  call.memoryBytes = () => instance?.memory.buffer.byteLength ?? 0;
  // The core alone, as the native core is timed (bench/replay.mjs): encoded bytes in, the
  // output's length out, no JSON on this side.
  call.bytes = (bytes, bodyBytes = null) => guarded((core) => {
    const result = handle(core, bytes, bodyBytes);
    const length = core.core_result_len(result) + core.core_result_body_len(result);
    core.core_result_free(result);
    return length;
  });
  return call;
}
