/** The on-call board: schedules (who is on now, handoff) above the active incidents (what is burning). */
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { useNow } from '../../shared/clock';
import { PanelMessage, panelCondition } from '../../shared/PanelMessage';
import { framesToOncall, sortIncidents } from '../data/fromFrames';
import { DEFAULT_ONCALL_OPTIONS, OncallPanelOptions } from '../types';
import { IncidentList } from './IncidentList';
import { ScheduleCard } from './ScheduleCard';

export const ONCALL_EMPTY_HINT =
  'Expects a table with schedule, shift, active, primary, secondary, shiftStart, shiftEnd, nextPrimary (the Headroom "On-call" query) ' +
  'and/or a table with alert, severity, service, started, state, ackDeadline, escalationLevel, onCall (the "Incidents" query).';

export function OncallPanel({ data, options: saved, width, height, replaceVariables }: PanelProps<OncallPanelOptions>) {
  const styles = useStyles2(getStyles);
  const now = useNow();
  const options = { ...DEFAULT_ONCALL_OPTIONS, ...saved };
  const { schedules, incidents } = useMemo(() => framesToOncall(data.series), [data.series]);
  const hasIncidentFrame = data.series.some((f) => f.fields.some((x) => x.name === 'alert'));
  const condition = panelCondition(data, schedules.length + incidents.length + (hasIncidentFrame ? 1 : 0), { message: 'No on-call data', hint: ONCALL_EMPTY_HINT });
  if (condition) {
    return <PanelMessage condition={condition} />;
  }
  const needle = (replaceVariables ? replaceVariables(options.scheduleFilter) : options.scheduleFilter).trim().toLowerCase();
  const shown = schedules.filter((s) => !needle || s.id.toLowerCase().includes(needle));
  const sorted = sortIncidents(incidents);
  const listed = options.maxIncidents > 0 ? sorted.slice(0, options.maxIncidents) : sorted;
  const columns = Math.max(1, Math.min(shown.length, Math.floor(width / 380)));

  return (
    <div className={styles.board} style={{ width, height }} data-testid="oncall-panel">
      {options.showSchedules && shown.length > 0 && (
        <div className={styles.schedules} style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
          {shown.map((schedule) => (
            <ScheduleCard key={schedule.id} schedule={schedule} now={now} width={width / columns} />
          ))}
        </div>
      )}
      {options.showIncidents && (hasIncidentFrame || incidents.length > 0) && (
        <div>
          <div className={styles.heading}>
            Active incidents <span className={styles.count}>{incidents.length}</span>
            {listed.length < sorted.length ? <span className={styles.count}> (most urgent {listed.length} shown)</span> : null}
          </div>
          <IncidentList incidents={listed} now={now} width={width} />
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  board: css({ overflow: 'auto', display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  schedules: css({ display: 'grid', gap: theme.spacing(1) }),
  heading: css({ fontSize: theme.typography.bodySmall.fontSize, textTransform: 'uppercase', letterSpacing: 0.5, color: theme.colors.text.secondary, marginBottom: theme.spacing(0.5) }),
  count: css({ color: theme.colors.text.primary }),
});
