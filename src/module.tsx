import { AppPlugin } from '@grafana/data';
import { App } from './app/App';
import type { AppJsonData } from './app/constants';
import { AppConfig } from './app/pages/AppConfig';

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
