// The scanner's local queue (IndexedDB): every counted line waits here, under
// the client_entry_id it got when it was typed, until the API has it — so a
// dropped connection or a reload loses nothing, and a resend is a duplicate the
// server recognises, never a second count.
const DB = "cycle-count-scanner";
const STORE = "lines";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "client_entry_id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, act) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(request?.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  });
}

export const queue = {
  put: (line) => run("readwrite", (store) => store.put(line)),
  remove: (id) => run("readwrite", (store) => store.delete(id)),
  all: async () => ((await run("readonly", (store) => store.getAll())) ?? []).sort((a, b) => a.queued_at.localeCompare(b.queued_at)),
};
