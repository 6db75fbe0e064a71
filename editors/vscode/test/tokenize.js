#!/usr/bin/env node
// Tokenises .mlsd files with the extension's TextMate grammar, as VS Code does (vscode-textmate on
// the Oniguruma regex engine), and prints the tokens as JSON for tests/editors/test_textmate.py:
//
//   node test/tokenize.js FILE...   →   {"files": {FILE: [[[start, end, [scope, ...]], ...], ...]}, "ms": N}
//
// One list per line of each file; each token is a half-open range of UTF-16 code units (the same
// as Python's str indices for the BMP) with its scopes from outermost to innermost.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const oniguruma = require("vscode-oniguruma");
const vsctm = require("vscode-textmate");

const GRAMMAR = path.join(__dirname, "..", "syntaxes", "mlsd.tmLanguage.json");

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === "source.mlsd"
        ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, "utf8"), GRAMMAR)
        : null,
  });
  return registry.loadGrammar("source.mlsd");
}

function tokenize(grammar, text) {
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => [token.startIndex, Math.min(token.endIndex, line.length), token.scopes]);
  });
}

async function main(files) {
  const grammar = await loadGrammar();
  const started = process.hrtime.bigint();
  const out = {};
  for (const file of files) out[file] = tokenize(grammar, fs.readFileSync(file, "utf8"));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ files: out, ms }));
}

module.exports = { loadGrammar, tokenize };

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
