import { PanelPlugin } from '@grafana/data';
import { OncallPanel } from './components/OncallPanel';
import { buildOncallOptions } from './editors/options';
import { migrateOncallOptions } from './migrations';
import { OncallPanelOptions } from './types';

export const plugin = new PanelPlugin<OncallPanelOptions>(OncallPanel).setPanelOptions(buildOncallOptions).setMigrationHandler(migrateOncallOptions);
