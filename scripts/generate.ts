/**
 * Writes the committed generated files (tests fail when they differ from what this produces):
 *  - dashboards/*.json from the TypeScript dashboards in src/dashboards
 *  - provisioning/headroom/definitions.yaml, the platform's definitions file compose mounts, from src/demo/definitions.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { allDashboards } from '../src/dashboards';
import { DEMO_DEFINITIONS_YAML } from '../src/demo/definitions';

const root = path.resolve(__dirname, '..');

function write(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(relative);
}

for (const [name, dashboard] of Object.entries(allDashboards())) {
  write(`dashboards/${name}.json`, JSON.stringify(dashboard, null, 2) + '\n');
}
write('provisioning/headroom/definitions.yaml', DEMO_DEFINITIONS_YAML);
