import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefinitionsLoader } from '../../../src/backend/definitions';

const slo = (id: string) => `
  - id: ${id}
    service: api_gateway
    objective: 99.9
    window: 30d
    sli:
      events:
        bad: http_requests_total{code=~"5.."}
        total: http_requests_total
`;

describe('DefinitionsLoader', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-defs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges a directory of *.yaml/*.yml with inline definitions and ignores other files', () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), `apiVersion: headroom/v1\nslos:${slo('a')}`);
    fs.writeFileSync(path.join(dir, 'b.yml'), `apiVersion: headroom/v1\nslos:${slo('b')}`);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not definitions');
    const loader = new DefinitionsLoader(`apiVersion: headroom/v1\nslos:${slo('inline')}`, dir);
    const { definitions, errors } = loader.current();
    expect(errors).toEqual([]);
    expect(definitions.slos.map((s) => s.id).sort()).toEqual(['a', 'b', 'inline']);
  });

  // a query is handled in a turn of the event loop after the rewrite it follows
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('re-reads the directory when a file changes, appears or disappears', async () => {
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, `apiVersion: headroom/v1\nslos:${slo('a')}`);
    const loader = new DefinitionsLoader(undefined, dir);
    expect(loader.current().definitions.slos.map((s) => s.id)).toEqual(['a']);
    fs.writeFileSync(file, `apiVersion: headroom/v1\nslos:${slo('a')}${slo('a2')}`);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await nextTurn();
    expect(loader.current().definitions.slos.map((s) => s.id)).toEqual(['a', 'a2']);
    fs.writeFileSync(path.join(dir, 'c.yaml'), `apiVersion: headroom/v1\nslos:${slo('c')}`);
    await nextTurn();
    expect(
      loader
        .current()
        .definitions.slos.map((s) => s.id)
        .sort()
    ).toEqual(['a', 'a2', 'c']);
    fs.rmSync(file);
    await nextTurn();
    expect(loader.current().definitions.slos.map((s) => s.id)).toEqual(['c']);
  });

  it('looks at the files once per turn of the event loop', async () => {
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, `apiVersion: headroom/v1\nslos:${slo('a')}`);
    const loader = new DefinitionsLoader(undefined, dir);
    const first = loader.current();
    fs.writeFileSync(path.join(dir, 'b.yaml'), `apiVersion: headroom/v1\nslos:${slo('b')}`);
    expect(loader.current()).toBe(first); // the same turn: calls handled together see one version
    await nextTurn();
    expect(loader.current().definitions.slos.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('reports a missing path as a definitions error naming it, without throwing', () => {
    const missing = path.join(dir, 'nope');
    const { errors } = new DefinitionsLoader(undefined, missing).current();
    expect(errors).toEqual([expect.objectContaining({ source: missing, message: expect.stringContaining('ENOENT') })]);
  });

  it('uses the fallback (the demo definitions) only when nothing is configured', () => {
    const fallback = { yaml: `apiVersion: headroom/v1\nslos:${slo('demo')}`, source: 'demo definitions' };
    expect(new DefinitionsLoader(undefined, undefined, fallback).current().definitions.slos.map((s) => s.id)).toEqual([
      'demo',
    ]);
    expect(
      new DefinitionsLoader(`apiVersion: headroom/v1\nslos:${slo('mine')}`, undefined, fallback)
        .current()
        .definitions.slos.map((s) => s.id)
    ).toEqual(['mine']);
  });
});
