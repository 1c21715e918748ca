/**
 * `npm run api-key -- <name>`: a new API key for a client of the gateway. The key is printed
 * once, for the client; the gateway keeps only its hash, in GATEWAY_API_KEYS.
 */
import { newApiKey } from '../src/edge/api-keys.js';

const name = process.argv[2];
if (!name) {
  process.stderr.write('usage: npm run api-key -- <client name>   (the name logs show)\n');
  process.exit(2);
}
const { key, entry } = newApiKey(name);
process.stdout.write(
  [
    `API key for "${name}" (give it to the client; it is shown only now):`,
    `  ${key}`,
    'Entry to add to GATEWAY_API_KEYS (comma-separated; grants may follow, e.g. ";introspection"):',
    `  ${entry}`,
    '',
  ].join('\n'),
);
