import { PanelPlugin } from '@grafana/data';
import { CapacityPanel } from './components/CapacityPanel';
import { buildCapacityOptions } from './editors/options';
import { migrateCapacityOptions } from './migrations';
import { CapacityPanelOptions } from './types';

export const plugin = new PanelPlugin<CapacityPanelOptions>(CapacityPanel).setPanelOptions(buildCapacityOptions).setMigrationHandler(migrateCapacityOptions);
