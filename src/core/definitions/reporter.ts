import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

import type { DefinitionError, DefinitionLocation } from './model';

export type PathSegment = string | number;

/** A YAML mapping (not a list, not a scalar, not null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** ["slos", 2, "sli", "events"] -> "slos[2].sli.events" */
export function formatPath(path: PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Where a problem is: the item (or section) it belongs to, and the field inside it. */
export interface Place {
  /** "slos", 2 — the unit that is dropped (or replaced by defaults) when broken */
  item: PathSegment[];
  itemId?: string;
}

/**
 * Collects the errors of one YAML document and gives each a 1-based line from the document's nodes.
 * `prefix` ("documents[1]") is set for multi-document streams so paths stay unambiguous.
 */
export class Reporter {
  readonly errors: DefinitionError[] = [];

  constructor(
    readonly source: string,
    private readonly doc?: Document,
    private readonly lineCounter?: LineCounter,
    private readonly prefix: PathSegment[] = []
  ) {}

  error(place: Place, field: PathSegment[], message: string): void {
    const item = [...this.prefix, ...place.item];
    const error: DefinitionError = { source: this.source, path: formatPath(item) || '(document)', message };
    if (field.length > 0) {
      error.field = formatPath([...item, ...field]);
    }
    if (place.itemId) {
      error.itemId = place.itemId;
    }
    const line = this.lineOf([...place.item, ...field]);
    if (line !== undefined) {
      error.line = line;
    }
    this.errors.push(error);
  }

  /** Where an item is, for the model's `origin`/`at` (later merges report duplicates with it). */
  locate(item: PathSegment[]): DefinitionLocation {
    const location: DefinitionLocation = { source: this.source, path: formatPath([...this.prefix, ...item]) };
    const line = this.lineOf(item);
    if (line !== undefined) {
      location.line = line;
    }
    return location;
  }

  /**
   * Line of the deepest node that exists along `path`: a field's key line (so `shifts:` rather than the
   * first shift below it), a list item's first line, or for a missing field the line of its parent.
   */
  lineOf(path: PathSegment[]): number | undefined {
    if (!this.doc || !this.lineCounter) {
      return undefined;
    }
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node);
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === segment);
        if (!pair || rangeStart(pair.key) === undefined) {
          break;
        }
        offset = rangeStart(pair.key);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && rangeStart(node.items[segment]) !== undefined) {
        node = node.items[segment];
        offset = rangeStart(node);
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : this.lineCounter.linePos(offset).line;
  }
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

/** How a bad value is shown in a message: strings quoted and shortened, containers by kind. */
export function show(value: unknown): string {
  if (value === null || value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  }
  return String(value);
}
