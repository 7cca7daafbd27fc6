/**
 * Headless Chromium render harness: render any React component of this repo to a PNG.
 *
 *   const png = await render('src/panels/slo/components/SloPanel.tsx', props, { theme: 'dark', width: 480, height: 320 });
 *   await closeRenderer();
 *
 * - The component module is bundled for the browser with esbuild (one bundle per module, cached for the process)
 *   together with ./page/main.tsx, which mounts it inside @grafana/ui's ThemeContext (createTheme from
 *   @grafana/data) and GlobalStyles. Bundling @grafana/ui whole is fine with esbuild (~10 MB, a few seconds).
 * - Props travel as JSON: pass plain data; for callbacks or objects built in the browser (e.g. DataFrames from
 *   @grafana/runtime's toDataQueryResponse) write a small wrapper component that builds them (see PanelHost.tsx).
 * - Debian's /usr/bin/chromium via playwright-core; no network: every request is answered by the harness from
 *   disk (the page, the bundle, @grafana/ui's icons); anything else gets a 404.
 * - The PNG is written to tests/e2e/__screenshots__/<name>.png (committed visual references) and returned.
 * - A page error or a React error logged to the console fails the render (the error lists them).
 */
import { build, type Plugin } from 'esbuild';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type Browser } from 'playwright-core';
import { requireBinary } from '../../support/binaries';

export interface RenderOptions {
  theme: 'dark' | 'light';
  width: number;
  height: number;
  /** file name (without .png) under tests/e2e/__screenshots__; omitted = nothing written */
  name?: string;
  /** the module's export to render; default "default", falling back to the only function export */
  exportName?: string;
  /** CSS selector that must be visible before the screenshot (content that arrives late, e.g. a lazy editor) */
  waitFor?: string;
}

export interface RenderResult {
  png: Buffer;
  /** absolute path of the written PNG, when `name` was given */
  file?: string;
  /** console warnings seen while rendering (errors throw instead) */
  warnings: string[];
  /** the rendered subject's visible text (innerText), for assertions on what a person would read */
  text: string;
}

const ROOT = path.resolve(__dirname, '../../..');
// bundles live outside the repo (they are build output; tsc and eslint must not see them)
const OUTPUT = path.join(os.tmpdir(), 'headroom-render-bundles');
export const SCREENSHOTS = path.join(ROOT, 'tests/e2e/__screenshots__');
const ICONS = path.join(ROOT, 'node_modules/@grafana/ui/dist/public/img/icons');
const ORIGIN = 'http://harness.local';

let browser: Promise<Browser> | undefined;
const bundles = new Map<string, Promise<{ js: string; css?: string }>>();

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireBinary(['/usr/bin/chromium', 'chromium'], 'chromium'),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Bundle page/main.tsx + the component module into one IIFE (and its CSS, if any). */
async function bundle(modulePath: string, exportName: string): Promise<{ js: string; css?: string }> {
  const absolute = path.resolve(ROOT, modulePath);
  if (!existsSync(absolute)) {
    throw new Error(`render harness: no module ${absolute}`);
  }
  const key = createHash('sha1').update(`${absolute}#${exportName}`).digest('hex').slice(0, 12);
  const dir = path.join(OUTPUT, key);
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'entry.tsx');
  writeFileSync(
    entry,
    [
      `import * as subject from ${JSON.stringify(absolute)};`,
      `import { mount } from ${JSON.stringify(path.join(__dirname, 'page/main.tsx'))};`,
      `mount(subject as Record<string, unknown>, ${JSON.stringify(exportName)});`,
      '',
    ].join('\n')
  );
  await build({
    entryPoints: [entry],
    outdir: dir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    logLevel: 'error',
    absWorkingDir: ROOT,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    define: {
      'process.env.NODE_ENV': '"production"',
      global: 'globalThis',
    },
    plugins: [cjsDefaultInterop],
    loader: { '.svg': 'text', '.png': 'dataurl', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty' },
  });
  const css = path.join(dir, 'entry.css');
  return { js: readFileSync(path.join(dir, 'entry.js'), 'utf8'), css: existsSync(css) ? readFileSync(css, 'utf8') : undefined };
}

/**
 * @grafana/ui's ESM build (.mjs) default-imports react-custom-scrollbars-2, a CommonJS module marked __esModule.
 * esbuild gives an .mjs importer Node's semantics (default = module.exports, the namespace object), so
 * CustomScrollbar (Table, ScrollContainer...) would render an object; webpack, as Grafana builds, takes
 * `exports.default`. Resolve it through a shim that imports it from a .ts file, where esbuild does the same.
 */
const cjsDefaultInterop: Plugin = {
  name: 'cjs-default-interop',
  setup(build) {
    build.onResolve({ filter: /^react-custom-scrollbars-2$/ }, (args) =>
      args.importer.endsWith('.mjs') ? { path: path.join(__dirname, 'page/custom-scrollbars.ts') } : undefined
    );
  },
};

function pickExport(modulePath: string, exportName?: string): string {
  if (exportName) {
    return exportName;
  }
  const source = readFileSync(path.resolve(ROOT, modulePath), 'utf8');
  if (/export\s+default\b/.test(source)) {
    return 'default';
  }
  const named = [...source.matchAll(/export\s+(?:const|function)\s+([A-Z]\w*)/g)].map((m) => m[1]);
  if (named.length !== 1) {
    throw new Error(`render harness: ${modulePath} has ${named.length} component exports; pass exportName`);
  }
  return named[0];
}

export async function render(modulePath: string, props: object, options: RenderOptions): Promise<RenderResult> {
  const exportName = pickExport(modulePath, options.exportName);
  const bundleKey = `${modulePath}#${exportName}`;
  if (!bundles.has(bundleKey)) {
    bundles.set(bundleKey, bundle(modulePath, exportName));
  }
  const { js, css } = await bundles.get(bundleKey)!;
  browser ??= launch();
  const context = await (await browser).newContext({
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: 1,
    colorScheme: options.theme,
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const warnings: string[] = [];
    // an error thrown while React renders unmounts the page, which then never reports being painted: stop at once
    let pageFailed: (error: Error) => void = () => {};
    const failure = new Promise<never>((_, reject) => (pageFailed = reject));
    failure.catch(() => {});
    page.on('pageerror', (error) => {
      errors.push(error.message);
      pageFailed(new Error(`render harness: ${modulePath} failed in the browser:\n${errors.join('\n')}`));
    });
    page.on('console', (message) => {
      // 404s for Grafana's fonts are expected here; anything else logged as an error fails the render
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text());
      } else if (message.type() === 'warning') {
        warnings.push(message.text());
      }
    });
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) {
        return route.fulfill({ status: 404, body: '' });
      }
      if (url.pathname === '/') {
        return route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/entry.css"></head><body><div id="root"></div><script src="/entry.js"></script></body></html>`,
        });
      }
      if (url.pathname === '/entry.js') {
        return route.fulfill({ contentType: 'text/javascript', body: js });
      }
      if (url.pathname === '/entry.css') {
        return route.fulfill({ contentType: 'text/css', body: css ?? '' });
      }
      const icon = url.pathname.match(/^\/public\/build\/img\/icons\/(.+\.svg)$/);
      if (icon) {
        const file = path.join(ICONS, path.normalize(icon[1]).replace(/^(\.\.[/\\])+/, ''));
        if (existsSync(file)) {
          return route.fulfill({ contentType: 'image/svg+xml', body: readFileSync(file) });
        }
      }
      // fonts and anything else Grafana's server would serve: absent here, the browser falls back
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => typeof window.__headroomRender === 'function');
    await Promise.race([
      page.evaluate((request) => window.__headroomRender!(request), {
        props: props as Record<string, unknown>,
        theme: options.theme,
        width: options.width,
        height: options.height,
      }),
      failure,
    ]);
    // icons arrive asynchronously (react-inlinesvg fetches them)
    await page.waitForLoadState('networkidle');
    if (options.waitFor) {
      await page.locator(options.waitFor).first().waitFor({ state: 'visible', timeout: 30_000 });
    }
    if (errors.length > 0) {
      throw new Error(`render harness: ${modulePath} failed in the browser:\n${errors.join('\n')}`);
    }
    const subject = page.locator('#subject');
    const png = await subject.screenshot({ type: 'png' });
    const text = await subject.innerText();
    let file: string | undefined;
    if (options.name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      file = path.join(SCREENSHOTS, `${options.name}.png`);
      writeFileSync(file, png);
    }
    return { png, file, warnings, text };
  } finally {
    await context.close();
  }
}

/** Stop the browser (call in afterAll). */
export async function closeRenderer(): Promise<void> {
  const running = browser;
  browser = undefined;
  bundles.clear();
  if (running) {
    await (await running).close();
  }
}
