/* Kenal's service worker: static files from the cache, pages from the network, and Today, the people list
   and the person pages visited recently readable offline. A plain file served by Kenal at /sw.js: no build step.
   Nothing is fetched from another origin. Logging out empties the page cache (see app.js). */
const VERSION = "kenal-v2"; // v2: styles and handlers moved out of the pages (CSP)
const STATIC = `${VERSION}-static`;
const PAGES = "kenal-pages";
const RECENT_PEOPLE = 20;
const SHELL = [
  "/static/kenal/kenal.css",
  "/static/kenal/htmx.min.js",
  "/static/kenal/app.js",
  "/static/kenal/icons/icon-192.png",
  "/static/kenal/icons/favicon-32.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(STATIC).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.endsWith("-static") && key !== STATIC).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "logged-out") event.waitUntil(caches.delete(PAGES));
});

// Pages kept for reading offline: Today, the people list, and a person's page.
function keepable(url) {
  return url.pathname === "/" || url.pathname === "/people/" || /^\/people\/\d+\/$/.test(url.pathname);
}

async function remember(request, response) {
  const url = new URL(request.url);
  if (!response.ok || response.redirected || !keepable(url) || url.search) return;
  if (!(response.headers.get("content-type") || "").startsWith("text/html")) return;
  const headers = new Headers(response.headers);
  headers.set("x-kenal-saved-at", new Date().toISOString());
  const copy = new Response(await response.clone().blob(), { status: response.status, headers });
  const cache = await caches.open(PAGES);
  await cache.put(url.pathname, copy);
  // Only the most recent person pages stay.
  const people = (await cache.keys()).filter((key) => /^\/people\/\d+\/$/.test(new URL(key.url).pathname));
  for (const old of people.slice(0, Math.max(0, people.length - RECENT_PEOPLE))) await cache.delete(old);
}

async function fromCache(request) {
  const cache = await caches.open(PAGES);
  const saved = await cache.match(new URL(request.url).pathname);
  if (!saved) return null;
  const html = (await saved.text()).replace("<html ", `<html data-offline-since="${saved.headers.get("x-kenal-saved-at")}" `);
  return new Response(html, { status: 200, headers: { "content-type": "text/html; charset=utf-8" } });
}

function offlinePage() {
  const body = `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kenal</title><link rel="stylesheet" href="/static/kenal/kenal.css"></head><body><main>
<h1>Sedang offline</h1><p>Halaman ini belum pernah dibuka di perangkat ini, jadi belum bisa dibaca tanpa internet. Hari ini, daftar orang dan halaman orang yang baru Anda buka tetap bisa dibaca.</p>
<p lang="en">You are offline. This page has not been opened on this device yet; Today, your people and the people you opened recently can still be read.</p>
<p><a class="button" href="/">Hari ini · Today</a></p></main></body></html>`;
  return new Response(body, { status: 503, headers: { "content-type": "text/html; charset=utf-8" } });
}

function refusedWrite() {
  const body = JSON.stringify({ detail: "Offline: nothing was saved. Try again when you are connected. / Sedang offline: tidak ada yang tersimpan. Coba lagi saat tersambung." });
  return new Response(body, { status: 503, headers: { "content-type": "application/json" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // A write made offline is refused, never queued and never lost silently: the page says so (app.js).
    event.respondWith(fetch(request).catch(() => refusedWrite()));
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (request.mode === "navigate" || (request.headers.get("accept") || "").includes("text/html")) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          event.waitUntil(remember(request, response));
          return response;
        })
        .catch(async () => (await fromCache(request)) || offlinePage())
    );
  }
});
