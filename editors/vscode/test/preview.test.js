// node --test: the preview's lookup of a file's page and the executable setting.
// With MLSD_SERVE_URL and MLSD_SPEC_FOLDER (tests/editors/test_extension.py starts a real
// `mlsd serve MLSD_SPEC_FOLDER` for them), the lookup is also run against that server.
"use strict";

const assert = require("node:assert/strict");
const http = require("node:http");
const path = require("node:path");
const { test } = require("node:test");
const { resolveExecutable, isLoopback } = require("../src/executable");
const preview = require("../src/preview");

test("a file's served name is the longest listed name that ends its path", () => {
  const names = ["feed.mlsd", "common/platform.mlsd", "platform.mlsd", "a/feed.mlsd"];
  assert.equal(preview.specNameFor("/w/specs/common/platform.mlsd", names), "common/platform.mlsd");
  assert.equal(preview.specNameFor("/w/specs/feed.mlsd", names), "feed.mlsd");
  assert.equal(preview.specNameFor("/w/a/feed.mlsd", names), "a/feed.mlsd");
  assert.equal(preview.specNameFor("C:\\w\\specs\\common\\platform.mlsd", names), "common/platform.mlsd");
  assert.equal(preview.specNameFor("/w/specs/myfeed.mlsd", names), undefined, "only whole path segments match");
  assert.equal(preview.specNameFor("/w/other.mlsd", names), undefined);
});

test("a page URL encodes each segment of the name and keeps its slashes", () => {
  assert.equal(preview.specPageUrl("http://127.0.0.1:8000/", "common/platform.mlsd"), "http://127.0.0.1:8000/spec/common/platform.mlsd");
  assert.equal(preview.specPageUrl("http://h:1", "a b/#?%.mlsd"), "http://h:1/spec/a%20b/%23%3F%25.mlsd");
});

test("the preview URL is checked and gives the port to serve on", () => {
  assert.equal(preview.baseUrl(""), "http://127.0.0.1:8000");
  assert.equal(preview.baseUrl(" http://localhost:9000/ "), "http://localhost:9000");
  assert.throws(() => preview.baseUrl("file:///etc/passwd"), /http\(s\)/);
  assert.throws(() => preview.baseUrl("not a url"));
  assert.equal(preview.portOf("http://127.0.0.1:8123"), "8123");
  assert.equal(preview.portOf("http://localhost"), "80");
  assert.ok(isLoopback("http://127.0.0.1:8000") && isLoopback("http://localhost:1") && isLoopback("http://[::1]:8000"));
  assert.ok(!isLoopback("http://10.0.0.1:8000") && !isLoopback("http://example.com"));
});

test("the executable: ~ and relative paths resolved, a trusted workspace's .venv preferred", () => {
  const exists = (file) => file === path.join("/w", ".venv", "bin", "mlsd");
  assert.equal(resolveExecutable("mlsd", { folder: "/w", trusted: true, exists, platform: "linux" }), "/w/.venv/bin/mlsd");
  assert.equal(resolveExecutable("mlsd", { folder: "/w", trusted: false, exists, platform: "linux" }), "mlsd");
  assert.equal(resolveExecutable("", { folder: "/nothing", trusted: true, exists, platform: "linux" }), "mlsd");
  assert.equal(resolveExecutable("tools/mlsd", { folder: "/w" }), "/w/tools/mlsd");
  assert.equal(resolveExecutable("/opt/mlsd/bin/mlsd", { folder: "/w" }), "/opt/mlsd/bin/mlsd");
  assert.equal(resolveExecutable("~/bin/mlsd", {}), path.join(require("node:os").homedir(), "bin", "mlsd"));
  assert.equal(resolveExecutable("mlsd-dev", { folder: "/w", trusted: true, exists }), "mlsd-dev");
});

test("something that is not mlsd serve is foreign; nothing listening is down", async () => {
  const server = http.createServer((request, response) => response.end("<html>not mlsd</html>"));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  try {
    assert.match((await preview.locate(url, "/w/feed.mlsd")).foreign, /did not answer JSON/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const closed = await preview.locate(url, "/w/feed.mlsd", 500);
  assert.match(closed.down, /ECONNREFUSED|answer/);
  assert.equal(await preview.waitForPage(url, "/w/feed.mlsd", 400, 100), undefined);
});

const served = process.env.MLSD_SERVE_URL;
const folder = process.env.MLSD_SPEC_FOLDER;

async function status(url) {
  return new Promise((resolve, reject) =>
    http.get(url, { agent: false }, (response) => resolve(response.resume() && response.statusCode)).on("error", reject),
  );
}

test("against a real mlsd serve: each served file opens its own page", { skip: !served && "MLSD_SERVE_URL is not set" }, async () => {
  for (const relative of ["feed.mlsd", path.join("common", "platform.mlsd"), process.env.MLSD_HOSTILE_NAME]) {
    const found = await preview.locate(served, path.join(folder, relative));
    assert.ok(found.page, `${relative}: ${JSON.stringify(found)}`);
    assert.equal(found.page, preview.specPageUrl(served, relative.split(path.sep).join("/")));
    assert.equal(await status(found.page), 200, found.page);
    assert.equal(await status(found.page.replace("/spec/", "/api/spec/")), 200, found.page);
  }
  assert.equal(await preview.waitForPage(served, path.join(folder, "feed.mlsd")), preview.specPageUrl(served, "feed.mlsd"));
});

test("against a real mlsd serve: a file it does not serve gets its index", { skip: !served && "MLSD_SERVE_URL is not set" }, async () => {
  const found = await preview.locate(served, path.join(path.dirname(folder), "elsewhere", "feed2.mlsd"));
  assert.deepEqual(found, { index: `${preview.baseUrl(served)}/` });
  assert.equal(await status(found.index), 200);
});
