#!/usr/bin/env node
// Development CLI: runs the TypeScript sources through tsx (no build step). `npx headroom validate defs.yaml`
const { require: tsxRequire } = require('tsx/cjs/api');

// `headroom validate ... | head`: a closed pipe ends the command quietly, as for any Unix tool
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') {
    process.exit(process.exitCode ?? 0);
  }
  throw error;
});

const { main } = tsxRequire('../src/cli/main.ts', __filename);
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
