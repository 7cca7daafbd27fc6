import type { QueryHandler } from './types';
import { handleSlo, handleSloCatalog, handleBurnAlert } from './slo';
import { handleCapacity, handleCapacityCatalog } from './capacity';
import { handleOncall, handleIncidents, handleAvailability } from './oncall';
import { handleEvents } from './events';
import { handleCost } from './cost';
import { handleSummary } from './summary';

/** One handler per queryType of DESIGN.md (plus the catalog/availability/events types the editors use). */
export const queryHandlers: Record<string, QueryHandler> = {
  slo: handleSlo,
  sloCatalog: handleSloCatalog,
  burnAlert: handleBurnAlert,
  capacity: handleCapacity,
  capacityCatalog: handleCapacityCatalog,
  oncall: handleOncall,
  incidents: handleIncidents,
  availability: handleAvailability,
  events: handleEvents,
  cost: handleCost,
  summary: handleSummary,
};

/**
 * Query types whose answers follow Alertmanager and the clock (who is paged, open incidents): identical queries
 * share them for LIVE_SHARE_MS only (the others for SHARE_MS), so a new alert shows on the next refresh.
 */
export const LIVE_QUERY_TYPES: ReadonlySet<string> = new Set(['oncall', 'incidents', 'availability', 'summary']);
export const LIVE_SHARE_MS = 1_000;
