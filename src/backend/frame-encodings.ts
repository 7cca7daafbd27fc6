import type { Frame } from '../core/frame';
import { WeightedLru } from '../core/lru';
import { encodeFrame, encodeInLayout, frameLayout, type FrameLayout } from './protocol/arrow';

/** the four provisioned dashboards' frames are about 2 MB of Arrow; the frames kept beside them weigh more */
export const MAX_ENCODED_BYTES = 3 * 1024 * 1024;

interface Encoding {
  frame: Frame;
  bytes: Uint8Array;
  layout?: FrameLayout;
}

/**
 * Arrow bytes of frames, per schema (name, refId, meta, the fields' names, types, labels, config and lengths):
 *  - reused while a frame is unchanged: grids are aligned to their step, so a dashboard refreshed a minute later
 *    asks for the same grid and many of its frames come out value for value as before. Only for equal values
 *    (Object.is, so NaN and -0 count), so they are the bytes a fresh encoding gives;
 *  - else written into the layout of the schema's last encoding (protocol/arrow.ts encodeInLayout) when the
 *    null counts are the same, which a refreshed series' usually are;
 *  - else encoded afresh.
 * One per data source instance.
 */
export class FrameEncodings {
  private readonly kept: WeightedLru<Encoding>;

  constructor(maxBytes = MAX_ENCODED_BYTES) {
    this.kept = new WeightedLru(maxBytes);
  }

  get bytes(): number {
    return this.kept.weight;
  }

  encode(frame: Frame): Uint8Array {
    const key = schemaKey(frame);
    const kept = this.kept.get(key)?.value;
    if (kept && sameValues(kept.frame, frame)) {
      return kept.bytes;
    }
    const layout = kept?.layout;
    const inLayout = layout && encodeInLayout(layout, frame);
    if (inLayout) {
      // the new bytes become the template: one buffer per schema stays in memory, not two
      this.kept.set(key, { frame, bytes: inLayout, layout: { ...layout, bytes: inLayout } }, inLayout.byteLength);
      return inLayout;
    }
    const bytes = encodeFrame(frame);
    this.kept.set(key, { frame, bytes, layout: frameLayout(frame, bytes) }, bytes.byteLength);
    return bytes;
  }
}

/** Everything but the values, plus each field's length. */
function schemaKey(frame: Frame): string {
  return JSON.stringify([
    frame.name,
    frame.refId,
    frame.meta,
    frame.fields.map((f) => [f.name, f.type, f.labels, f.config, f.values.length]),
  ]);
}

/**
 * Backwards, value fields before the time field: a refreshed frame differs in its last points, so the
 * comparison of a changed frame stops at once instead of after its whole time column.
 */
function sameValues(a: Frame, b: Frame): boolean {
  if (a.fields.length !== b.fields.length) {
    return false;
  }
  for (let f = a.fields.length - 1; f >= 0; f--) {
    const x = a.fields[f].values;
    const y = b.fields[f].values;
    if (x === y) {
      continue;
    }
    if (x.length !== y.length) {
      return false;
    }
    for (let i = x.length - 1; i >= 0; i--) {
      if (!sameValue(x[i], y[i])) {
        return false;
      }
    }
  }
  return true;
}

/**
 * Object.is, written out: a call to the builtin boxes every element read from a double array (time columns), which
 * made this comparison one of the larger allocators of a refresh.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return a !== 0 || 1 / (a as number) === 1 / (b as number);
  }
  return a !== a && b !== b;
}
