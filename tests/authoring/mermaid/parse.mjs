// Usage: node parse.mjs FILE.mmd...  Exit 1 if Mermaid cannot parse one of them.
import { JSDOM } from "jsdom";
import fs from "fs";
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window; globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  try { await mermaid.parse(text); console.log("ok", file); }
  catch (e) { failed++; console.log("FAIL", file, String(e.message || e).slice(0, 300)); }
}
process.exit(failed ? 1 : 0);
