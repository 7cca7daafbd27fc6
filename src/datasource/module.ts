import { DataSourcePlugin } from '@grafana/data';
import { HeadroomDataSource } from './datasource';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';

export const plugin = new DataSourcePlugin(HeadroomDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
