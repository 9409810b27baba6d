// The scanner page offline (scan.html registers it): its own files are fetched from the network
// when there is one and kept, and served from what was kept when there is none, so a reload in a
// dead zone of the warehouse still opens the page with its queue and its walk. The API is never
// cached: counts go through the page's own queue (scan_queue.js).
const CACHE = "scanner-v1";
const FILES = ["scan.html", "scan.js", "scan_queue.js", "api.js", "dashboard.css", "scan.css", "core_abi.js", "core.wasm",
  "scan/label.js", "scan/walk.js", "scan/camera.js", "vendor/barcode-detector.js", "vendor/zxing-exported.js", "vendor/zxing_reader.wasm"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!FILES.some((f) => url.pathname.endsWith(`/${f}`))) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const answer = await fetch(event.request);
      if (answer.ok) await cache.put(url.pathname, answer.clone());
      return answer;
    } catch (error) {
      const kept = await cache.match(url.pathname);
      if (kept) return kept;
      throw error;
    }
  })());
});
