// The mlsd extension: starts `mlsd lsp` over stdio for .mlsd files (diagnostics, completion,
// hover, formatting… come from the server) and opens `mlsd serve`'s live page for the current file.
"use strict";

const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const { resolveExecutable, isLoopback } = require("./executable");
const preview = require("./preview");

/** @type {LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel} */
let output;

function settings() {
  return vscode.workspace.getConfiguration("mlsd");
}

function workspaceFolder(uri) {
  const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) || (vscode.workspace.workspaceFolders || [])[0];
  return folder && folder.uri.fsPath;
}

function executable() {
  return resolveExecutable(settings().get("server.path", "mlsd"), {
    folder: workspaceFolder(),
    trusted: vscode.workspace.isTrusted,
  });
}

async function startClient() {
  if (!settings().get("server.enabled", true)) return;
  const command = executable();
  const args = settings().get("server.args", ["lsp"]);
  // stdio without a transport: the command line is exactly the settings' (`mlsd lsp`), no `--stdio`
  const serverOptions = { command, args, options: { cwd: workspaceFolder() } };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "mlsd" },
      { scheme: "untitled", language: "mlsd" },
    ],
    outputChannel: output,
    // mlsd reads its configuration from pyproject.toml or .mlsd.toml, and specs import each other
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.mlsd,pyproject.toml,.mlsd.toml}") },
  };
  try {
    client = new LanguageClient("mlsd", "mlsd language server", serverOptions, clientOptions);
    await client.start();
  } catch (error) {
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(
      `mlsd: could not start the language server \`${[command, ...args].join(" ")}\`: ${message}. ` +
        "Install mlsd (pip install mlsd) or set mlsd.server.path.",
      "Open settings",
    );
    if (choice) await vscode.commands.executeCommand("workbench.action.openSettings", "mlsd.server");
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  try {
    if (running) await running.stop();
  } catch (error) {
    output.appendLine(`mlsd: stopping the language server: ${error instanceof Error ? error.message : error}`);
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

/** The saved .mlsd document to preview: the one given (editor title button) or the active one. */
async function documentToPreview(uri) {
  const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  const current = document || (vscode.window.activeTextEditor && vscode.window.activeTextEditor.document);
  if (!current || current.languageId !== "mlsd" || current.uri.scheme !== "file") {
    vscode.window.showWarningMessage("mlsd: open a saved .mlsd file to see its live preview.");
    return undefined;
  }
  return current;
}

async function openPreview(uri) {
  const document = await documentToPreview(uri);
  if (!document) return;
  let url;
  try {
    url = preview.baseUrl(settings().get("preview.url", preview.DEFAULT_URL));
  } catch (error) {
    vscode.window.showErrorMessage(`mlsd: ${error.message}`);
    return;
  }
  const file = document.uri.fsPath;
  const found = await preview.locate(url, file);
  if (found.page) {
    await vscode.env.openExternal(vscode.Uri.parse(found.page));
  } else if (found.index) {
    const choice = await vscode.window.showInformationMessage(
      `mlsd: the mlsd serve at ${url} does not serve ${path.basename(file)}; it serves the .mlsd files under the paths it was started with.`,
      "Open its index",
    );
    if (choice) await vscode.env.openExternal(vscode.Uri.parse(found.index));
  } else if (found.foreign) {
    vscode.window.showErrorMessage(`mlsd: what answers at ${url} is not mlsd serve (${found.foreign}); see mlsd.preview.url.`);
  } else if (!isLoopback(url)) {
    vscode.window.showErrorMessage(`mlsd: nothing answers at ${url} (${found.down}).`);
  } else {
    const choice = await vscode.window.showInformationMessage(
      `mlsd: no mlsd serve answers at ${url}. Start \`mlsd serve ${path.basename(file)}\` in a terminal?`,
      "Start mlsd serve",
    );
    if (choice) await serveAndOpen(url, file);
  }
}

async function serveAndOpen(url, file) {
  const terminal = vscode.window.createTerminal({
    name: "mlsd serve",
    shellPath: executable(),
    shellArgs: ["serve", file, "--port", preview.portOf(url)],
    cwd: path.dirname(file),
  });
  terminal.show(true);
  const page = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `mlsd: starting mlsd serve on ${url}…` },
    () => preview.waitForPage(url, file),
  );
  if (page) {
    await vscode.env.openExternal(vscode.Uri.parse(page));
  } else {
    vscode.window.showErrorMessage(
      "mlsd: mlsd serve did not answer within 20 s; see the 'mlsd serve' terminal (it needs `pip install 'mlsd[serve]'`).",
    );
  }
}

async function activate(context) {
  output = vscode.window.createOutputChannel("mlsd");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("mlsd.openPreview", openPreview),
    vscode.commands.registerCommand("mlsd.restartServer", restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("mlsd.server")) void restartClient();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restartClient()),
  );
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
