/**
 * /api/ds/query answers as the backend sends them (DataFrameJSON per refId), with the columns of the
 * sloCatalog, capacityCatalog and oncall handlers (src/backend/handlers/{slo,oncall}.ts, src/core/capacity).
 */
type Column = { name: string; type: string; values: unknown[] };

function frame(name: string, columns: Column[]) {
  return {
    schema: { name, refId: 'A', fields: columns.map(({ name: n, type }) => ({ name: n, type })) },
    data: { values: columns.map((c) => c.values) },
  };
}

export function answer(frames: unknown[]) {
  return { results: { A: { status: 200, frames } } };
}

export const NOW = Date.UTC(2026, 10, 26, 14, 0);

export const SLO_CATALOG = frame('slo catalog', [
  {
    name: 'id',
    type: 'string',
    values: ['api-gateway-availability', 'workflow-engine-success', 'agent-manager-latency'],
  },
  { name: 'name', type: 'string', values: ['API gateway availability', 'Workflow success', 'Agent manager latency'] },
  { name: 'service', type: 'string', values: ['api_gateway', 'workflow_engine', 'agent_manager'] },
  { name: 'objective', type: 'number', values: [0.9999, 0.999, 0.99] },
  { name: 'window', type: 'string', values: ['30d', '30d', '28d'] },
  { name: 'sli', type: 'number', values: [0.99995, 0.9981, 0.9935] },
  { name: 'budgetRemaining', type: 'number', values: [0.5, -0.9, 0.35] },
  { name: 'budgetRemainingMinutes', type: 'number', values: [2.16, 0, 131] },
  { name: 'burnRate1h', type: 'number', values: [0.4, 15.2, 1.3] },
  { name: 'status', type: 'number', values: [0, 3, 1] },
  { name: 'timeToExhaustion', type: 'number', values: [null, null, 5 * 86400] },
]);

export const CAPACITY_CATALOG = frame('capacityCatalog', [
  { name: 'id', type: 'string', values: ['cluster-cpu', 'db-disk'] },
  { name: 'name', type: 'string', values: ['Cluster CPU', 'Database disk'] },
  { name: 'kind', type: 'string', values: ['cpu', 'disk'] },
  { name: 'instance', type: 'string', values: ['', 'db-1'] },
  { name: 'utilization', type: 'number', values: [0.42, 0.86] },
  { name: 'headroom', type: 'number', values: [0.58, 0.14] },
  { name: 'status', type: 'number', values: [0, 1] },
  { name: 'bufferStatus', type: 'string', values: ['target', 'alert'] },
  { name: 'timeToWarning', type: 'number', values: [null, 0] },
  { name: 'timeToCritical', type: 'number', values: [null, 12 * 86400] },
  { name: 'forecastMethod', type: 'string', values: ['linear', 'linear'] },
  {
    name: 'summary',
    type: 'string',
    values: ['Cluster CPU stays below 70% for 30 days', 'Database disk on db-1 reaches 90% in 12 days'],
  },
]);

export const ONCALL = frame('oncall', [
  { name: 'schedule', type: 'string', values: ['platform', 'platform', 'platform'] },
  { name: 'shift', type: 'string', values: ['us', 'eu', 'apac'] },
  { name: 'active', type: 'boolean', values: [false, true, false] },
  { name: 'primary', type: 'string', values: ['ana', 'chen', 'eli'] },
  { name: 'secondary', type: 'string', values: ['ben', 'dana', 'fay'] },
  { name: 'shiftStart', type: 'time', values: [NOW + 10 * 3600e3, NOW - 6 * 3600e3, NOW + 2 * 3600e3] },
  { name: 'shiftEnd', type: 'time', values: [NOW + 18 * 3600e3, NOW + 2 * 3600e3, NOW + 10 * 3600e3] },
  { name: 'nextPrimary', type: 'string', values: ['ben', 'dana', 'fay'] },
]);
