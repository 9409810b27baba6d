// The task walk on the scanner page: GET /stock-count/tasks/{id}/walk (bins in walk order, the
// lines left in each, never a quantity), kept on this device so it survives a reload offline;
// lines counted here tick off at once, before the API has them.
import { api, el } from "../api.js";

const key = (task) => `scan-walk:${task}`;
export const keptWalk = (task) => JSON.parse(localStorage.getItem(key(task)) ?? "null");

export async function loadWalk(task) {
  try {
    const walk = await api(`/stock-count/tasks/${encodeURIComponent(task)}/walk`);
    localStorage.setItem(key(task), JSON.stringify(walk));
    return walk;
  } catch {
    return keptWalk(task);  // offline: the walk as last seen
  }
}

const sameLine = (line, counted) => counted.sku === line.sku && (counted.bin ?? null) === (line.bin ?? null) &&
  (!line.batch_number || counted.batch_number === line.batch_number) && (!line.serial_number || counted.serial_number === line.serial_number);

// The walk with this device's counted lines ticked: { bins: [{ bin, lines: [{ …, counted }] }], counted, lines }.
export function tick(walk, countedHere) {
  let counted = 0;
  const bins = walk.bins.map((b) => {
    const lines = b.lines.map((l) => ({ ...l, counted: l.counted || countedHere.some((c) => sameLine({ ...l, bin: b.bin }, c)) }));
    counted += lines.filter((l) => l.counted).length;
    return { ...b, lines, left: lines.filter((l) => !l.counted).length };
  });
  return { ...walk, bins, counted };
}

export function renderWalk(section, walk, pick) {
  const binsLeft = walk.bins.filter((b) => b.left > 0).length;
  section.querySelector("[data-field=progress]").textContent =
    `${walk.counted} of ${walk.lines} lines counted — ${binsLeft ? `${binsLeft} bin${binsLeft === 1 ? "" : "s"} to go` : "every bin done"}`;
  const progress = section.querySelector("progress");
  progress.max = walk.lines || 1;
  progress.value = walk.counted;
  section.querySelector("[data-list=walk]").replaceChildren(...walk.bins.map((b) => {
    const left = b.lines.filter((l) => !l.counted);
    const item = el("li", { className: left.length ? "" : "done" },
      el("strong", { textContent: `${b.bin ?? "no bin"} — ${left.length ? `${left.length} left` : "done"}` }));
    item.dataset.bin = b.bin ?? "";
    const list = el("ul", {}, ...b.lines.map((l) => {
      const what = `${l.sku}${l.batch_number ? ` lot ${l.batch_number}` : ""}${l.serial_number ? ` serial ${l.serial_number}` : ""}`;
      const pickLine = el("button", { type: "button", textContent: `${l.counted ? "✓ " : ""}${what}`, className: l.counted ? "counted" : "" });
      pickLine.addEventListener("click", () => pick(b.bin, l));
      return el("li", {}, pickLine);
    }));
    item.append(list);
    return item;
  }), ...(walk.found ?? []).map((f) => el("li", { className: "found" },
    el("span", { textContent: `found: ${f.sku} at ${f.bin ?? "no bin"}${f.batch_number ? ` lot ${f.batch_number}` : ""}` }))));
}
