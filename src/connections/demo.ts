import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Simulator } from '../sandbox/simulator.js';
import type { OAuthConfig } from './oauth-config.js';

/** The embedded simulator's OAuth app: public, like its demo token (it is not a Pennylane secret). */
export const DEMO_CLIENT = { clientId: 'pennylane-graphql-demo', clientSecret: 'demo-client-secret', name: 'pennylane-graphql (demo)' } as const;

/** Companies besides the demo one, so the consent page has a choice to make. */
const DEMO_COMPANIES = ['bistro', 'atelier'];

/**
 * `npm start` with no token and no OAuth app: the simulator is also the authorization server,
 * this gateway its registered app, so a person can connect a demo company end to end. Without
 * GATEWAY_ENCRYPTION_KEY the key and the connections file are throwaway (the simulator's
 * grants die with it anyway), and the start-up line says so.
 */
export async function demoOAuth(sandbox: Simulator, config: Config, port: number): Promise<{ app: OAuthConfig; cleanUp(): void }> {
  const { tuning } = config.oauth;
  const redirectUri = `${loopbackOrigin(config.host, port)}/oauth/callback`;
  sandbox.control.registerOAuthClient({ ...DEMO_CLIENT, redirectUris: [redirectUri] });
  for (const company of DEMO_COMPANIES) sandbox.control.addCompany(company);
  const throwaway = tuning.encryptionKeys === null;
  const directory = throwaway ? mkdtempSync(join(tmpdir(), 'pennylane-graphql-demo-')) : null;
  return {
    app: {
      ...tuning,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      redirectUri,
      serverUrl: sandbox.url,
      encryptionKeys: tuning.encryptionKeys ?? [randomBytes(32).toString('hex')],
      connectionsFile: directory ? join(directory, 'connections.json') : tuning.connectionsFile,
      throwaway,
    },
    cleanUp: () => {
      if (directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** This process's own http origin, for what the embedded simulator calls back (OAuth redirects, webhooks). */
export function loopbackOrigin(listenHost: string, port: number): string {
  const host = ['0.0.0.0', '::', ''].includes(listenHost) ? '127.0.0.1' : listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return `http://${host}:${port}`;
}
