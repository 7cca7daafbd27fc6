/** One schedule: the follow-the-sun day strip with a "now" marker, who is on call, and the next handoff. */
import React from 'react';
import { css, cx } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { countdown, utcClock } from '../../shared/format';
import { ScheduleView } from '../data/model';
import { stripSegments } from '../data/fromFrames';

const DAY = 86_400_000;
const SHIFT_COLORS = ['blue', 'purple', 'green', 'orange', 'yellow'];

export function ScheduleCard({ schedule, now, width }: { schedule: ScheduleView; now: number; width: number }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const nowFraction = (((now % DAY) + DAY) % DAY) / DAY;
  const { active, nextHandoff, nextShift } = schedule;
  const untilHandoff = nextHandoff === undefined ? undefined : nextHandoff - now;
  const incoming = nextShift?.primary ?? active?.nextPrimary;
  const compact = width < 420;

  return (
    <div className={styles.card} data-testid="oncall-schedule" data-schedule={schedule.id}>
      <div className={styles.head}>
        <span className={styles.schedule}>{schedule.id}</span>
        {active ? (
          <span className={styles.people}>
            <span className={styles.role}>primary</span>
            <strong data-testid="oncall-primary">{active.primary ?? '–'}</strong>
            {!compact && (
              <>
                <span className={styles.role}>secondary</span>
                <span data-testid="oncall-secondary">{active.secondary ?? '–'}</span>
              </>
            )}
          </span>
        ) : (
          <span className={styles.role}>nobody on call now</span>
        )}
      </div>
      <div className={styles.strip} aria-label="shifts over the day (UTC)">
        {schedule.shifts.flatMap((shift, i) =>
          stripSegments(shift).map(([from, to], j) => {
            const color = theme.visualization.getColorByName(SHIFT_COLORS[i % SHIFT_COLORS.length]);
            return (
              <div
                key={`${shift.name}-${j}`}
                className={cx(styles.segment, shift.active && styles.activeSegment)}
                style={{
                  left: `${from * 100}%`,
                  width: `${(to - from) * 100}%`,
                  background: shift.active ? color : theme.colors.emphasize(theme.colors.background.canvas, 0.03),
                  borderColor: color,
                  color: shift.active ? theme.colors.getContrastText(color) : theme.colors.text.secondary,
                }}
                title={`${shift.name}: ${utcClock(shift.start)} – ${utcClock(shift.end)}, primary ${shift.primary ?? '–'}`}
                data-testid="oncall-segment"
                data-active={shift.active}
              >
                <span className={styles.segmentText}>
                  {shift.name.toUpperCase()}
                  {!compact && shift.primary ? ` · ${shift.primary}` : ''}
                </span>
              </div>
            );
          })
        )}
        <div
          className={styles.now}
          style={{ left: `${nowFraction * 100}%` }}
          data-testid="oncall-now"
          title={`now ${utcClock(now)}`}
        />
      </div>
      {!compact && (
        <div className={styles.scale}>
          {[0, 6, 12, 18].map((h) => (
            <span key={h} style={{ left: `${(h / 24) * 100}%` }}>
              {String(h).padStart(2, '0')}:00
            </span>
          ))}
          <span style={{ right: 0 }}>UTC</span>
        </div>
      )}
      <div className={styles.handoff}>
        {untilHandoff !== undefined ? (
          <>
            <span>
              {untilHandoff > 0 ? 'Handoff in ' : 'Handoff due '}
              {/* past the handoff the data is older than the clock (range ends in the past, or awaiting refresh) */}
              <strong data-testid="oncall-handoff">{untilHandoff > 0 ? countdown(untilHandoff) : `${countdown(-untilHandoff)} ago`}</strong>
              <span className={styles.role}> at {utcClock(nextHandoff!)}</span>
            </span>
            {incoming && (
              <span data-testid="oncall-next">
                <span className={styles.role}>next</span> {incoming}
                {nextShift ? <span className={styles.role}> ({nextShift.name.toUpperCase()})</span> : null}
              </span>
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(1, 1.5),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
  head: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  }),
  schedule: css({
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.secondary,
    textTransform: 'uppercase',
    fontSize: theme.typography.bodySmall.fontSize,
    letterSpacing: 0.5,
  }),
  people: css({
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(0.75),
    fontSize: theme.typography.h5.fontSize,
  }),
  role: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  strip: css({
    position: 'relative',
    height: 22,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.canvas,
    overflow: 'hidden',
  }),
  segment: css({
    position: 'absolute',
    top: 0,
    bottom: 0,
    border: '1px solid',
    display: 'flex',
    alignItems: 'center',
    // labels sit at the shift's start so the "now" line rarely crosses them
    justifyContent: 'flex-start',
    overflow: 'hidden',
    fontSize: 11,
  }),
  activeSegment: css({ fontWeight: theme.typography.fontWeightBold }),
  segmentText: css({
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    padding: theme.spacing(0, 0.5),
  }),
  now: css({
    position: 'absolute',
    top: -2,
    bottom: -2,
    width: 2,
    marginLeft: -1,
    background: theme.colors.text.primary,
    boxShadow: `0 0 0 1px ${theme.colors.background.primary}`,
  }),
  scale: css({
    position: 'relative',
    height: 14,
    fontSize: 10,
    color: theme.colors.text.disabled,
    '& > span': { position: 'absolute', top: 0 },
  }),
  handoff: css({
    display: 'flex',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
    fontVariantNumeric: 'tabular-nums',
  }),
});
