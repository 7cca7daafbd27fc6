/**
 * What a panel shows instead of its content: loading, the query's error, or no usable frames
 * (with the frame shape it expects, so a user wiring their own data source knows what to send).
 */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, LoadingState, PanelData } from '@grafana/data';
import { Icon, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

export type PanelCondition = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'empty'; message: string; hint: string };

/** The condition to show for this data, or undefined when the panel has rows to draw. */
export function panelCondition(data: PanelData, rows: number, empty: { message: string; hint: string }): PanelCondition | undefined {
  const error = data.errors?.[0];
  if (rows > 0) {
    return undefined;
  }
  if (error) {
    return { kind: 'error', message: error.message ?? 'Query failed' };
  }
  if (data.state === LoadingState.Loading || data.state === LoadingState.NotStarted) {
    return { kind: 'loading' };
  }
  return { kind: 'empty', ...empty };
}

export function PanelMessage({ condition }: { condition: PanelCondition }) {
  const styles = useStyles2(getStyles);
  if (condition.kind === 'loading') {
    return (
      <div className={styles.box}>
        <LoadingPlaceholder text="Loading…" />
      </div>
    );
  }
  if (condition.kind === 'error') {
    return (
      <div className={styles.box} role="alert">
        <Icon name="exclamation-triangle" className={styles.error} size="lg" />
        <div className={styles.errorText}>{condition.message}</div>
      </div>
    );
  }
  return (
    <div className={styles.box}>
      <div className={styles.title}>{condition.message}</div>
      <div className={styles.hint}>{condition.hint}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(2),
    textAlign: 'center',
    overflow: 'auto',
  }),
  title: css({ color: theme.colors.text.primary, fontSize: theme.typography.h5.fontSize }),
  hint: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, maxWidth: 420 }),
  error: css({ color: theme.colors.error.text }),
  errorText: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize, maxWidth: 520, wordBreak: 'break-word' }),
});
