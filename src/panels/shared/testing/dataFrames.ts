/** Backend-form frames (src/core/frame.ts) -> @grafana/data DataFrames, for unit tests. */
import { createDataFrame, DataFrame, DataFrameDTO } from '@grafana/data';
import type { Frame } from '../../../core/frame';

export function toDataFrames(frames: Frame[]): DataFrame[] {
  return frames.map((frame) => createDataFrame(frame as unknown as DataFrameDTO));
}

export function toDataFrame(frame: Frame): DataFrame {
  return createDataFrame(frame as unknown as DataFrameDTO);
}
