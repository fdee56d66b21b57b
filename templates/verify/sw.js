{% autoescape off %}/* Service worker of the offline verifier (scope /v/), served by certificates/views/credentials.py.
 * Install: caches the verifier page, its JS/CSS, the key set and the status lists.
 * Navigations under /v/: network first; with no network the cached verifier page answers, and
 * it reads the token from the URL fragment. Key set and status lists: network first (and the
 * cache is refreshed), the cached copy when offline, marked with the time it was fetched. */
"use strict";
const ASSETS = {{ assets_json }};
const CACHE = "kopsis-verifier-v1";
const DATA = [ASSETS.jwks, ...ASSETS.lists];

async function stamped(response, fromCache) {
  const headers = new Headers(response.headers);
  if (!headers.has("x-kopsis-cached-at")) headers.set("x-kopsis-cached-at", new Date().toISOString());
  headers.set("x-kopsis-from-cache", fromCache ? "1" : "0");
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}

async function refresh(cache, url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(String(response.status));
  const copy = await stamped(response, false);
  await cache.put(url, copy.clone());
  return copy;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll([ASSETS.page, ASSETS.js, ASSETS.css]);
    await Promise.all(DATA.map((url) => refresh(cache, url)));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

async function fromCache(url) {
  const cached = await caches.match(url);
  if (!cached) return Response.error();
  return stamped(cached, true);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (DATA.includes(url.pathname)) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try { return await refresh(cache, url.pathname); } catch (e) { return fromCache(url.pathname); }
    })());
    return;
  }
  if ([ASSETS.js, ASSETS.css].includes(url.pathname)) {
    event.respondWith((async () => {
      try {
        const response = await fetch(request);
        if (response.ok) (await caches.open(CACHE)).put(url.pathname, response.clone());
        return response;
      } catch (e) {
        return (await caches.match(url.pathname)) || Response.error();
      }
    })());
    return;
  }
  if (request.mode === "navigate" && url.pathname.startsWith("/v/")) {
    event.respondWith((async () => {
      try {
        const response = await fetch(request);
        if (url.pathname === ASSETS.page && response.ok) (await caches.open(CACHE)).put(ASSETS.page, response.clone());
        return response;
      } catch (e) {
        return (await caches.match(ASSETS.page)) || Response.error();
      }
    })());
  }
});
{% endautoescape %}
