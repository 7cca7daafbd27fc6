import { QueryError } from '../../core/errors';
import { tableFrame, type Frame, type Notice } from '../../core/frame';
import type { QueryContext } from './types';

/** The values of column `name` across all frames (catalog handlers answer one table frame). */
function column(frames: Frame[], name: string): Array<number | string | boolean | null> {
  return frames.flatMap((f) => f.fields.find((field) => field.name === name)?.values ?? []);
}

function numbers(values: unknown[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/**
 * `summary`: platform health in single numbers for the executive stat row, reduced from the SLO catalog,
 * the capacity catalog and the active incidents at the end of the time range. A part that fails (e.g. no
 * Alertmanager) leaves its number empty with a notice instead of failing the whole row.
 */
export async function handleSummary(ctx: QueryContext): Promise<Frame[]> {
  const notices: Notice[] = [];
  const part = async (name: string, run: () => Promise<Frame[]>): Promise<Frame[] | undefined> => {
    try {
      return await run();
    } catch (e) {
      if (ctx.signal.aborted) {
        throw e;
      }
      notices.push({
        severity: 'warning',
        text: `${name}: ${e instanceof QueryError || e instanceof Error ? e.message : String(e)}`,
      });
      return undefined;
    }
  };
  const { subquery } = ctx;
  if (!subquery) {
    throw new Error('summary needs the dispatcher (ctx.subquery) to read the catalogs it sums up');
  }
  // through the dispatcher's shared answers: the catalogs the panels beside it computed are reused
  const sub = (queryType: string) => subquery(queryType, { queryType, service: ctx.query.service });
  const [slos, capacity, incidents] = await Promise.all([
    part('SLOs', () => sub('sloCatalog')),
    part('capacity', () => sub('capacityCatalog')),
    part('incidents', () => sub('incidents')),
  ]);

  const sli = slos ? column(slos, 'sli') : [];
  const objective = slos ? column(slos, 'objective') : [];
  const measured = sli
    .map((v, i) => [v, objective[i]])
    .filter(([v, o]) => typeof v === 'number' && typeof o === 'number') as number[][];
  const meeting = measured.filter(([v, o]) => v >= o).length;
  const budgets = slos ? numbers(column(slos, 'budgetRemaining')) : [];
  const headrooms = capacity ? numbers(column(capacity, 'headroom')) : [];

  const value = (v: number | null) => [v];
  return [
    tableFrame(
      'summary',
      [
        { name: 'slosTotal', type: 'number', values: value(slos ? column(slos, 'id').length : null) },
        { name: 'slosMeetingObjective', type: 'number', values: value(slos ? meeting : null) },
        {
          name: 'slosMeetingObjectivePercent',
          type: 'number',
          values: value(measured.length ? meeting / measured.length : null),
          config: { unit: 'percentunit' },
        },
        {
          name: 'worstBudgetRemaining',
          type: 'number',
          values: value(budgets.length ? Math.min(...budgets) : null),
          config: { unit: 'percentunit' },
        },
        {
          name: 'activeIncidents',
          type: 'number',
          values: value(incidents ? column(incidents, 'alert').length : null),
        },
        {
          name: 'worstHeadroom',
          type: 'number',
          values: value(headrooms.length ? Math.min(...headrooms) : null),
          config: { unit: 'percentunit' },
        },
      ],
      notices.length ? { notices } : undefined
    ),
  ];
}
