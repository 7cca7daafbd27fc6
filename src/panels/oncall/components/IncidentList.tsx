/** Active incidents, most urgent first: severity, what and where, who is on call, the acknowledge countdown and escalation. */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { countdown } from '../../shared/format';
import { IncidentView, Severity } from '../data/model';

export function severityColor(theme: GrafanaTheme2, severity: Severity): string {
  switch (severity) {
    case 'sev1':
      return theme.colors.error.main;
    case 'sev2':
      return theme.visualization.getColorByName('orange');
    case 'sev3':
      return theme.visualization.getColorByName('yellow');
    default:
      return theme.colors.info.main;
  }
}

/** "ack in 3:12", "ack missed 4:10 ago" or "acknowledged", and whether it is overdue. */
export function ackText(incident: IncidentView, now: number): { text: string; missed: boolean } {
  if (incident.acknowledged) {
    return { text: 'acknowledged', missed: false };
  }
  if (incident.ackDeadline === undefined) {
    return { text: 'unacknowledged', missed: false };
  }
  const left = incident.ackDeadline - now;
  return left > 0 ? { text: `ack in ${countdown(left)}`, missed: false } : { text: `ack missed ${countdown(-left)} ago`, missed: true };
}

export function IncidentList({ incidents, now, width }: { incidents: IncidentView[]; now: number; width: number }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const wide = width >= 640;
  if (incidents.length === 0) {
    return (
      <div className={styles.calm} data-testid="oncall-no-incidents">
        No active incidents
      </div>
    );
  }
  return (
    <div className={styles.list}>
      {incidents.map((incident, i) => {
        const color = severityColor(theme, incident.severity);
        const ack = ackText(incident, now);
        return (
          <div key={`${incident.alert}-${i}`} className={styles.row} style={{ borderLeftColor: color, gridTemplateColumns: wide ? '48px minmax(0, 1fr) 150px 40px 90px' : '44px minmax(0, 1fr) auto' }} data-testid="oncall-incident">
            <span className={styles.sev} style={{ background: color, color: theme.colors.getContrastText(color) }} data-testid="incident-severity">
              {incident.severity.toUpperCase()}
            </span>
            <div className={styles.what}>
              <span className={styles.alert}>
                {incident.alert}
                {incident.service ? <span className={styles.secondary}> · {incident.service}</span> : null}
              </span>
              {incident.summary && <span className={styles.secondary}>{incident.summary}</span>}
            </div>
            <span
              className={styles.ack}
              style={{
                color: ack.missed ? theme.colors.error.text : incident.acknowledged ? theme.colors.success.text : theme.colors.warning.text,
                background: ack.missed ? theme.colors.error.transparent : undefined,
              }}
              data-testid="incident-ack"
              data-missed={ack.missed}
            >
              {ack.text}
            </span>
            {wide && (
              <span className={styles.level} title="escalation level: 1 primary, 2 secondary, 3 manager, 4 VP" data-testid="incident-level">
                {incident.escalationLevel !== undefined ? `L${incident.escalationLevel}` : ''}
              </span>
            )}
            {wide && (
              <span className={styles.person} data-testid="incident-oncall">
                {incident.onCall ?? ''}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  row: css({
    display: 'grid',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.secondary,
    borderLeft: '4px solid',
    borderRadius: theme.shape.radius.default,
  }),
  sev: css({ fontSize: 11, fontWeight: theme.typography.fontWeightBold, textAlign: 'center', borderRadius: theme.shape.radius.default, padding: theme.spacing(0.25, 0) }),
  what: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  alert: css({ fontWeight: theme.typography.fontWeightMedium, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }),
  secondary: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular, fontSize: theme.typography.bodySmall.fontSize, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }),
  ack: css({
    fontVariantNumeric: 'tabular-nums',
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    padding: theme.spacing(0.25, 0.5),
    borderRadius: theme.shape.radius.default,
  }),
  level: css({ color: theme.colors.text.secondary, textAlign: 'center' }),
  person: css({ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }),
  calm: css({ color: theme.colors.success.text, padding: theme.spacing(1), textAlign: 'center' }),
});
