import type { Alert, AlertSource } from '../../core/source';
import type { Logger } from '../logger';

// Placeholder contract: the on-call issue implements this class (Alertmanager API v2 client).
export interface AlertmanagerOptions {
  url: string;
  basicAuth?: { user: string; password: string };
  bearerToken?: string;
  timeoutMs: number;
  log: Logger;
}

export class AlertmanagerSource implements AlertSource {
  constructor(readonly options: AlertmanagerOptions) {}
  describe(): string {
    return `Alertmanager at ${this.options.url}`;
  }
  activeAlerts(_at: number, _signal?: AbortSignal): Promise<Alert[]> {
    return Promise.reject(new Error('Alertmanager source not implemented yet'));
  }
}
