/**
 * Writes dashboards/*.json from the TypeScript definitions in src/dashboards (committed; a test fails when they differ).
 */
import fs from 'node:fs';
import path from 'node:path';
import { allDashboards } from '../src/dashboards';

const outDir = path.resolve(__dirname, '..', 'dashboards');
fs.mkdirSync(outDir, { recursive: true });
for (const [name, dashboard] of Object.entries(allDashboards())) {
  fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(dashboard, null, 2) + '\n');
  console.log(`dashboards/${name}.json`);
}
