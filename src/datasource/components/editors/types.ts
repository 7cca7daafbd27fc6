import type { HeadroomDataSource } from '../../datasource';

/** What every per-query-type sub-editor gets from QueryEditor. */
export interface SubEditorProps<Q> {
  query: Q;
  onChange: (query: Q) => void;
  datasource: HeadroomDataSource;
}
