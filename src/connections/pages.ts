/**
 * The pages a person sees on the way through a connection: the end of the callback, and every
 * way it can fail. Plain HTML, no script, nothing from the request echoed unescaped, never a stack.
 */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; background: #f5f6f8; color: #1c2230; margin: 0; }
  main { max-width: 38rem; margin: 3rem auto; background: #fff; border-radius: 12px; padding: 2rem 2.2rem; box-shadow: 0 2px 12px #0001; }
  h1 { font-size: 1.35rem; margin-top: 0; }
  code, pre { background: #f0f2f5; border-radius: 6px; padding: .1rem .35rem; font-size: .9rem; }
  pre { padding: .8rem; overflow-x: auto; }
  a.button { display: inline-block; margin-top: 1rem; padding: .6rem 1rem; border-radius: 8px; background: #1b5cff; color: #fff; text-decoration: none; }
  .muted { color: #5b6475; font-size: .9rem; }
`;

export interface Page {
  readonly status: number;
  readonly html: string;
}

function page(status: number, title: string, body: string): Page {
  return {
    status,
    html: `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escape(title)}</h1>
${body}
</main></body>
</html>
`,
  };
}

export function connectedPage(connection: { id: string; companyName: string; replaced: boolean }, graphqlUrl: string): Page {
  const id = escape(connection.id);
  return page(
    200,
    `${connection.companyName} is connected`,
    `<p>${connection.replaced ? 'The company was already connected: its connection now uses this new authorization.' : 'The gateway can now work with this company for you.'}</p>
<p>Connection id: <code id="connection-id">${id}</code></p>
<p>Address it in GraphQL with the header <code>x-pennylane-connection: ${id}</code>, or across all your companies with <code>portfolio</code>:</p>
<pre>curl ${escape(graphqlUrl)} -H 'content-type: application/json' \\
  -H 'x-pennylane-connection: ${id}' \\
  -d '{"query":"{ me { company { name } } }"}'</pre>
<p class="muted">You can close this page.</p>`,
  );
}

/** A failure on the way, said in words, with the way forward. */
export function failurePage(status: number, title: string, explanation: string, restart: string | null): Page {
  return page(
    status,
    title,
    `<p>${escape(explanation)}</p>${restart ? `\n<a class="button" href="${escape(restart)}">Start again</a>` : ''}\n<p class="muted">Nothing was connected.</p>`,
  );
}

export function htmlResponse(result: Page, headers: Record<string, string> = {}): Response {
  return new Response(result.html, {
    status: result.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });
}
