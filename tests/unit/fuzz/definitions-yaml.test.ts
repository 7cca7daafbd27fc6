import fc from 'fast-check';
import { formatDefinitionError } from '../../../src/core/definitions/model';
import { parseDefinitions } from '../../../src/core/definitions/parse';
import { DEMO_DEFINITIONS_YAML } from '../../../src/demo/definitions';

/**
 * Definitions YAML fuzzing from the real file: the demo platform's definitions (every kind of item, policy,
 * response, cost) edited at random, line by line, the way hands and merge tools break files: lines deleted,
 * duplicated, swapped, re-indented, values replaced by other scalars, the text cut short, bytes inserted.
 * parseDefinitions never throws; every rejection names its source, where (path) and what (message), and a
 * rejection that belongs to an item carries that item's path; the valid items that come out keep unique ids.
 * 3,000 cases (tests/unit/definitions/fuzz.test.ts covers random documents from scratch).
 */
const LINES = DEMO_DEFINITIONS_YAML.split('\n');
const SCALARS = [
  '',
  '0',
  '-1',
  '150',
  '99.999999',
  'NaN',
  '.inf',
  '~',
  'null',
  'true',
  '[]',
  '{}',
  '"',
  "'",
  '1h',
  '0s',
  '30x',
  'calendar-month',
  'x{y',
  'a: b: c',
  '- x',
  '&a',
  '*a',
  '!!binary AA==',
  '"\\u0000"',
];

const edit = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant('value' as const),
    line: fc.nat(),
    to: fc.oneof(fc.constantFrom(...SCALARS), fc.string({ maxLength: 10 })),
  }),
  fc.record({ kind: fc.constant('insert' as const), line: fc.nat(), text: fc.string({ maxLength: 20 }) })
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(lines: string[], e: Edit): string[] {
  const out = [...lines];
  const i = e.line % out.length;
  switch (e.kind) {
    case 'delete':
      out.splice(i, 1);
      break;
    case 'duplicate':
      out.splice(i, 0, out[i]);
      break;
    case 'swap': {
      const j = e.other % out.length;
      [out[i], out[j]] = [out[j], out[i]];
      break;
    }
    case 'indent':
      out[i] =
        e.by >= 0
          ? ' '.repeat(e.by) + out[i]
          : out[i].slice(Math.min(-e.by, out[i].length - out[i].trimStart().length));
      break;
    case 'value': {
      const colon = out[i].indexOf(': ');
      out[i] = colon >= 0 ? `${out[i].slice(0, colon + 2)}${e.to}` : `${out[i]} ${e.to}`;
      break;
    }
    case 'insert':
      out.splice(i, 0, e.text);
      break;
  }
  return out;
}

function check(text: string) {
  const loaded = parseDefinitions(text, 'fuzz.yaml');
  for (const e of loaded.errors) {
    expect(e.source).toBe('fuzz.yaml');
    expect(e.path.trim()).not.toBe('');
    expect(e.message.trim()).not.toBe('');
    expect(e.message).not.toMatch(/\[object Object\]|\(got undefined\)|TypeError|Cannot read/);
    const formatted = formatDefinitionError(e);
    expect(formatted).toContain('fuzz.yaml');
    if (e.itemId) {
      expect(formatted).toContain(e.itemId);
    }
  }
  const { slos, capacity, oncall } = loaded.definitions;
  for (const list of [slos, capacity, oncall] as Array<Array<{ id: string }>>) {
    expect(new Set(list.map((i) => i.id)).size).toBe(list.length);
  }
}

describe('definitions YAML fuzzing (edits of the real demo file)', () => {
  it('the unedited file is valid (the base the edits break)', () => {
    const loaded = parseDefinitions(DEMO_DEFINITIONS_YAML, 'fuzz.yaml');
    expect(loaded.errors).toEqual([]);
    expect(loaded.definitions.slos.length).toBeGreaterThan(10);
  });

  it('2,500 files with 1-6 random line edits: never throws, every rejection named', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        check(edits.reduce(apply, LINES).join('\n'));
      }),
      { numRuns: 2_500, seed: 42 }
    );
  });

  it('500 truncations and byte insertions anywhere: never throws, every rejection named', () => {
    fc.assert(
      fc.property(fc.nat(DEMO_DEFINITIONS_YAML.length), fc.string({ maxLength: 3 }), fc.boolean(), (at, bytes, cut) => {
        check(
          cut
            ? DEMO_DEFINITIONS_YAML.slice(0, at)
            : DEMO_DEFINITIONS_YAML.slice(0, at) + bytes + DEMO_DEFINITIONS_YAML.slice(at)
        );
      }),
      { numRuns: 500, seed: 43 }
    );
  });
});
