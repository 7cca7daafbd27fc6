import React from 'react';
import type { QueryEditorProps } from '@grafana/data';
import type { HeadroomDataSource } from '../datasource';
import type { HeadroomQuery } from '../../core/query';
import type { HeadroomDataSourceOptions } from '../types';

type Props = QueryEditorProps<HeadroomDataSource, HeadroomQuery, HeadroomDataSourceOptions>;

export function QueryEditor(_props: Props) {
  return <div>Headroom query</div>;
}
