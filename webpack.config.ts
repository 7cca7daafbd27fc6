/**
 * Extends the create-plugin webpack config (never edit .config/): copies what nested plugins and the app
 * need beside the bundles — each nested plugin's logo and the dashboards the app includes.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

const config = async (env: Env): Promise<Configuration> => {
  const base = await grafanaConfig(env);
  return {
    ...base,
    plugins: [
      ...(base.plugins ?? []),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'img/logo.svg', to: 'datasource/img/logo.svg' },
          { from: 'img/logo.svg', to: 'panels/slo/img/logo.svg' },
          { from: 'img/logo.svg', to: 'panels/capacity/img/logo.svg' },
          { from: 'img/logo.svg', to: 'panels/oncall/img/logo.svg' },
          { from: '../dashboards/*.json', to: 'dashboards/[name][ext]', noErrorOnMissing: true },
        ],
      }),
    ],
  };
};

export default config;
