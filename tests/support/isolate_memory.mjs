// The Worker isolate's own memory, read through workerd's V8 inspector (the
// runtime started with `inspectorPort`): the JS heap still alive after a full
// collection and the byte length of every WebAssembly.Memory (the core's
// linear memory, which only ever grows). Unlike the process's RSS, neither
// includes the local D1 that workerd also holds.
import WebSocket from "ws";

// `poke()` makes the isolate run (the inspector answers between requests).
// Miniflare lists its user worker as "core:user:"; wrangler dev's inspector proxy lists one target.
export async function connectIsolate(port, poke) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  const target = targets.find((t) => t.id === "core:user:") ?? (targets.length === 1 ? targets[0] : undefined);
  if (!target) throw new Error(`no user worker among the inspector's targets: ${targets.map((t) => t.id).join(", ")}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let next = 0;
  let contextId = null;
  const waiting = new Map();
  ws.on("message", (data) => {
    const message = JSON.parse(data);
    if (message.method === "Runtime.executionContextCreated") contextId = message.params.context.id;
    const settle = waiting.get(message.id);
    if (!settle) return;
    waiting.delete(message.id);
    if (message.error) settle.reject(new Error(`${message.error.message} (${settle.method})`));
    else settle.resolve(message.result);
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject, method });
    ws.send(JSON.stringify({ id, method, params }));
  });
  await send("Runtime.enable");
  await poke();
  if (contextId === null) throw new Error("the inspector announced no execution context");

  return {
    // Queries every WebAssembly.Memory; V8 collects all garbage before it answers
    // such a query, so the heap figure read right after is what is still alive.
    async measure() {
      const proto = await send("Runtime.evaluate", { expression: "WebAssembly.Memory.prototype", contextId });
      const found = await send("Runtime.queryObjects", { prototypeObjectId: proto.result.objectId });
      const sizes = await send("Runtime.callFunctionOn", {
        objectId: found.objects.objectId,
        functionDeclaration: "function () { return this.map((m) => m.buffer.byteLength); }",
        returnByValue: true,
      });
      const heap = await send("Runtime.getHeapUsage");
      for (const objectId of [proto.result.objectId, found.objects.objectId]) await send("Runtime.releaseObject", { objectId });
      return { heapLiveBytes: heap.usedSize, wasmBytes: sizes.result.value.reduce((a, b) => a + b, 0), wasmMemories: sizes.result.value.length };
    },
    // The JS heap now, garbage included, without collecting (cheap enough to sample while
    // requests run): used and committed bytes.
    async heapNow() {
      const heap = await send("Runtime.getHeapUsage");
      return { usedBytes: heap.usedSize, totalBytes: heap.totalSize };
    },
    // V8's sampling CPU profiler over the isolate (bench/scan_profile.mjs): start, then stop → the profile.
    async startProfile(intervalUs = 200) {
      await send("Profiler.enable");
      await send("Profiler.setSamplingInterval", { interval: intervalUs });
      await send("Profiler.start");
    },
    async stopProfile() {
      return (await send("Profiler.stop")).profile;
    },
    close() {
      ws.close();
    },
  };
}
