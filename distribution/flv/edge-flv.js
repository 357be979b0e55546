#!/usr/bin/env node
// Castline distribution kit: the HTTP-FLV server that runs beside one nginx-rtmp edge.
//
//   node edge-flv.js --source rtmp://127.0.0.1:EDGE_RTMP_PORT/live --http-port PORT
//                    [--bind ADDR] [--data DIR] [--key KEY ...]
//
// Players get http://ADDR:PORT/live/KEY.flv. The stream comes from the edge itself: for each key a
// player asks for, node-media-server pulls rtmp://…/live/KEY from the edge over RTMP (in-process,
// no FFmpeg) and keeps pulling, reconnecting when the edge's stream goes away and comes back (the
// origin restarting). Pulling from the edge rather than having the edge push to it works the same on
// a push edge and on a pull edge: nginx-rtmp does not push a stream it pulled. Each --key is pulled
// from the start, so its first player gets the last GOP at once (and a pull edge keeps that key
// pulled from the origin for its HLS). Debian's nginx-rtmp has no HTTP-FLV; this is what adds it.
// Every option can also come from the environment: FLV_SOURCE, FLV_HTTP_PORT, FLV_BIND, FLV_DATA,
// FLV_KEYS (space separated).
"use strict";

const path = require("node:path");
const { parseArgs } = require("node:util");

function fail(message) {
  console.error(`edge-flv: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      source: { type: "string" },
      "http-port": { type: "string" },
      bind: { type: "string" },
      data: { type: "string" },
      key: { type: "string", multiple: true },
    },
    strict: true,
  }).values;
} catch (e) {
  fail(`${e.message}\nusage: edge-flv.js --source rtmp://HOST:PORT/live --http-port PORT [--bind ADDR] [--data DIR] [--key KEY ...]`);
}

const source = (args.source ?? process.env.FLV_SOURCE ?? "").replace(/\/+$/, "");
const httpPort = Number(args["http-port"] ?? process.env.FLV_HTTP_PORT);
const bind = args.bind ?? process.env.FLV_BIND ?? "0.0.0.0";
const data = path.resolve(args.data ?? process.env.FLV_DATA ?? "./flv-data");
const keys = args.key ?? (process.env.FLV_KEYS ?? "").split(/\s+/).filter(Boolean);

const sourceMatch = /^rtmp:\/\/[^/]+\/([A-Za-z0-9_-]+)$/.exec(source);
if (!sourceMatch) fail(`--source is the edge's application, rtmp://HOST:PORT/APP, not '${source}'`);
const app = sourceMatch[1];
if (!Number.isInteger(httpPort) || httpPort < 1 || httpPort > 65535) fail("--http-port is a port number (1-65535)");
for (const k of keys) if (!/^[A-Za-z0-9_-]+$/.test(k)) fail(`a key is letters, digits, '_' and '-', not '${k}'`);

let NodeMediaServer, logger, Context;
try {
  NodeMediaServer = require("node-media-server");
  logger = require("node-media-server/src/core/logger.js");
  Context = require("node-media-server/src/core/context.js");
} catch (e) {
  fail(`node-media-server is not installed: run 'npm ci' in ${__dirname} (${e.message})`);
}

// Only what an edge's HTTP-FLV needs: no RTMP/RTMPS listener (the stream is pulled, nothing is
// published here), no HTTPS, no recording, no web console, no management API (it exists only when
// auth.jwt is configured, and it is not).
const config = {
  bind,
  http: { port: httpPort },
  store: { path: data },
  record: { auto: false, path: path.join(data, "record") },
  webadmin: { enable: false },
};

const nms = new NodeMediaServer(config);
logger.level = process.env.FLV_LOG ?? "info"; // the constructor sets "debug", which logs every packet burst

// node-media-server also takes publishing over HTTP POST and WebSocket ("post"/"publisher"
// subprotocol) on the same port; an edge only plays, so anyone reaching the port could otherwise
// take a key. Refuse both before the server sees them.
const server = nms.httpServer.httpServer;
const onRequest = server.listeners("request");
server.removeAllListeners("request");
server.on("request", (req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "OPTIONS") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end("this edge only plays\n");
    return;
  }
  for (const l of onRequest) l.call(server, req, res);
});
const onUpgrade = server.listeners("upgrade");
server.removeAllListeners("upgrade");
server.on("upgrade", (req, socket, head) => {
  const proto = String(req.headers["sec-websocket-protocol"] ?? "").toLowerCase();
  if (/\b(post|publisher)\b/.test(proto)) {
    socket.end("HTTP/1.1 405 Method Not Allowed\r\n\r\n");
    return;
  }
  for (const l of onUpgrade) l.call(server, req, socket, head);
});

/** Starts (once) the pull of /APP/KEY from the edge; node-media-server reconnects it when it drops. */
function pull(key) {
  const streamPath = `/${app}/${key}`;
  if (nms.relayServer.tasks.has(streamPath)) return;
  nms.relayServer.addTask({
    url: `${source}/${key}`,
    streamPath,
    mode: "pull",
    reconnect: true,
    // 1 s, doubling after each failed connect up to node-media-server's 30 s cap; a connect that
    // succeeds resets it. Connects fail only while the edge itself is down.
    reconnectInterval: 1000,
  });
}

const kept = new Set(keys.map((k) => `/${app}/${k}`));

// A player of a key nobody pulls yet starts its pull; it waits (subscribed) until the edge's
// packets arrive and then gets the sequence headers and the stream.
nms.on("prePlay", (session) => {
  if (session.protocol === "flv" && session.streamApp === app && /^[A-Za-z0-9_-]+$/.test(session.streamName)) {
    pull(session.streamName);
  }
});

// A key pulled for players (not a --key) is let go 10 s after its last player leaves: otherwise
// every key anyone ever asked for, or mistyped, would be pulled and retried for good.
const IDLE_MS = 10_000;
nms.on("donePlay", (session) => {
  const streamPath = session.streamPath;
  if (kept.has(streamPath) || !nms.relayServer.tasks.has(streamPath)) return;
  setTimeout(() => {
    const b = Context.broadcasts.get(streamPath);
    if (!kept.has(streamPath) && (!b || b.subscribers.size === 0) && nms.relayServer.tasks.has(streamPath)) {
      nms.relayServer.removeTask(streamPath);
    }
  }, IDLE_MS).unref();
});

async function main() {
  await nms.run();
  // run() opens the store, and only then restores and accepts relay tasks. node-media-server keeps
  // its tasks in the store and restores them: only the --key ones are wanted again.
  for (const t of [...nms.relayServer.tasks.keys()]) if (!kept.has(t)) nms.relayServer.removeTask(t);
  for (const k of keys) pull(k);
  console.log(`edge-flv: http://${bind}:${httpPort}/${app}/KEY.flv from ${source}/KEY${keys.length ? ` (pulling ${keys.join(", ")})` : ""}`);
}

async function stop() {
  await nms.stop();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

main().catch((e) => {
  console.error(`edge-flv: ${e.stack ?? e}`);
  process.exit(1);
});
