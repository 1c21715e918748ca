/**
 * Where the simulator accepts and sends webhooks. `callback_url` is https; the simulator also
 * takes http to a loopback address, so a test's gateway on a loopback port can receive them (a
 * sandbox-only deviation: real Pennylane would refuse it). It only ever calls loopback hosts,
 * and never itself: a callback into the simulator's own port (e.g. `/__sandbox/reset`) would
 * let whoever registers a subscription drive the control API with every event.
 */

/** localhost, ::1 and 127.0.0.0/8: this machine only. */
export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** https, or (sandbox only) http to a loopback host; no credentials. */
export function acceptedCallbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Whether a delivery to `callbackUrl` is made: a loopback host, not the simulator's own port, never a /__sandbox path. */
export function deliverable(callbackUrl: string, simulatorOrigin: string): boolean {
  const url = new URL(callbackUrl);
  if (!isLoopbackHost(url.hostname)) return false;
  if (url.pathname.split('/').includes('__sandbox')) return false;
  if (simulatorOrigin === '') return true;
  const self = new URL(simulatorOrigin);
  return !(isLoopbackHost(self.hostname) && portOf(url) === portOf(self));
}

function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}
