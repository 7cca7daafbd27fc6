import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { DefinitionsStore } from '../../../src/backend/definitions-store';
import { formatDefinitionError } from '../../../src/core/definitions/model';

const slo = (id: string, objective: number) => `apiVersion: headroom/v1
slos:
  - {id: ${id}, service: s, objective: ${objective}, sli: {events: {bad: e, total: t}}}
`;

describe('DefinitionsStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-defs-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Rewrites a file and moves its mtime forward, so the change is visible even within one clock tick. */
  function write(name: string, text: string, bump = 0): void {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    const t = new Date(Date.now() + bump * 1000);
    fs.utimesSync(file, t, t);
  }

  it('merges a directory of *.yaml / *.yml with the inline text, and ignores other files', () => {
    write('a.yaml', slo('a', 99));
    write('b.yml', slo('b', 98));
    write('notes.txt', 'not yaml: [');
    const store = new DefinitionsStore({ path: dir, inline: slo('inline', 97) });
    const loaded = store.current();
    expect(loaded.errors).toEqual([]);
    expect(loaded.definitions.slos.map((s) => [s.id, s.at?.source])).toEqual([
      ['a', path.join(dir, 'a.yaml')],
      ['b', path.join(dir, 'b.yml')],
      ['inline', 'jsonData.definitions'],
    ]);
  });

  it('re-reads a rewritten file; an unchanged directory gives the same object back', () => {
    write('a.yaml', slo('a', 99));
    write('b.yaml', slo('b', 98));
    const store = new DefinitionsStore({ path: dir });
    const first = store.current();
    expect(store.current()).toBe(first); // nothing changed: no re-parse, same merged result

    write('a.yaml', slo('a', 99.5), 5);
    const second = store.current();
    expect(second.definitions.slos.map((s) => [s.id, s.objective])).toEqual([
      ['a', 0.995],
      ['b', 0.98],
    ]);
  });

  it('a broken file reports its errors while the other file keeps working; fixing it clears them', () => {
    write('a.yaml', slo('a', 99));
    write('b.yaml', slo('b', 98));
    const store = new DefinitionsStore({ path: dir });
    expect(store.current().errors).toEqual([]);

    write(
      'a.yaml',
      'apiVersion: headroom/v1\nslos:\n  - {id: a, service: s, objective: 150, sli: {events: {bad: e, total: t}}}\n',
      10
    );
    const broken = store.current();
    expect(broken.errors.map(formatDefinitionError)).toEqual([
      `${path.join(dir, 'a.yaml')}:3: slos[0] "a": objective must be between 0 and 100 (got 150)`,
    ]);
    expect(broken.definitions.slos.map((s) => s.id)).toEqual(['b']);

    write('a.yaml', 'apiVersion: headroom/v1\nslos: [\n', 15);
    const syntax = store.current();
    expect(syntax.errors).toEqual([
      expect.objectContaining({
        source: path.join(dir, 'a.yaml'),
        line: 3,
        message: expect.stringMatching(/^YAML syntax error/),
      }),
    ]);
    expect(syntax.definitions.slos.map((s) => s.id)).toEqual(['b']);

    write('a.yaml', slo('a', 99), 20);
    expect(store.current().errors).toEqual([]);
    expect(store.current().definitions.slos).toHaveLength(2);
  });

  describe('a file rewritten in place (empty between the truncate and the write)', () => {
    afterEach(() => jest.restoreAllMocks());

    /** The next `times` reads of `file` see it truncated; reads after that see it whole. */
    function truncatedFor(file: string, times: number): void {
      const read = fs.readFileSync;
      let left = times;
      jest
        .spyOn(fs, 'readFileSync')
        .mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) =>
          p === file && left-- > 0 ? '' : read(p, o as BufferEncoding)) as typeof fs.readFileSync);
    }

    it('keeps the last version while the file reads empty', () => {
      write('a.yaml', slo('a', 99));
      const store = new DefinitionsStore({ path: dir });
      expect(store.current().definitions.slos.map((s) => s.id)).toEqual(['a']);
      write('a.yaml', slo('b', 98), 5);
      truncatedFor(path.join(dir, 'a.yaml'), 1);
      expect(store.current().definitions.slos.map((s) => s.id)).toEqual(['a']);
      expect(store.current().definitions.slos.map((s) => s.id)).toEqual(['b']);
    });

    it('with no earlier version, reads again briefly instead of taking an empty file for "nothing defined"', () => {
      write('a.yaml', slo('a', 99));
      truncatedFor(path.join(dir, 'a.yaml'), 2);
      const loaded = new DefinitionsStore({ path: dir }).current();
      expect(loaded.errors).toEqual([]);
      expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['a']);
    });

    it('reads again at most three times per pass, however many files are empty', () => {
      ['a', 'b', 'c', 'd', 'e'].forEach((name) => write(`${name}.yaml`, ''));
      const reads = jest.spyOn(fs, 'readFileSync');
      expect(new DefinitionsStore({ path: dir }).current().definitions.slos).toEqual([]);
      expect(reads).toHaveBeenCalledTimes(5 + 3);
    });

    it('a file that stays empty is read as empty, once', () => {
      write('a.yaml', '');
      const store = new DefinitionsStore({ path: dir });
      const reads = jest.spyOn(fs, 'readFileSync');
      expect(store.current().definitions.slos).toEqual([]);
      expect(store.current().definitions.slos).toEqual([]);
      expect(reads).toHaveBeenCalledTimes(4); // the first read and three more, then never again while unchanged
    });
  });

  it('notices files added to and removed from the directory', () => {
    write('a.yaml', slo('a', 99));
    const store = new DefinitionsStore({ path: dir });
    expect(store.current().definitions.slos).toHaveLength(1);
    write('b.yaml', slo('b', 98));
    expect(store.current().definitions.slos.map((s) => s.id)).toEqual(['a', 'b']);
    fs.rmSync(path.join(dir, 'a.yaml'));
    expect(store.current().definitions.slos.map((s) => s.id)).toEqual(['b']);
  });

  it('a duplicate id across two files is named, the first one wins', () => {
    write('a.yaml', slo('same', 99));
    write('b.yaml', slo('same', 98));
    const loaded = new DefinitionsStore({ path: dir }).current();
    expect(loaded.definitions.slos.map((s) => s.objective)).toEqual([0.99]);
    expect(loaded.errors.map(formatDefinitionError)).toEqual([
      `${path.join(dir, 'b.yaml')}:3: slos[0] "same": id "same" is already used by ${path.join(dir, 'a.yaml')}:3 slos[0]; this one is ignored`,
    ]);
  });

  it('never throws: a missing path is an error naming it, and inline items keep working', () => {
    const missing = path.join(dir, 'nope');
    const store = new DefinitionsStore({ path: missing, inline: slo('inline', 99) });
    const loaded = store.current();
    expect(loaded.errors).toEqual([
      {
        source: missing,
        path: '(file)',
        message: `cannot read definitions path ${missing}: no such file or directory (ENOENT)`,
      },
    ]);
    expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['inline']);

    // the path appearing later is picked up
    fs.mkdirSync(missing);
    fs.writeFileSync(path.join(missing, 'x.yaml'), slo('x', 99));
    expect(store.current().definitions.slos.map((s) => s.id)).toEqual(['x', 'inline']);
    expect(store.current().errors).toEqual([]);
  });

  it('reads a single file path, and reports an unreadable file by name', () => {
    write('one.yaml', slo('one', 99));
    expect(
      new DefinitionsStore({ path: path.join(dir, 'one.yaml') }).current().definitions.slos.map((s) => s.id)
    ).toEqual(['one']);
    // a directory named like a definitions file cannot be read as one (works as root too, unlike chmod)
    fs.mkdirSync(path.join(dir, 'folder.yaml'));
    const loaded = new DefinitionsStore({ path: dir }).current();
    expect(loaded.errors.map((e) => e.message)).toEqual([
      `cannot read ${path.join(dir, 'folder.yaml')}: is a directory (EISDIR)`,
    ]);
    expect(loaded.definitions.slos.map((s) => s.id)).toEqual(['one']);
  });

  it('without a path or inline text the definitions are empty and valid', () => {
    expect(new DefinitionsStore({}).current()).toMatchObject({
      errors: [],
      definitions: { slos: [], capacity: [], oncall: [] },
    });
    expect(new DefinitionsStore({ inline: '  \n' }).current().errors).toEqual([]);
  });
});
