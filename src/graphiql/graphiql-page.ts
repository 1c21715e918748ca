import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL that works with no network: its script, styles and editor workers are served by
 * the gateway itself under `/graphiql/assets/` (from @graphql-yoga/render-graphiql's bundle),
 * not from a CDN. Assets are served with a long cache lifetime, the page itself is tiny.
 */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/assets/';

interface GraphiQLBundle {
  readonly css: string;
  readonly js: string;
  readonly editorWorkerService: string;
  readonly graphqlWorker: string;
  readonly jsonWorker: string;
}

let bundle: GraphiQLBundle | undefined;

async function loadBundle(): Promise<GraphiQLBundle> {
  // The 9 MB bundle is only loaded when someone opens GraphiQL.
  if (!bundle) {
    const loaded = await import('@graphql-yoga/render-graphiql/graphiql');
    bundle = { ...loaded, js: withoutMinifiedIconTitles(loaded.js) };
  }
  return bundle;
}

/**
 * GraphiQL titles each icon after its component's function name ("copy icon"), which the
 * minified bundle has renamed: hovering an icon showed "wze icon". The icons sit in buttons
 * that carry their own label (aria-label and tooltip), so the generated titles are dropped.
 * If a GraphiQL upgrade changes that code, the browser test fails on the titles again.
 */
const ICON_TITLE = /\w+\.name\.replace\("Svg",""\)\.replaceAll\(\/\(\[A-Z\]\)\/g," \$1"\)\.trimStart\(\)\.toLowerCase\(\)\+" icon"/g;
export function withoutMinifiedIconTitles(js: string): string {
  return js.replace(ICON_TITLE, 'void 0');
}

const ASSETS: Readonly<Record<string, { key: keyof GraphiQLBundle; type: string }>> = {
  'graphiql.css': { key: 'css', type: 'text/css; charset=utf-8' },
  'graphiql.js': { key: 'js', type: 'text/javascript; charset=utf-8' },
  'editor.worker.js': { key: 'editorWorkerService', type: 'text/javascript; charset=utf-8' },
  'graphql.worker.js': { key: 'graphqlWorker', type: 'text/javascript; charset=utf-8' },
  'json.worker.js': { key: 'jsonWorker', type: 'text/javascript; charset=utf-8' },
};

/** Answers `/graphiql/assets/<name>`, or null when the path is not one of ours. */
export async function graphiqlAsset(pathname: string): Promise<Response | null> {
  if (!pathname.startsWith(GRAPHIQL_ASSET_PREFIX)) return null;
  const asset = ASSETS[pathname.slice(GRAPHIQL_ASSET_PREFIX.length)];
  if (!asset) return new Response('Not Found', { status: 404 });
  const body = (await loadBundle())[asset.key];
  return new Response(body, {
    headers: { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' },
  });
}

const escapeForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function renderGraphiQLPage(options: GraphiQLOptions): string {
  const asset = (name: string) => `${GRAPHIQL_ASSET_PREFIX}${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>${options.title ?? 'GraphiQL'}</title>
  <link rel="stylesheet" href="${asset('graphiql.css')}" />
  <style>
    /* GraphiQL's tabs are framer-motion Reorder items whose drag offset is left stuck at
       mount (translateX of the tabs to their right); GraphiQL's own CSS hides it only while
       a tab is not focused, so the first click focused the tab, it jumped away from the
       pointer and the click was lost. Tabs never need an offset here: dragging still
       reorders them, without the sliding animation. */
    .graphiql-tab { transform: none !important; }
  </style>
</head>
<body id="body" class="no-focus-outline">
  <noscript>GraphiQL needs JavaScript.</noscript>
  <div id="root">Loading GraphiQL…</div>
  <script>
    const workerUrls = {
      editorWorkerService: ${escapeForScript(asset('editor.worker.js'))},
      json: ${escapeForScript(asset('json.worker.js'))},
      graphql: ${escapeForScript(asset('graphql.worker.js'))},
    };
    const workers = {};
    self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_id, label) => workers[label] };
    const loadWorkers = Promise.all(Object.entries(workerUrls).map(async ([label, url]) => {
      const source = await (await fetch(url)).text();
      workers[label] = URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
    }));
  </script>
  <script src="${asset('graphiql.js')}"></script>
  <script>
    loadWorkers.finally(() => YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${escapeForScript(options)}));
  </script>
</body>
</html>`;
}
