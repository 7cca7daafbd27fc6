/**
 * Browser side of the render harness (bundled by ../render.ts with esbuild).
 * Renders one React component inside Grafana's ThemeContext (createTheme from @grafana/data) with Grafana's
 * global styles, at a fixed size, and tells the Node side when it is painted.
 */
import React, { ComponentType, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme } from '@grafana/data';
import { GlobalStyles, ThemeContext } from '@grafana/ui';

export interface RenderRequest {
  props: Record<string, unknown>;
  theme: 'dark' | 'light';
  width: number;
  height: number;
}

declare global {
  interface Window {
    __grafana_public_path__?: string;
    __headroomRender?: (request: RenderRequest) => Promise<void>;
  }
}

// Icons are served by the harness from @grafana/ui's own dist/public (see render.ts).
window.__grafana_public_path__ = '/public/';

function Painted({ onPainted }: { onPainted: () => void }) {
  useEffect(() => {
    // two frames: layout effects and the first paint of children are done
    requestAnimationFrame(() => requestAnimationFrame(onPainted));
  }, [onPainted]);
  return null;
}

export function mount(module: Record<string, unknown>, exportName: string) {
  const Component = module[exportName] as ComponentType<Record<string, unknown>> | undefined;
  if (typeof Component !== 'function' && typeof Component !== 'object') {
    throw new Error(`render harness: module has no component export "${exportName}"`);
  }
  const container = document.getElementById('root')!;
  const root = createRoot(container);
  window.__headroomRender = (request) =>
    new Promise<void>((resolve) => {
      const theme = createTheme({ colors: { mode: request.theme } });
      document.body.style.margin = '0';
      root.render(
        <ThemeContext.Provider value={theme}>
          <GlobalStyles />
          <div
            id="subject"
            style={{
              width: request.width,
              height: request.height,
              overflow: 'hidden',
              background: theme.colors.background.canvas,
            }}
          >
            {Component ? <Component {...request.props} /> : null}
          </div>
          <Painted onPainted={resolve} />
        </ThemeContext.Provider>
      );
    });
}
