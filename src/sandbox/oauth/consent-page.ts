/** The simulator's consent page: the user picks one of their companies, or denies. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
  body { font: 16px/1.45 system-ui, sans-serif; background: #f4f5f7; color: #1d2433; margin: 0; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; border-radius: 12px; padding: 2rem; box-shadow: 0 2px 12px #0001; }
  h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
  .muted { color: #5b6475; font-size: .9rem; }
  ul.scopes { columns: 2; font-size: .85rem; color: #3b4456; padding-left: 1.1rem; }
  form { display: grid; gap: .6rem; margin-top: 1.5rem; }
  button { font: inherit; padding: .7rem 1rem; border-radius: 8px; border: 1px solid #c9cfda; background: #fff; cursor: pointer; text-align: left; }
  button.allow { background: #1b5cff; border-color: #1b5cff; color: #fff; }
  button.deny { color: #a3262c; }
`;

interface ConsentPageOptions {
  readonly appName: string;
  readonly scopes: readonly string[];
  /** The authorization request, carried through the form as hidden fields. */
  readonly params: URLSearchParams;
  readonly companies: readonly { readonly key: string; readonly name: string }[];
}

/** One button per company (the first approves the first company), then Deny. */
export function consentPage({ appName, scopes, params, companies }: ConsentPageOptions): string {
  const hidden = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']
    .filter((name) => params.has(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name)!)}">`)
    .join('\n      ');
  const buttons = companies
    .map((c) => `<button class="allow" type="submit" name="company" value="${escapeHtml(c.key)}">Allow access to ${escapeHtml(c.name)}</button>`)
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Connect ${escapeHtml(appName)} to Pennylane</title><style>${STYLE}</style></head>
<body>
  <main>
    <h1>${escapeHtml(appName)} wants to access one of your companies</h1>
    <p class="muted">Pennylane simulator. Choose the company this application may read and write; it will reach that company only.</p>
    <ul class="scopes">${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
    <form method="post" action="/oauth/authorize">
      ${hidden}
      ${buttons}
      <button class="deny" type="submit" name="decision" value="deny">Deny</button>
    </form>
  </main>
</body>
</html>
`;
}

export function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorization error</title><style>${STYLE}</style></head>
<body><main><h1>This authorization request cannot go on</h1><p>${escapeHtml(message)}</p></main></body>
</html>
`;
}
