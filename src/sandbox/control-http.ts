/**
 * The control API over HTTP under /__sandbox/* (JSON, no auth, never rate
 * limited, never logged), for drivers in another process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SimulatorControl } from './control.js';
import type { Fault, RequestMatch } from './faults.js';
import type { FamilyLimits, RateLimitConfig } from './rate-window.js';
import type { RequestFilter } from './request-log.js';
import type { SimulatorState } from './state.js';
import type { ChangelogResource } from './store.js';
import { ControlError } from './control-error.js';
import { webhookControlHttp } from './webhooks/webhook-control.js';

type Json = Record<string, unknown>;


function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ControlError(400, 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ControlError(400, 'body must be a JSON object');
  return parsed as Json;
}

/** `{regex, flags}` or `pathRegex` → RegExp; a plain string stays an exact path. */
function pathPattern(value: unknown, regex: unknown): string | RegExp | undefined {
  if (typeof regex === 'string') return new RegExp(regex);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Json)['regex'] === 'string') {
    const v = value as { regex: string; flags?: string };
    return new RegExp(v.regex, v.flags ?? '');
  }
  return undefined;
}

function requestFilter(q: URLSearchParams): RequestFilter {
  const num = (k: string) => (q.has(k) ? Number(q.get(k)) : undefined);
  const path = pathPattern(q.get('path') ?? undefined, q.get('pathRegex') ?? undefined);
  return {
    ...(q.has('method') ? { method: q.get('method') as string } : {}),
    ...(q.has('route') ? { route: q.get('route') as string } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(q.has('status') ? { status: num('status') as number } : {}),
    ...(q.has('token') ? { token: q.get('token') as string } : {}),
    ...(q.has('since') ? { since: num('since') as number } : {}),
    ...(q.has('externalReference') ? { externalReference: q.get('externalReference') as string } : {}),
  };
}

function faultFromJson(body: Json): Fault {
  const times = body['times'];
  const m = (body['match'] ?? {}) as Json;
  const path = pathPattern(m['path'], m['pathRegex']);
  const match: RequestMatch = {
    ...(typeof m['method'] === 'string' ? { method: m['method'] } : {}),
    ...(typeof m['route'] === 'string' ? { route: m['route'] } : {}),
    ...(path !== undefined ? { path } : {}),
  };
  return {
    match,
    ...(times === null || times === 'Infinity' ? { times: Infinity } : typeof times === 'number' ? { times } : {}),
    ...(typeof body['skip'] === 'number' ? { skip: body['skip'] } : {}),
    ...(typeof body['status'] === 'number' ? { status: body['status'] } : {}),
    ...(typeof body['retryAfter'] === 'number' ? { retryAfter: body['retryAfter'] } : {}),
    ...(typeof body['latencyMs'] === 'number' ? { latencyMs: body['latencyMs'] } : {}),
    ...(body['reset'] === 'before' || body['reset'] === 'after' ? { reset: body['reset'] } : {}),
    ...(body['corrupt'] && typeof body['corrupt'] === 'object' ? { corrupt: body['corrupt'] as Record<string, unknown> } : {}),
    ...(body['exportError'] === true ? { exportError: true } : {}),
    ...(body['body'] !== undefined ? { body: body['body'] } : {}),
    ...(typeof body['contentType'] === 'string' ? { contentType: body['contentType'] } : {}),
    ...(typeof body['hangMs'] === 'number' ? { hangMs: body['hangMs'] } : {}),
    ...(body['hang'] === 'before' || body['hang'] === 'after' ? { hang: body['hang'] } : {}),
    ...(typeof body['trickleBytesPerSecond'] === 'number' ? { trickleBytesPerSecond: body['trickleBytesPerSecond'] } : {}),
    ...(typeof body['bodyBytes'] === 'number' ? { bodyBytes: body['bodyBytes'] } : {}),
  };
}

async function route(state: SimulatorState, control: SimulatorControl, req: IncomingMessage, url: URL): Promise<[number, unknown?]> {
  const method = (req.method ?? 'GET').toUpperCase();
  const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "__sandbox"
  const [head, sub] = parts;
  const q = url.searchParams;
  const key = `${method} ${head ?? ''}`;
  switch (key) {
    case 'GET health':
      return [200, { ok: true }];
    case 'GET info':
      return [200, { url: state.links.origin, baseUrl: state.links.base, demoToken: state.options.demoToken, seed: state.options.seed, today: state.options.today, companies: control.companies(), ...control.rateLimit(), latencyMs: state.latencyMs }];
    case 'POST reset':
      control.reset();
      return [200, { ok: true }];
    case 'GET requests':
      return [200, control.requests(requestFilter(q))];
    case 'GET count':
      return [200, { count: control.count(requestFilter(q)) }];
    case 'DELETE requests':
      control.clearLog();
      return [204];
    case 'GET counters':
      return [200, control.counters()];
    case 'GET rate-stats':
      return [200, control.rateStats(q.get('token') ?? undefined)];
    case 'GET rate-limit':
      return [200, control.rateLimit()];
    case 'PUT rate-limit': {
      const body = await readJson(req);
      control.setRateLimit((body['rateLimit'] ?? false) as RateLimitConfig | false, (body['familyLimits'] ?? {}) as FamilyLimits);
      return [200, control.rateLimit()];
    }
    case 'PUT latency': {
      const body = await readJson(req);
      control.setLatency(Number(body['latencyMs']));
      return [200, { latencyMs: state.latencyMs }];
    }
    case 'POST tokens': {
      const body = await readJson(req);
      if (typeof body['token'] !== 'string') throw new ControlError(400, 'token is required');
      control.addToken(body['token'], {
        ...(Array.isArray(body['scopes']) ? { scopes: body['scopes'] as string[] } : {}),
        ...(typeof body['company'] === 'string' ? { company: body['company'] } : {}),
        ...(typeof body['seed'] === 'number' ? { seed: body['seed'] } : {}),
        ...(typeof body['proAccount'] === 'boolean' ? { proAccount: body['proAccount'] } : {}),
      });
      return [201, { token: body['token'] }];
    }
    case 'PUT tokens': {
      const body = await readJson(req);
      if (sub !== 'scopes' || typeof body['token'] !== 'string' || !Array.isArray(body['scopes'])) {
        throw new ControlError(400, 'PUT /__sandbox/tokens/scopes expects {"token", "scopes": [...]}');
      }
      control.setScopes(body['token'], body['scopes'] as string[]);
      return [200, { token: body['token'], scopes: body['scopes'] }];
    }
    case 'DELETE tokens': {
      const token = q.get('token') ?? (await readJson(req))['token'];
      if (typeof token !== 'string') throw new ControlError(400, 'token is required');
      return [200, { removed: control.removeToken(token) }];
    }
    case 'POST companies': {
      const body = await readJson(req);
      if (typeof body['company'] !== 'string' || body['company'] === '') throw new ControlError(400, 'company is required');
      return [201, control.addCompany(body['company'], typeof body['seed'] === 'number' ? body['seed'] : undefined)];
    }
    case 'POST oauth':
    case 'PUT oauth':
    case 'GET oauth':
      return oauthControl(control, method, sub, req);
    case 'POST webhooks':
    case 'GET webhooks':
      return webhookControlHttp(state, method, sub, q, () => readJson(req));
    case 'POST faults':
      return [201, { id: control.injectFault(faultFromJson(await readJson(req))) }];
    case 'GET faults':
      return [200, control.faults().map((f) => ({ ...f, fault: { ...f.fault, match: { ...f.fault.match, path: f.fault.match?.path?.toString() } } }))];
    case 'DELETE faults':
      if (sub) return [200, { removed: control.removeFault(sub) }];
      control.clearFaults();
      return [204];
    case 'GET snapshot':
      if (!sub) throw new ControlError(400, 'GET /__sandbox/snapshot/{resource}');
      return [200, control.snapshot(sub, q.get('company') ?? undefined)];
    case 'GET changes':
      if (!sub) throw new ControlError(400, 'GET /__sandbox/changes/{resource}');
      return [200, control.changes(sub as ChangelogResource, q.get('company') ?? undefined)];
    case 'GET invoice-lines':
      return [200, control.invoiceLines(Number(sub), q.get('company') ?? undefined)];
    case 'GET payments':
      return [200, control.payments(Number(sub), q.get('company') ?? undefined)];
    case 'GET routes':
      return [200, control.routes()];
    case 'GET sub-list': {
      const path = q.get('path');
      if (!path) throw new ControlError(400, 'GET /__sandbox/sub-list?path=/ledger_entries/{id}/ledger_entry_lines');
      return [200, control.subList(path, q.get('company') ?? undefined)];
    }
    case 'GET trial-balance': {
      const [start, end] = [q.get('period_start'), q.get('period_end')];
      if (!start || !end) throw new ControlError(400, 'period_start and period_end are required');
      return [200, control.trialBalance(start, end, q.get('is_auxiliary') === 'true', q.get('company') ?? undefined)];
    }
    case 'POST exports':
      if (!sub || parts[2] !== 'fail') throw new ControlError(404, 'POST /__sandbox/exports/{id}/fail');
      control.failExport(Number(sub), q.get('company') ?? undefined);
      return [204];
    case 'PUT pro-account': {
      const body = await readJson(req);
      control.setProAccount(body['enabled'] !== false, typeof body['company'] === 'string' ? body['company'] : undefined);
      return [200, { enabled: body['enabled'] !== false }];
    }
    case 'GET sent-emails':
      return [200, control.sentEmails(q.get('company') ?? undefined)];
    case 'PUT pdf-delay': {
      const body = await readJson(req);
      control.setPdfDelay(Number(body['pdfDelayMs']));
      return [200, { pdfDelayMs: state.settings.pdfDelayMs }];
    }
    case 'GET clock':
      return [200, { now: control.now(q.get('company') ?? undefined) }];
    case 'POST clock': {
      const body = await readJson(req);
      if (sub !== 'advance' || typeof body['ms'] !== 'number') throw new ControlError(400, 'POST /__sandbox/clock/advance {"ms": n}');
      control.advanceClock(body['ms']);
      return [200, { now: control.now() }];
    }
    default:
      throw new ControlError(404, `unknown control endpoint ${method} ${url.pathname}`);
  }
}

/** `/__sandbox/oauth/*`: apps, token lifetime, revocations and expiries as a user or time would cause them. */
async function oauthControl(control: SimulatorControl, method: string, sub: string | undefined, req: IncomingMessage): Promise<[number, unknown?]> {
  const body = method === 'GET' ? {} : await readJson(req);
  const company = typeof body['company'] === 'string' ? body['company'] : undefined;
  switch (`${method} ${sub ?? ''}`) {
    case 'POST clients': {
      const redirectUris = body['redirectUris'];
      if (typeof body['clientId'] !== 'string' || typeof body['clientSecret'] !== 'string' || !Array.isArray(redirectUris)) {
        throw new ControlError(400, 'POST /__sandbox/oauth/clients expects {"clientId", "clientSecret", "redirectUris": [...], "name"?}');
      }
      control.registerOAuthClient({
        clientId: body['clientId'],
        clientSecret: body['clientSecret'],
        redirectUris: redirectUris.map(String),
        ...(typeof body['name'] === 'string' ? { name: body['name'] } : {}),
      });
      return [201, { clientId: body['clientId'] }];
    }
    case 'PUT settings':
      control.setAccessTokenTtl(Number(body['accessTokenTtlSeconds']));
      return [200, { accessTokenTtlSeconds: Number(body['accessTokenTtlSeconds']) }];
    case 'POST revoke':
      return [200, { revoked: control.revokeOAuthGrants(company) }];
    case 'POST expire':
      return [200, { expired: control.expireOAuthAccessTokens(company) }];
    case 'GET grants':
      return [200, control.oauthGrants()];
    default:
      throw new ControlError(404, `unknown control endpoint ${method} /__sandbox/oauth/${sub ?? ''}`);
  }
}

export async function handleControl(state: SimulatorState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const control = new SimulatorControl(state);
  const file = /^\/__sandbox\/files\/(\d+)$/.exec(url.pathname);
  if (file && (req.method ?? 'GET').toUpperCase() === 'GET') {
    const company = url.searchParams.get('company') ?? undefined;
    const stored = company === undefined || control.companies().includes(company) ? control.file(Number(file[1]), company) : undefined;
    if (!stored) return send(res, 404, { error: `no uploaded file ${file[1]}` });
    res.writeHead(200, { 'content-type': stored.contentType, 'content-length': String(stored.bytes.length), 'x-filename': encodeURIComponent(stored.filename) });
    res.end(stored.bytes);
    return;
  }
  try {
    const [status, body] = await route(state, control, req, url);
    send(res, status, body);
  } catch (err) {
    const status = err instanceof ControlError ? err.status : 400;
    send(res, status, { error: err instanceof Error ? err.message : String(err) });
  }
}
