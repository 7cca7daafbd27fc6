import { PanelPlugin } from '@grafana/data';
import { SloPanel } from './components/SloPanel';
import { buildSloOptions } from './editors/options';
import { migrateSloOptions } from './migrations';
import { SloPanelOptions } from './types';

export const plugin = new PanelPlugin<SloPanelOptions>(SloPanel).setPanelOptions(buildSloOptions).setMigrationHandler(migrateSloOptions);
