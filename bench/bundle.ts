/** Figure 1: the JS and CSS index.html loads initially, gzip bytes, against a React "hello" build. */
import { buildReactHello, buildRenderer, type InitialAssets } from './lib/build';
import { figure, type Figure } from './lib/report';

const describe = (assets: InitialAssets) => ({
  js: assets.js,
  css: assets.css,
  jsRawBytes: assets.jsRawBytes,
  cssRawBytes: assets.cssRawBytes,
  jsGzipBytes: assets.jsGzipBytes,
  cssGzipBytes: assets.cssGzipBytes,
});

/** Builds the renderer into `rendererDir` (served by the browser benchmarks) and the baseline. */
export async function benchBundle(rendererDir: string, workDir: string): Promise<Figure[]> {
  const app = await buildRenderer(rendererDir);
  const hello = await buildReactHello(workDir);
  const baselineLabel = 'a React 19 + react-dom "hello" page built by Vite with the same plugins and build options';
  const note = 'gzip at zlib\'s default level (as Vite reports it); 1 KB = 1,000 bytes; files from index.html\'s entry in the Vite manifest.';
  return [
    figure({
      id: 'bundle-js',
      label: 'Initial renderer JS (gzip)',
      unit: 'bytes',
      value: app.jsGzipBytes,
      baselineLabel,
      baseline: hello.jsGzipBytes,
      goal: { on: 'value', max: 150_000 },
      note,
      details: { app: describe(app), baseline: describe(hello) },
    }),
    figure({
      id: 'bundle-css',
      label: 'Initial renderer CSS (gzip)',
      unit: 'bytes',
      value: app.cssGzipBytes,
      baselineLabel: `${baselineLabel} (it has no CSS)`,
      baseline: hello.cssGzipBytes || null,
      goal: null,
      note,
    }),
  ];
}
