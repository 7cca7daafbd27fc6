/** The SLO cards panel: frames -> view models (../data) -> a grid of cards or a list of rows. */
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { PanelMessage, panelCondition } from '../../shared/PanelMessage';
import { framesToSlos } from '../data/fromFrames';
import { burnBadges, selectSlos, serviceLink } from '../data/select';
import { DEFAULT_SLO_OPTIONS, SloPanelOptions } from '../types';
import { SloStatus, SloView } from '../data/model';
import { SloCard } from './SloCard';
import { statusColor } from './styles';

const SUMMARY_ORDER: SloStatus[] = ['critical', 'depleted', 'warning', 'ok', 'unknown'];

/** One line an executive reads first: how many SLOs are in each state. */
function Summary({ slos }: { slos: SloView[] }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const counts = SUMMARY_ORDER.map((status) => ({ status, n: slos.filter((s) => s.status === status).length })).filter((c) => c.n > 0);
  return (
    <div className={styles.summary} data-testid="slo-summary">
      <span>
        {slos.length} SLO{slos.length === 1 ? '' : 's'}
      </span>
      {counts.map(({ status, n }) => (
        <span key={status} className={styles.summaryItem}>
          <span className={styles.dot} style={{ background: statusColor(theme, status) }} />
          {n} {status}
        </span>
      ))}
    </div>
  );
}

export const SLO_EMPTY_HINT =
  'Expects time-series frames labelled slo and service (series sli, objective, budgetRemaining, burnRate with a window label, …) ' +
  'or a table with a row per SLO (slo, service, objective, sli, budgetRemaining, burnRate1h, status, …), e.g. the Headroom queries "SLO series" or "SLO catalog".';

/** The range as the URL carries it: relative ("now-7d") when the dashboard's is, else epoch ms. */
function urlRange(timeRange: PanelProps['timeRange']): { from: string; to: string } | undefined {
  if (!timeRange) {
    return undefined;
  }
  const raw = (v: unknown, fallback: number) => (typeof v === 'string' ? v : String(fallback));
  return { from: raw(timeRange.raw?.from, timeRange.from.valueOf()), to: raw(timeRange.raw?.to, timeRange.to.valueOf()) };
}

export function SloPanel({ data, options: saved, width, height, replaceVariables, timeRange }: PanelProps<SloPanelOptions>) {
  const styles = useStyles2(getStyles);
  const options = { ...DEFAULT_SLO_OPTIONS, ...saved };
  const all = useMemo(() => framesToSlos(data.series), [data.series]);
  const filter = replaceVariables ? replaceVariables(options.filter) : options.filter;
  const slos = selectSlos(all, { ...options, filter });

  const condition = panelCondition(data, all.length, { message: 'No SLO data', hint: SLO_EMPTY_HINT });
  if (condition) {
    return <PanelMessage condition={condition} />;
  }

  const layout = options.layout === 'auto' ? (width >= 2 * options.minCardWidth && height >= 200 ? 'grid' : 'list') : options.layout;
  const columns = Math.max(1, Math.floor((width + 8) / (options.minCardWidth + 8)));
  const cardWidth = layout === 'grid' ? (width - 8 * (columns - 1)) / columns : width;

  return (
    <div className={styles.scroll} style={{ width, height }} data-testid="slo-panel">
      {height >= 160 && slos.length > 1 && <Summary slos={slos} />}
      {slos.length === 0 ? (
        <div className={styles.none}>No SLO matches the filter ({all.length} hidden)</div>
      ) : (
        <div
          className={layout === 'grid' ? styles.grid : styles.list}
          style={layout === 'grid' ? { gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` } : undefined}
        >
          {slos.map((slo) => (
            <SloCard
              key={slo.id}
              slo={slo}
              badges={burnBadges(slo, options.burnBadges)}
              link={serviceLink(options.dashboardUrl, slo.service, urlRange(timeRange))}
              variant={layout === 'grid' ? 'card' : 'row'}
              showSparkline={options.showSparkline}
              width={cardWidth}
            />
          ))}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({ overflow: 'auto', display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  summary: css({ display: 'flex', gap: theme.spacing(1.5), flexWrap: 'wrap', fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
  summaryItem: css({ display: 'inline-flex', alignItems: 'center', gap: theme.spacing(0.5), color: theme.colors.text.primary }),
  dot: css({ width: 8, height: 8, borderRadius: '50%', display: 'inline-block' }),
  grid: css({ display: 'grid', gap: theme.spacing(1) }),
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  none: css({ color: theme.colors.text.secondary, padding: theme.spacing(2), textAlign: 'center' }),
});
