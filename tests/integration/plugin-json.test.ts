import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';

/**
 * Every plugin.json in dist against the subset of Grafana's plugin.json reference that decides whether
 * Grafana loads the pack: ids, required fields, includes that resolve, and backend executables that exist.
 * Needs `npm run build` first (test:ci builds before jest).
 */
const DIST = path.resolve(__dirname, '../../dist');
const ARCHES = ['linux_amd64', 'linux_arm64', 'darwin_amd64', 'darwin_arm64'];

const schema = {
  type: 'object',
  required: ['type', 'name', 'id', 'info'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$' },
    type: { enum: ['app', 'panel', 'datasource', 'renderer', 'secretsmanager'] },
    name: { type: 'string', minLength: 1 },
    backend: { type: 'boolean' },
    executable: { type: 'string', minLength: 1 },
    alerting: { type: 'boolean' },
    info: {
      type: 'object',
      required: ['author', 'logos', 'version', 'updated'],
      properties: {
        author: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } },
        logos: {
          type: 'object',
          required: ['small', 'large'],
          properties: { small: { type: 'string', minLength: 1 }, large: { type: 'string', minLength: 1 } },
        },
        version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+' },
        updated: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      },
    },
    includes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'name'],
        properties: {
          type: { enum: ['dashboard', 'page', 'panel', 'datasource'] },
          name: { type: 'string', minLength: 1 },
          path: { type: 'string' },
        },
      },
    },
    dependencies: {
      type: 'object',
      required: ['grafanaDependency'],
      properties: { grafanaDependency: { type: 'string', pattern: '^(<=|>=|<|>|=|~|\\^)?\\d+\\.\\d+\\.\\d+' } },
    },
  },
  // backend true requires executable
  if: { properties: { backend: { const: true } }, required: ['backend'] },
  then: { required: ['executable'] },
};

function pluginJsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return pluginJsonFiles(full);
    }
    return entry.name === 'plugin.json' ? [full] : [];
  });
}

describe('plugin.json files in dist', () => {
  const files = fs.existsSync(DIST) ? pluginJsonFiles(DIST) : [];
  const validate = new Ajv({ allErrors: true }).compile(schema);

  it('has the app and its five nested plugins (run `npm run build` first)', () => {
    const ids = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')).id).sort();
    expect(ids).toEqual(
      [
        'headroom-capacity-panel',
        'headroom-oncall-panel',
        'headroom-slo-datasource',
        'headroom-slo-panel',
        'headroom-sre-app',
      ].sort()
    );
  });

  describe.each(files.map((f) => [path.relative(DIST, f), f]))('%s', (_name, file) => {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const dir = path.dirname(file);

    it('matches the plugin.json schema subset, with placeholders replaced', () => {
      const valid = validate(json);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(JSON.stringify(json)).not.toMatch(/%[A-Z_]+%/);
    });

    it('has its logos', () => {
      for (const logo of Object.values(json.info.logos) as string[]) {
        expect(fs.existsSync(path.join(dir, logo))).toBe(true);
      }
    });

    it('has an executable launcher per OS/arch with the execute bit when it is a backend plugin', () => {
      if (json.backend !== true) {
        expect(json.executable).toBeUndefined();
        return;
      }
      for (const arch of ARCHES) {
        const executable = path.join(dir, `${json.executable}_${arch}`);
        expect(fs.existsSync(executable)).toBe(true);
        expect(fs.statSync(executable).mode & 0o111).toBe(0o111);
      }
    });

    it('includes only plugins and dashboards that exist in dist', () => {
      for (const include of json.includes ?? []) {
        if (include.type === 'page') {
          continue; // a page's path is a route, not a file
        }
        const target = path.join(dir, include.path);
        expect({ include: include.path, exists: fs.existsSync(target) }).toEqual({
          include: include.path,
          exists: true,
        });
        if (include.type === 'panel' || include.type === 'datasource') {
          const nested = JSON.parse(fs.readFileSync(target, 'utf8'));
          expect(nested.type).toBe(include.type);
        }
      }
    });
  });
});
