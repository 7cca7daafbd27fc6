/** Options of the capacity headroom panel. */
import { DEFAULT_BUFFER } from '../../core/definitions/model';

export type CapacitySort = 'worst' | 'soonest' | 'utilization' | 'name';

export interface CapacityPanelOptions {
  sort: CapacitySort;
  /** text matched against resource id, name, kind and instance (variables allowed) */
  filter: string;
  onlyProblems: boolean;
  showChart: boolean;
  /** headroom buffer target, % of capacity kept free: drawn as a mark at utilization 100 - target */
  bufferTarget: number;
}

export const DEFAULT_CAPACITY_OPTIONS: CapacityPanelOptions = {
  sort: 'worst',
  filter: '',
  onlyProblems: false,
  showChart: true,
  bufferTarget: DEFAULT_BUFFER.target,
};
