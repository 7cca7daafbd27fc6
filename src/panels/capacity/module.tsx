import React from 'react';
import { PanelPlugin } from '@grafana/data';

export const plugin = new PanelPlugin(() => <div>Headroom</div>);
