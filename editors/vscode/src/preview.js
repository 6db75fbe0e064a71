// Finding a file's page on a running `mlsd serve` (docs/serve.md), without VS Code: the extension
// and test/preview.test.js both use it.
//
// `mlsd serve PATHS` serves each .mlsd file under PATHS at /spec/NAME, NAME being the file's path
// relative to the PATH it was found under (forward slashes), or its file name when a PATH is the
// file itself. The server never reveals where PATHS are, so a file's NAME is found among those it
// lists (GET /api/specs) as the longest one that ends the file's path.
"use strict";

const http = require("node:http");
const https = require("node:https");

const DEFAULT_URL = "http://127.0.0.1:8000";

/** The base URL without a trailing slash; throws on anything but http(s). */
function baseUrl(url) {
  const parsed = new URL((url || DEFAULT_URL).trim());
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`mlsd.preview.url must be an http(s) URL, not ${parsed.protocol}`);
  }
  return parsed.href.replace(/\/+$/, "");
}

/** The port a base URL names, or its scheme's default (for `mlsd serve --port`). */
function portOf(url) {
  const parsed = new URL(baseUrl(url));
  return parsed.port || (parsed.protocol === "https:" ? "443" : "80");
}

/** The served name of `filePath` among `names`, or undefined when the server does not serve it. */
function specNameFor(filePath, names) {
  const file = filePath.replace(/\\/g, "/");
  const matches = names.filter((name) => file === name || file.endsWith(`/${name}`));
  return matches.sort((a, b) => b.length - a.length)[0];
}

/** The page of a served spec: each segment of its name percent-encoded, the slashes kept. */
function specPageUrl(url, name) {
  return `${baseUrl(url)}/spec/${name.split("/").map(encodeURIComponent).join("/")}`;
}

/** An error from a server that answered, but not as mlsd serve does. */
function answered(message) {
  return Object.assign(new Error(message), { answered: true });
}

/** GET a JSON document; rejects when nothing answers within `timeoutMs` or the status is not 200. */
function getJson(url, timeoutMs) {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const options = { timeout: timeoutMs, agent: false, headers: { accept: "application/json" } };
    const request = client.get(url, options, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        if (response.statusCode !== 200) {
          reject(answered(`${url} answered ${response.statusCode}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (error) {
          reject(answered(`${url} did not answer JSON: ${error.message}`));
        }
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

/** The names `mlsd serve` at `url` serves; rejects when it is not running there. */
async function servedNames(url, timeoutMs = 2000) {
  const specs = await getJson(`${baseUrl(url)}/api/specs`, timeoutMs);
  if (!Array.isArray(specs)) throw answered(`${url}/api/specs is not a list of specs`);
  return specs.map((spec) => spec && spec.name).filter((name) => typeof name === "string");
}

/**
 * Where to open `filePath`: {page} when the server at `url` serves it, {index} when it answers but
 * does not serve it, {foreign} when something else answers there, {down} when nothing does.
 */
async function locate(url, filePath, timeoutMs = 2000) {
  let names;
  try {
    names = await servedNames(url, timeoutMs);
  } catch (error) {
    return error.answered ? { foreign: error.message } : { down: error.message };
  }
  const name = specNameFor(filePath, names);
  return name === undefined ? { index: `${baseUrl(url)}/` } : { page: specPageUrl(url, name) };
}

/** Poll until the server at `url` serves `filePath`; its page, or undefined after `waitMs`. */
async function waitForPage(url, filePath, waitMs = 20000, everyMs = 300) {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const found = await locate(url, filePath, Math.min(2000, Math.max(1, deadline - Date.now())));
    if (found.page) return found.page;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return undefined;
}

module.exports = { DEFAULT_URL, baseUrl, portOf, specNameFor, specPageUrl, servedNames, locate, waitForPage };
