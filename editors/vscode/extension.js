// Starts `dossier lsp` for the Markdown files of a dossier's content/ and its site.toml.
// Everything else (diagnostics, completion, hover, definitions, rename) is the server's.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("dossier").get("path") || "dossier";
  client = new LanguageClient(
    "dossier",
    "dossier",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "markdown", pattern: "**/content/**/*.md" },
        { scheme: "file", pattern: "**/site.toml" },
      ],
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
