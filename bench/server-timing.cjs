/* global require, process */
// Preloaded into a bot process by the benchmarks (NODE_OPTIONS=--require): prints the server
// time of every HTTP request, from its arrival to its response leaving, as `server-ms <ms>` on
// stderr. Plain JavaScript, since it loads before tsx.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS, preloaded with --require before tsx
const { subscribe } = require('node:diagnostics_channel');

const started = new WeakMap();
subscribe('http.server.request.start', ({ request }) => {
  started.set(request, process.hrtime.bigint());
});
subscribe('http.server.response.finish', ({ request }) => {
  const start = started.get(request);
  if (start !== undefined) {
    process.stderr.write(`server-ms ${Number(process.hrtime.bigint() - start) / 1e6}\n`);
  }
});
