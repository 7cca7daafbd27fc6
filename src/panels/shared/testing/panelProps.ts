/** PanelProps for rendering a panel in tests and in the render harness, as Grafana would pass them. */
import type { Frame } from '../../../core/frame';
import { toDataFrames } from './dataFrames';
import { DataFrame, dateTime, EventBusSrv, FieldConfigSource, LoadingState, PanelProps, TimeRange } from '@grafana/data';

export function timeRange(from: number, to: number): TimeRange {
  return { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
}

export function panelProps<T>(
  frames: Array<Frame | DataFrame>,
  options: T,
  extra: { width?: number; height?: number; state?: LoadingState; errors?: Array<{ message: string }>; range?: TimeRange } = {}
): PanelProps<T> {
  const range = extra.range ?? timeRange(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 2));
  const series = frames.map((f) => ('length' in f ? f : toDataFrames([f])[0]));
  const fieldConfig: FieldConfigSource = { defaults: {}, overrides: [] };
  return {
    id: 1,
    data: { series, state: extra.state ?? LoadingState.Done, timeRange: range, errors: extra.errors },
    timeRange: range,
    timeZone: 'utc',
    options,
    fieldConfig,
    transparent: false,
    width: extra.width ?? 1000,
    height: extra.height ?? 600,
    renderCounter: 1,
    title: 'test',
    eventBus: new EventBusSrv(),
    onOptionsChange: () => {},
    onFieldConfigChange: () => {},
    replaceVariables: (text: string) => text,
    onChangeTimeRange: () => {},
  };
}
