#!/usr/bin/env node
// Development CLI: runs the TypeScript sources through tsx (no build step). `npx headroom validate defs.yaml`
const { require: tsxRequire } = require('tsx/cjs/api');

const { main } = tsxRequire('../src/cli/main.ts', __filename);
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
