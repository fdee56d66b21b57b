/* Offline certificate verifier (docs/certificates.md, "Verifikasi luring").
 * Reads `#<jws>` (or a pasted link/token), checks the Ed25519 signature with WebCrypto against
 * the cached key set, applies the same rules as the server (certificates/credentials/jws.py:
 * alg EdDSA only, known kid, no key in the header, canonical base64url, size limit), and shows
 * the status from the cached Bitstring Status Lists. User-facing texts come from the page. */
(() => {
  "use strict";
  const M = JSON.parse(document.getElementById("verify-messages").textContent);
  const C = JSON.parse(document.getElementById("verify-config").textContent);
  const MAX_TOKEN = 16384;
  const MAX_LIST_BYTES = 2 * 1024 * 1024;
  const MIN_LIST_BYTES = 16384;
  const ALLOWED_HEADER = ["alg", "kid", "typ", "cty"];
  const SEGMENT = /^[A-Za-z0-9_-]+$/;
  const $ = (id) => document.getElementById(id);
  const state = { jwks: null, lists: {}, cachedAt: null, offline: false };

  class Refusal extends Error {}

  function b64encode(bytes) {
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function b64decode(text) {
    if (!text || !SEGMENT.test(text) || text.length % 4 === 1) throw new Refusal(M.unreadable);
    const std = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
    let bin;
    try { bin = atob(std); } catch (e) { throw new Refusal(M.unreadable); }
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    // One spelling per value: a flipped padding bit must not decode to the same signature.
    if (b64encode(bytes) !== text) throw new Refusal(M.unreadable);
    return bytes;
  }

  function jsonObject(segment) {
    let value;
    try {
      value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(b64decode(segment)));
    } catch (e) {
      throw e instanceof Refusal ? e : new Refusal(M.unreadable);
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new Refusal(M.unreadable);
    return value;
  }

  async function verifyJws(token) {
    if (typeof token !== "string" || token.length > MAX_TOKEN) throw new Refusal(M.unreadable);
    const parts = token.trim().split(".");
    if (parts.length !== 3) throw new Refusal(M.unreadable);
    const header = jsonObject(parts[0]);
    if (header.alg !== "EdDSA") throw new Refusal(M.alg);
    if (Object.keys(header).some((k) => !ALLOWED_HEADER.includes(k)) || typeof header.kid !== "string") {
      throw new Refusal(M.header);
    }
    if (!state.jwks) throw new Refusal(M.no_keys);
    const jwk = state.jwks.keys.find((k) => k.kid === header.kid && k.kty === "OKP" && k.crv === "Ed25519");
    if (!jwk) throw new Refusal(M.kid);
    const signature = b64decode(parts[2]);
    if (signature.length !== 64) throw new Refusal(M.signature);
    let key;
    try {
      key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
    } catch (e) {
      throw new Refusal(M.no_crypto);
    }
    const data = new TextEncoder().encode(parts[0] + "." + parts[1]);
    if (!(await crypto.subtle.verify("Ed25519", key, signature, data))) throw new Refusal(M.signature);
    return { header, claims: jsonObject(parts[1]) };
  }

  async function inflate(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_LIST_BYTES) { await reader.cancel(); throw new Error("list too large"); }
      chunks.push(value);
    }
    if (total < MIN_LIST_BYTES) throw new Error("list too small");
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  async function parseList(token) {
    const { claims } = await verifyJws(token);
    const subject = claims.credentialSubject || {};
    const types = claims.type || [];
    if (!types.includes("BitstringStatusListCredential") || typeof subject.encodedList !== "string" || subject.encodedList[0] !== "u") {
      throw new Error("not a status list");
    }
    const body = subject.encodedList.slice(1);
    const std = body.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (body.length % 4)) % 4);
    const bits = await inflate(Uint8Array.from(atob(std), (c) => c.charCodeAt(0)));
    return { bits, validFrom: claims.validFrom };
  }

  function isSet(list, index) {
    if (!list || !Number.isInteger(index) || index < 0 || index >= list.bits.length * 8) return null;
    return (list.bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
  }

  async function load(url) {
    const response = await fetch(url, { cache: "no-cache" });
    if (!response.ok) throw new Error(String(response.status));
    return {
      text: await response.text(),
      at: response.headers.get("x-kopsis-cached-at") || new Date().toISOString(),
      fromCache: response.headers.get("x-kopsis-from-cache") === "1",
    };
  }

  async function loadData() {
    try {
      const jwks = await load(C.jwks);
      state.jwks = JSON.parse(jwks.text);
      state.cachedAt = jwks.at;
      state.offline = jwks.fromCache;
    } catch (e) {
      state.jwks = null;
    }
    for (const [id, url] of Object.entries(C.lists)) {
      try {
        const list = await load(url);
        state.lists[id] = await parseList(list.text);
      } catch (e) {
        delete state.lists[id];
      }
    }
    $("conn").textContent = !state.jwks ? M.no_keys : state.offline ? M.offline : M.online;
    if (state.cachedAt) $("cache-line").textContent = M.cached_on + " " + formatTime(state.cachedAt);
  }

  function formatTime(iso) {
    const d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" });
  }

  function formatDate(iso) {
    if (!iso) return M.no_expiry;
    const d = new Date(iso + "T00:00:00");
    return isNaN(d) ? String(iso) : d.toLocaleDateString("id-ID", { dateStyle: "long" });
  }

  function today() {
    const d = new Date();
    return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"), String(d.getDate()).padStart(2, "0")].join("-");
  }

  function statusOf(claims) {
    const revoked = isSet(state.lists["1"], claims.x);
    if (revoked === null) return { key: "unknown", text: M.status_unknown };
    const asOf = M.status_as_of + " " + formatTime(state.lists["1"].validFrom);
    if (revoked) {
      const superseded = isSet(state.lists["2"], claims.x);
      return superseded ? { key: "superseded", text: M.superseded, asOf } : { key: "revoked", text: M.revoked, asOf };
    }
    if (claims.e && String(claims.e) < today()) return { key: "expired", text: M.expired, asOf };
    return { key: "valid", text: M.active, asOf };
  }

  function show(stateKey, verdict, reason, claims, statusLine) {
    const result = $("result");
    result.hidden = false;
    result.dataset.state = stateKey;
    $("verdict").textContent = verdict;
    $("reason").textContent = reason || "";
    const dl = $("claims");
    dl.replaceChildren();
    if (claims) {
      const rows = [
        [M.holder, claims.h],
        [M.number, claims.n],
        [M.scheme, claims.s + (claims.v ? " (" + M.version + " " + claims.v + ")" : "")],
        [M.issued, formatDate(claims.i)],
        [M.valid_until, formatDate(claims.e)],
      ];
      for (const [label, value] of rows) {
        const dt = document.createElement("dt");
        dt.textContent = label;
        const dd = document.createElement("dd");
        dd.textContent = value == null ? "" : String(value);
        dl.append(dt, dd);
      }
    }
    $("status-line").textContent = statusLine || "";
  }

  function pathToken() {
    const match = location.pathname.match(/^\/v\/([A-Za-z0-9_-]{16,})\/?$/);
    return match ? match[1] : null;
  }

  async function check(jws, urlToken) {
    show("checking", M.checking, "", null, "");
    try {
      const { claims } = await verifyJws(jws);
      if (urlToken && claims.u !== urlToken) throw new Refusal(M.token_mismatch);
      const status = statusOf(claims);
      const verdict = status.key === "valid" || status.key === "unknown" ? M.valid : status.text;
      const line = M.status + ": " + status.text + (status.asOf ? " (" + status.asOf + ")" : "");
      show(status.key === "unknown" ? "valid" : status.key, verdict, "", claims, line);
    } catch (e) {
      show("invalid", M.invalid, e instanceof Refusal ? e.message : M.unreadable, null, "");
    }
  }

  function fromInput(text) {
    const value = text.trim();
    const hash = value.indexOf("#");
    if (hash < 0) return { jws: value, urlToken: null };
    const match = value.slice(0, hash).match(/\/v\/([A-Za-z0-9_-]{16,})\/?$/);
    return { jws: value.slice(hash + 1), urlToken: match ? match[1] : null };
  }

  function setupScan() {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
    const button = $("scan-button");
    button.hidden = false;
    button.addEventListener("click", async () => {
      const video = $("scan-video");
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      const tick = async () => {
        const codes = await detector.detect(video).catch(() => []);
        if (!codes.length) return requestAnimationFrame(tick);
        stream.getTracks().forEach((t) => t.stop());
        video.hidden = true;
        $("token-input").value = codes[0].rawValue;
        const input = fromInput(codes[0].rawValue);
        check(input.jws, input.urlToken);
      };
      requestAnimationFrame(tick);
    });
  }

  async function main() {
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(C.sw, { scope: C.scope }).catch(() => {});
    }
    await loadData();
    document.body.dataset.ready = "1";
    $("check-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = fromInput($("token-input").value);
      check(input.jws, input.urlToken);
    });
    setupScan();
    window.addEventListener("hashchange", () => {
      const next = decodeURIComponent(location.hash.slice(1));
      if (next) check(next, pathToken());
    });
    const jws = decodeURIComponent(location.hash.slice(1));
    if (jws) await check(jws, pathToken());
    document.body.dataset.checked = "1";
  }

  main();
})();
