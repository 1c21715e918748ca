// The status page: reads /status/events (server-sent events, over fetch so the operator's
// credential can travel in a header) and draws each snapshot. No framework, no other origin;
// every value reaches the page through textContent or an SVG attribute, never as markup.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const STORE = 'pennylane-graphql.status.credential';
const PRIORITIES = ['interactive', 'mutation', 'bulk', 'background'];
const HISTORY = 60;
/** Token window use per tenant, one point per snapshot, for the sparkline. */
const history = new Map();

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    // Through the CSSOM: the page's policy forbids inline style attributes.
    else if (name === 'style') Object.assign(node.style, value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function svg(tag, attributes = {}, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

const shortId = (id) => (id.length > 12 ? `${id.slice(0, 10)}…` : id);
const level = (ratio) => (ratio >= 0.9 ? 'high' : ratio >= 0.6 ? 'mid' : 'low');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Half-circle gauge of the token's current window: used of limit. */
function gauge(bucket) {
  const ratio = bucket.limit > 0 ? Math.max(0, Math.min(1, bucket.used / bucket.limit)) : 0;
  const radius = 70;
  const length = Math.PI * radius;
  const arc = `M 10 90 A ${radius} ${radius} 0 0 1 150 90`;
  const seconds = bucket.windowMs / 1000;
  return svg(
    'svg',
    {
      viewBox: '0 0 160 112',
      class: `gauge ${bucket.paused ? 'paused' : level(ratio)}`,
      role: 'meter',
      'aria-label': `${bucket.used} of ${bucket.limit} requests in the ${seconds} s window`,
      'aria-valuemin': 0,
      'aria-valuemax': bucket.limit,
      'aria-valuenow': bucket.used,
      'data-testid': 'token-gauge',
      'data-used': bucket.used,
      'data-limit': bucket.limit,
    },
    [
      svg('path', { d: arc, class: 'track', pathLength: length }),
      svg('path', { d: arc, class: 'value', pathLength: length, 'stroke-dasharray': `${ratio * length} ${length}` }),
      svg('text', { x: 80, y: 78, class: 'big', text: `${bucket.used}/${bucket.limit}` }),
      svg('text', { x: 80, y: 106, class: 'small', text: bucket.paused ? 'paused after a 429' : `sent in the last ${seconds} s` }),
    ],
  );
}

function bar(label, value, max, className, title) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  return el('div', { class: `bar ${className}`, title: title ?? `${label}: ${value}` }, [
    el('span', { class: 'bar-label', text: label }),
    el('span', { class: 'bar-track' }, [el('span', { class: 'bar-fill', style: { width: `${(ratio * 100).toFixed(1)}%` } })]),
    el('span', { class: 'bar-value', text: String(value) }),
  ]);
}

/** Donut of cache hits over the last minute. */
function donut(hits, misses) {
  const reads = hits + misses;
  const ratio = reads > 0 ? hits / reads : 0;
  const circumference = 2 * Math.PI * 26;
  return el('figure', { class: 'donut', 'data-testid': 'cache-ratio', 'data-hits': hits, 'data-misses': misses }, [
    svg('svg', { viewBox: '0 0 64 64', role: 'img', 'aria-label': `${Math.round(ratio * 100)}% of cache reads hit` }, [
      svg('circle', { cx: 32, cy: 32, r: 26, class: 'track' }),
      svg('circle', { cx: 32, cy: 32, r: 26, class: 'value', 'stroke-dasharray': `${ratio * circumference} ${circumference}`, transform: 'rotate(-90 32 32)' }),
      svg('text', { x: 32, y: 37, text: reads > 0 ? `${Math.round(ratio * 100)}%` : '–' }),
    ]),
    el('figcaption', { text: reads > 0 ? `cache hits, last minute (${hits}/${reads})` : 'no cache read in the last minute' }),
  ]);
}

/** The token window's use over the last snapshots. */
function sparkline(points, limit) {
  const width = 180;
  const height = 36;
  const step = width / (HISTORY - 1);
  const start = HISTORY - points.length;
  const coordinates = points.map((used, index) => `${((start + index) * step).toFixed(1)},${(height - (limit > 0 ? used / limit : 0) * height).toFixed(1)}`);
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'sparkline', role: 'img', 'aria-label': 'token window use, last minute' }, [
    svg('line', { x1: 0, y1: 0.5, x2: width, y2: 0.5, class: 'limit' }),
    svg('polyline', { points: coordinates.join(' ') }),
  ]);
}

function recentOperations(recent) {
  if (recent.length === 0) return el('p', { class: 'empty', text: 'No operation yet.' });
  const longest = Math.max(...recent.map((op) => op.ms), 1);
  return el(
    'ol',
    { class: 'recent', 'aria-label': 'Recent operations' },
    recent.map((op) => {
      const wait = Math.min(op.queuedMs, op.ms);
      const name = `${op.kind ?? 'graphql'} ${op.name ?? '(anonymous)'}`;
      const detail = `${op.ms} ms · ${plural(op.calls, 'call')} · ${plural(op.cacheHits, 'cache hit')}${op.queuedMs > 0 ? ` · waited ${op.queuedMs} ms for budget` : ''}${op.throttled > 0 ? ` · ${plural(op.throttled, '429')}` : ''}`;
      return el('li', { class: `op ${op.outcome}`, title: `${name}: ${detail}` }, [
        el('span', { class: 'op-name', text: name }),
        el('span', { class: 'op-bar' }, [
          el('span', { class: 'op-wait', style: { width: `${((wait / longest) * 100).toFixed(1)}%` } }),
          el('span', { class: 'op-work', style: { width: `${(((op.ms - wait) / longest) * 100).toFixed(1)}%` } }),
        ]),
        el('span', { class: 'op-detail', text: detail }),
      ]);
    }),
  );
}

function tenantCard(tenant) {
  const [token, ...families] = tenant.buckets;
  const points = history.get(tenant.id) ?? [];
  if (token) {
    points.push(token.used);
    if (points.length > HISTORY) points.shift();
    history.set(tenant.id, points);
  }
  const waitingMax = Math.max(10, ...PRIORITIES.map((p) => tenant.waiting[p] ?? 0));
  return el('article', { class: 'tenant', 'data-tenant': tenant.id }, [
    el('h3', { title: tenant.id, text: tenant.label ?? shortId(tenant.id) }),
    el('div', { class: 'row' }, [
      el('div', { class: 'window' }, [
        token ? gauge(token) : el('p', { class: 'empty', text: 'no budget held' }),
        ...families.map((bucket) => bar(bucket.name.replace('_', ' & '), bucket.used, bucket.limit, `family ${level(bucket.used / bucket.limit)}`, `${bucket.name}: ${bucket.used} of ${bucket.limit} per ${bucket.windowMs / 1000} s`)),
        token ? sparkline(points, token.limit) : null,
      ]),
      el('div', { class: 'queues', 'data-testid': 'queue-depth' }, [
        el('h4', { text: 'waiting for budget' }),
        ...PRIORITIES.map((priority) => bar(priority, tenant.waiting[priority] ?? 0, waitingMax, `queue ${priority}`)),
        el('p', { class: 'counts', text: `last minute: ${tenant.sent} sent · ${plural(tenant.throttled, '429')} · ${tenant.refused} refused` }),
      ]),
      donut(tenant.cache.hits, tenant.cache.misses),
    ]),
    recentOperations(tenant.recent),
  ]);
}

const BULK_TEXT = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  COMPLETED_WITH_ERRORS: 'completed with errors',
  HANDED_ON: 'handed on to another replica',
};

function bulkRow(operation) {
  const processed = operation.succeeded + operation.failed;
  const percent = (n) => (operation.total > 0 ? ((n / operation.total) * 100).toFixed(1) : '0');
  return el('div', { class: `bulk-op ${operation.status.toLowerCase()}`, 'data-bulk': operation.id }, [
    el('span', { class: 'bulk-name', title: operation.id, text: `${operation.kind} · ${shortId(operation.tenant)}` }),
    el(
      'span',
      {
        class: 'progress',
        role: 'progressbar',
        'aria-label': `${operation.kind}: ${processed} of ${operation.total} items`,
        'aria-valuemin': 0,
        'aria-valuemax': operation.total,
        'aria-valuenow': processed,
        'data-testid': 'bulk-progress',
      },
      [el('span', { class: 'done', style: { width: `${percent(operation.succeeded)}%` } }), el('span', { class: 'failed', style: { width: `${percent(operation.failed)}%` } })],
    ),
    el('span', { class: 'bulk-value', text: `${processed}/${operation.total}${operation.failed > 0 ? ` · ${operation.failed} failed` : ''} · ${BULK_TEXT[operation.status] ?? operation.status.toLowerCase()}` }),
  ]);
}

const REPLICA_TEXT = {
  memory: () => 'budget held in this process',
  connecting: () => 'joining the shared budget (Redis)…',
  shared: (r) => `budget shared through Redis · ${plural(r.replicas, 'replica')}`,
  local: (r) => `keeping to 1/${r.replicas} of each limit`,
};

function render(snapshot) {
  const replica = document.getElementById('replica');
  replica.textContent = REPLICA_TEXT[snapshot.replica.mode]?.(snapshot.replica) ?? snapshot.replica.mode;
  replica.dataset.state = snapshot.replica.mode;
  replica.title = `This replica: ${snapshot.replica.name}`;
  const redis = document.getElementById('redis');
  redis.hidden = snapshot.redis === null;
  if (snapshot.redis) {
    redis.dataset.state = snapshot.redis.reachable ? 'up' : 'down';
    redis.textContent = snapshot.redis.reachable ? 'Redis reachable' : 'Redis unreachable: bulk paused';
  }
  document.getElementById('tenants').replaceChildren(...snapshot.tenants.map(tenantCard));
  document.getElementById('no-tokens').hidden = snapshot.tenants.length > 0;
  const more = document.getElementById('more-tokens');
  more.hidden = snapshot.activeTenants <= snapshot.tenants.length;
  more.textContent = `${snapshot.tenants.length} of ${snapshot.activeTenants} active tokens shown, the most recently active first; /metrics has them all (GATEWAY_METRICS_TENANTS).`;
  document.getElementById('bulk').replaceChildren(...snapshot.bulk.map(bulkRow));
  document.getElementById('no-bulk').hidden = snapshot.bulk.length > 0;
  setLink('live', `live · ${new Date(snapshot.at).toLocaleTimeString()}`);
}

function setLink(state, text) {
  const link = document.getElementById('link');
  link.dataset.state = state;
  link.textContent = text;
}

function credential() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? 'null');
  } catch {
    return null;
  }
}

function headersFor(stored) {
  if (!stored) return {};
  return stored.kind === 'jwt' ? { authorization: `Bearer ${stored.value}` } : { 'x-api-key': stored.value };
}

async function showLogin(response) {
  let reason = response.status === 403 ? 'This credential may not read the status.' : 'This gateway requires a credential.';
  try {
    reason = (await response.json()).errors?.[0]?.message ?? reason;
  } catch {
    // not JSON: keep the generic reason
  }
  const challenge = response.headers.get('www-authenticate') ?? '';
  if (!credential()) document.getElementById('login-kind').value = /ApiKey/.test(challenge) || !/Bearer/.test(challenge) ? 'api-key' : 'jwt';
  document.getElementById('login-reason').textContent = reason;
  document.getElementById('login').hidden = false;
  setLink('signed-out', 'signed out');
}

/** Reads the event stream until it ends; resolves with how to go on: `retry` or `stop`. */
async function stream() {
  const stored = credential();
  document.getElementById('sign-out').hidden = !stored;
  const response = await fetch('/status/events', { headers: { accept: 'text/event-stream', ...headersFor(stored) }, cache: 'no-store' });
  if (response.status === 401 || response.status === 403) {
    await showLogin(response);
    return 'stop';
  }
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  document.getElementById('login').hidden = true;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return 'retry';
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = message
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) render(JSON.parse(data));
    }
  }
}

let failures = 0;
async function connect() {
  try {
    const next = await stream();
    failures = 0;
    if (next === 'stop') return;
  } catch {
    failures += 1;
  }
  setLink('retrying', 'reconnecting…');
  setTimeout(connect, Math.min(5000, 500 * 2 ** failures));
}

document.getElementById('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = document.getElementById('login-value').value.trim();
  if (!value) return;
  sessionStorage.setItem(STORE, JSON.stringify({ kind: document.getElementById('login-kind').value, value }));
  document.getElementById('login-value').value = '';
  document.getElementById('login').hidden = true;
  setLink('connecting', 'connecting…');
  void connect();
});

document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(STORE);
  location.reload();
});

void connect();
