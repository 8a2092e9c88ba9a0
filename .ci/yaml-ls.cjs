// Opens YAML files in the YAML language server (the npm package
// `yaml-language-server`, the one VS Code's YAML extension runs) with the
// `yaml.schemas` of a repository's .vscode/settings.json, and prints the
// diagnostics it publishes for each, as JSON: {"<file>": [{line, message}]}.
// Usage: node .ci/yaml-ls.cjs NODE_MODULES_DIR REPOSITORY FILE...
// (FILEs relative to REPOSITORY).
"use strict";
const { spawn } = require("node:child_process");
const { readFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const { pathToFileURL } = require("node:url");

const [modules, repoArg, ...files] = process.argv.slice(2);
if (!modules || !repoArg || files.length === 0) {
  console.error("usage: node .ci/yaml-ls.cjs NODE_MODULES_DIR REPOSITORY FILE...");
  process.exit(2);
}
const repo = resolve(repoArg);
const settings = JSON.parse(readFileSync(join(repo, ".vscode", "settings.json"), "utf8"));
const yaml = { schemas: settings["yaml.schemas"], validate: true, completion: true, format: { enable: false } };
const server = spawn(process.execPath, [join(resolve(modules), "yaml-language-server", "bin", "yaml-language-server"), "--stdio"], {
  cwd: repo,
  stdio: ["pipe", "pipe", "inherit"],
});

let nextId = 1;
const pending = new Map();
function send(msg) {
  const body = JSON.stringify({ jsonrpc: "2.0", ...msg });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((res) => pending.set(id, res));
}

const results = {};
let lastPublish = Date.now();
const uris = new Map(files.map((f) => [pathToFileURL(join(repo, f)).href, f]));
let buffer = Buffer.alloc(0);
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const head = buffer.indexOf("\r\n\r\n");
    if (head < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, head).toString())[1]);
    if (buffer.length < head + 4 + length) return;
    const msg = JSON.parse(buffer.slice(head + 4, head + 4 + length).toString());
    buffer = buffer.slice(head + 4 + length);
    if (msg.id !== undefined && pending.has(msg.id) && msg.method === undefined) {
      pending.get(msg.id)(msg.result);
      pending.delete(msg.id);
    } else if (msg.method === "workspace/configuration") {
      send({ id: msg.id, result: msg.params.items.map((i) => (i.section === "yaml" ? yaml : null)) });
    } else if (msg.id !== undefined && msg.method) {
      send({ id: msg.id, result: null });
    } else if (msg.method === "textDocument/publishDiagnostics" && uris.has(msg.params.uri)) {
      lastPublish = Date.now();
      results[uris.get(msg.params.uri)] = msg.params.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        message: d.message,
      }));
    }
  }
});

async function main() {
  const root = pathToFileURL(repo).href;
  await request("initialize", {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: "repository" }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
  });
  send({ method: "initialized", params: {} });
  send({ method: "workspace/didChangeConfiguration", params: { settings: { yaml } } });
  for (const [uri, file] of uris) {
    send({
      method: "textDocument/didOpen",
      params: { textDocument: { uri, languageId: "yaml", version: 1, text: readFileSync(join(repo, file), "utf8") } },
    });
  }
  // The server publishes again as it loads the schemas: keep the latest
  // diagnostics of each file, until every file has some and none came for
  // two seconds.
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline && (Object.keys(results).length < uris.size || Date.now() - lastPublish < 2000)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(JSON.stringify(results));
  await request("shutdown", null);
  send({ method: "exit" });
  process.exit(Object.keys(results).length === uris.size ? 0 : 1);
}
main();
