// Labels on the scanner page: read by the Worker's own core.wasm (input kind "gs1", the parser of
// POST /api/inventory/count), so a label reads here exactly as the API will read it. The item a
// GTIN names (sku, units) is asked of the API once and kept on this device for offline counting.
import { bindCore } from "../core_abi.js";
import { api } from "../api.js";

let call = null;
async function core() {
  if (call === null) {
    const answer = await fetch(new URL("../core.wasm", import.meta.url));
    if (!answer.ok) throw new Error(`the label reader could not be loaded (${answer.status})`);
    call = bindCore(await WebAssembly.compile(await answer.arrayBuffer()));
  }
  return call;
}

// → { label: { gtin, lot, serial, expiry, count, … } } for a GS1 label or a bare EAN/UPC,
//   { problem } for text that looks like a label but is not a good one, or {} for anything else.
export async function readLabel(text) {
  const output = (await core())({ kind: "gs1", barcode: text, now: new Date().toISOString() });
  if (output.done) return { label: output.done };
  const looksLikeLabel = /^\]|^\(\d\d|\x1d/.test(text) || /^\d{8,}$/.test(text);
  const problem = JSON.parse(output.respond?.body ?? "{}").errors?.[0]?.message;
  return looksLikeLabel ? { problem: problem ?? "not a label this service reads" } : {};
}

const KEPT = "scan-items";
const kept = () => JSON.parse(localStorage.getItem(KEPT) ?? "{}");

// The item a GTIN or a sku names, from this device or the API: { sku, name, uoms } or null.
export async function itemOf({ gtin, sku }) {
  const key = gtin ? `gtin:${gtin}` : `sku:${sku}`;
  const known = kept()[key];
  if (known) return known;
  try {
    const { items } = await api(gtin ? `/api/items?barcode=${gtin}` : `/api/items?sku=${encodeURIComponent(sku)}`);
    const item = items[0] ? { sku: items[0].sku, name: items[0].name, uoms: items[0].uoms ?? [] } : null;
    if (item) localStorage.setItem(KEPT, JSON.stringify({ ...kept(), [key]: item, [`sku:${item.sku}`]: item }));
    return item;
  } catch {
    return null;  // offline or refused: the API reads the label when the line is sent
  }
}

// "2 × CASE (12)" for a count in a unit, else the plain number.
export function packText(line) {
  if (!line.uom) return String(line.counted_qty);
  const unit = line.uoms?.find((u) => u.code === line.uom);
  return `${line.counted_qty} × ${line.uom}${unit ? ` (${unit.factor})` : ""}`;
}
