/**
 * Frames as Grafana receives them (Arrow IPC bytes in DataResponse.frames) turned into plain JSON in the
 * shape of src/core/frame.ts (time as epoch ms). For integration tests and frontend render tests:
 * a decoded frame can be given to @grafana/data's toDataFrame() as it is.
 */
export {
  decodeFrame,
  decodeGrafanaFrame,
  type DecodedFrame,
  type DecodedField,
} from '../../src/backend/protocol/arrow';
import type { DecodedFrame } from '../../src/backend/protocol/arrow';

/** The values of the field named `name` (throws naming the fields present when there is none). */
export function column(frame: DecodedFrame, name: string): unknown[] {
  const field = frame.fields.find((f) => f.name === name);
  if (!field) {
    throw new Error(
      `frame "${frame.name}" has no field "${name}" (fields: ${frame.fields.map((f) => f.name).join(', ')})`
    );
  }
  return field.values;
}

/** Rows of a table frame as objects keyed by field name. */
export function rows(frame: DecodedFrame): Array<Record<string, unknown>> {
  const length = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
}
