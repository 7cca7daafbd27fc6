import React, { type ReactNode } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, Stack, Text, useStyles2 } from '@grafana/ui';
import type { AsyncState } from '../../datasource/components/async';

interface Props<T> {
  title: string;
  state: AsyncState<T>;
  /** shown on the right of the title */
  action?: ReactNode;
  children: (value: T) => ReactNode;
}

/** A titled panel-like box that shows loading, a named error, or its content. */
export function Section<T>({ title, state, action, children }: Props<T>) {
  const styles = useStyles2(getStyles);
  return (
    <section className={styles.box} aria-label={title}>
      <Stack direction="row" justifyContent="space-between" alignItems="center">
        <Text element="h2" variant="h4">
          {title}
        </Text>
        {action}
      </Stack>
      {state.loading && <LoadingPlaceholder text="Loading…" />}
      {state.error && (
        <Alert severity="error" title={`Could not load ${title.toLowerCase()}`}>
          {state.error}
        </Alert>
      )}
      {state.value !== undefined && children(state.value)}
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(2),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
    minWidth: 0,
  }),
});
