import fs from 'node:fs';
import path from 'node:path';
import { allDashboards } from '../../../src/dashboards';

const root = path.resolve(__dirname, '..', '..', '..');

describe('dashboards as code', () => {
  const dashboards = allDashboards();

  it.each(Object.keys(dashboards))('dashboards/%s.json is what src/dashboards generates (run `npm run generate`)', (name) => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'dashboards', `${name}.json`), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(dashboards[name])));
  });

  it('every dashboard the app includes exists, with a stable uid and the headroom tag', () => {
    const app = JSON.parse(fs.readFileSync(path.join(root, 'src', 'plugin.json'), 'utf8'));
    const included = app.includes.filter((i: { type: string }) => i.type === 'dashboard').map((i: { path: string }) => i.path);
    expect(included.sort()).toEqual(Object.keys(dashboards).map((n) => `dashboards/${n}.json`).sort());
    for (const [name, dashboard] of Object.entries(dashboards)) {
      expect(dashboard.uid).toBe(`headroom-${name}`);
      expect(dashboard.tags).toContain('headroom');
    }
  });

  type Target = { refId?: string; datasource?: { uid?: string }; panelId?: number };
  type AnyPanel = {
    id?: number;
    title?: string;
    type: string;
    targets?: Target[];
    transformations?: Array<{ id: string; options?: { include?: string } }>;
  };

  it('every panel is a built-in type or one of ours, and every query names a data source variable or shows a panel with queries of its own', () => {
    const builtIn = new Set(['stat', 'timeseries', 'table', 'row', 'state-timeline', 'bargauge', 'text']);
    const ours = new Set(['headroom-slo-panel', 'headroom-capacity-panel', 'headroom-oncall-panel']);
    for (const dashboard of Object.values(dashboards)) {
      const panels = (dashboard.panels ?? []) as AnyPanel[];
      for (const panel of panels) {
        expect(builtIn.has(panel.type) || ours.has(panel.type)).toBe(true);
        for (const target of panel.targets ?? []) {
          if (target.datasource?.uid === '-- Dashboard --') {
            // Grafana's Dashboard data source: the panel it names must exist and ask a data source itself
            const sources = panels.filter((p) => p.id === target.panelId);
            expect({ panel: panel.title, sources: sources.length }).toEqual({ panel: panel.title, sources: 1 });
            expect(sources[0].targets?.every((t) => t.datasource?.uid === '${datasource}')).toBe(true);
            // a "Filter data by query" keeps a query the source panel has
            const only = panel.transformations?.find((t) => t.id === 'filterByRefId')?.options?.include;
            if (only) {
              expect(sources[0].targets?.map((t) => t.refId)).toContain(only);
            }
          } else {
            expect(['${datasource}', '${prometheus}']).toContain(target.datasource?.uid);
          }
        }
      }
      // explicit panel ids are unique (Grafana numbers the others after them)
      const ids = panels.map((p) => p.id).filter((id) => id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('a query two panels show is asked once: the second shows the first one\'s results', () => {
    const shown = (name: string, title: string) =>
      (dashboards[name].panels as AnyPanel[]).find((p) => p.title === title && p.type !== 'row')!;
    for (const [name, title, refId] of [
      ['executive', 'Error budget remaining', 'B'],
      ['service', 'Error budget burndown', 'B'],
      ['oncall', 'Active incidents', 'B'],
      ['infrastructure', 'Capacity catalog', 'A'],
    ]) {
      expect({ title, target: shown(name, title).targets }).toEqual({
        title,
        target: [{ refId: 'A', datasource: { type: 'datasource', uid: '-- Dashboard --' }, panelId: expect.any(Number), withTransforms: false }],
      });
      expect(shown(name, title).transformations).toEqual([{ id: 'filterByRefId', options: { include: refId } }]);
    }
  });

  it("the executive's summary numbers make one request: the first stat asks, the others show its results", () => {
    const stats = (dashboards.executive.panels as AnyPanel[]).filter((p) => p.type === 'stat');
    expect(stats.map((p) => p.targets?.[0].datasource?.uid)).toEqual(['${datasource}', '-- Dashboard --', '-- Dashboard --', '-- Dashboard --']);
    expect(stats.slice(1).every((p) => p.targets?.[0].panelId === stats[0].id)).toBe(true);
  });
});

describe('provisioned definitions', () => {
  it('provisioning/headroom/definitions.yaml is the platform definitions of src/demo (run `npm run generate`)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DEMO_DEFINITIONS_YAML } = require('../../../src/demo/definitions');
    expect(fs.readFileSync(path.join(root, 'provisioning', 'headroom', 'definitions.yaml'), 'utf8')).toBe(DEMO_DEFINITIONS_YAML);
  });
});
