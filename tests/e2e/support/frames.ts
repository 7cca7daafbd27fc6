/**
 * Backend frames -> the JSON response Grafana's server sends to the browser for /api/ds/query:
 * `{results: {<refId>: {frames: [{schema, data}]}}}`. Grafana's server decodes the plugin's Arrow frames and
 * writes each as {schema: {name, refId, meta, fields: [{name, type, labels, config}]}, data: {values: [[...]]}}
 * (Go SDK data.FrameToJSON); this does the same from the frames our handlers return (src/core/frame.ts).
 * The page then hands it to @grafana/runtime's toDataQueryResponse, as Grafana's frontend does.
 * (@grafana/data cannot be imported in Node — it needs a window — hence no dataFrameToJSON here.)
 */
import type { Frame } from '../../../src/core/frame';

export interface FrameJSON {
  schema: {
    name?: string;
    refId?: string;
    meta?: unknown;
    fields: Array<{ name: string; type: string; labels?: Record<string, string>; config?: object }>;
  };
  data: { values: unknown[][] };
}

export interface ServerResponse {
  results: Record<string, { status?: number; error?: string; frames: FrameJSON[] }>;
}

export function frameToJSON(frame: Frame, refId?: string): FrameJSON {
  return {
    schema: {
      name: frame.name,
      refId: refId ?? frame.refId,
      meta: frame.meta,
      fields: frame.fields.map((f) => ({ name: f.name, type: f.type, labels: f.labels, config: f.config ?? {} })),
    },
    data: { values: frame.fields.map((f) => f.values) },
  };
}

/** Frames (grouped by their refId, default "A") -> the server's JSON, round-tripped through JSON.stringify. */
export function toServerResponse(frames: Frame[]): ServerResponse {
  const results: ServerResponse['results'] = {};
  for (const frame of frames) {
    const refId = frame.refId ?? 'A';
    results[refId] ??= { status: 200, frames: [] };
    results[refId].frames.push(frameToJSON(frame, refId));
  }
  return JSON.parse(JSON.stringify({ results }));
}
