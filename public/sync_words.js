// How old the mirror is, in words (the dashboard's card, the settings page's NetSuite section):
// the last NetSuite sync that finished, warned when older than two intervals or when the last run
// failed; a run going on says where it is. → { asOf, notes: [text], bad }
export function syncWords(sync) {
  const asOf = sync.on_hand_as_of;
  const stale = Boolean(asOf) && Date.now() - Date.parse(asOf) > 2 * sync.interval_minutes * 60000;
  const failed = sync.last?.status === "failed";
  const notes = [];
  if (!sync.connected) notes.push("not connected to NetSuite");
  else if (!asOf && !sync.current && !sync.last) notes.push("not synced from NetSuite yet (loaded by import, or waiting for its first sync)");
  if (asOf) notes.push(`${asOf.slice(0, 10)}${stale ? `, older than two sync intervals (${2 * sync.interval_minutes} min)` : ""}`);
  if (sync.current) notes.push(`syncing now: ${sync.current.stage}, ${sync.current.pages} pages${sync.current.last_error ? ` — retrying after: ${sync.current.last_error}` : ""}`);
  if (failed) notes.push(`the last sync failed: ${sync.last.last_error}`);
  const deferred = sync.last?.deferred_items?.length ?? 0;
  if (deferred) notes.push(`${deferred} item(s) wait for a push, then the next sync`);
  return { asOf: asOf ? `as of ${asOf.slice(11, 16)} UTC` : null, notes, bad: stale || failed };
}
