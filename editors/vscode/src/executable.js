// Which `mlsd` to run, from the `mlsd.server.path` setting (pure: tested without VS Code).
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/**
 * The executable for `configured`: `~/...` is expanded and a relative path (one with a slash) is
 * resolved against the workspace folder. The default, a bare `mlsd`, is looked up on PATH, except
 * that a trusted workspace's own virtualenv (`.venv/bin/mlsd`, as .ci/bootstrap makes it) wins.
 */
function resolveExecutable(configured, { folder, trusted = false, platform = process.platform, exists = fs.existsSync } = {}) {
  let command = (configured || "").trim() || "mlsd";
  if (command === "~" || command.startsWith("~/")) command = path.join(os.homedir(), command.slice(1));
  if (/[\\/]/.test(command)) return path.isAbsolute(command) || !folder ? command : path.resolve(folder, command);
  if (command === "mlsd" && folder && trusted) {
    const venv = platform === "win32" ? path.join(folder, ".venv", "Scripts", "mlsd.exe") : path.join(folder, ".venv", "bin", "mlsd");
    if (exists(venv)) return venv;
  }
  return command;
}

/** Whether a preview URL's host is this machine, so starting `mlsd serve` here would answer it. */
function isLoopback(url) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

module.exports = { resolveExecutable, isLoopback };
