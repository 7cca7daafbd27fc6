import React from 'react';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import type { HeadroomDataSourceOptions, HeadroomSecureJsonData } from '../types';

type Props = DataSourcePluginOptionsEditorProps<HeadroomDataSourceOptions, HeadroomSecureJsonData>;

export function ConfigEditor(_props: Props) {
  return <div>Headroom settings</div>;
}
