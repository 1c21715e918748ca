import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sandbox/simulator.js';
import { gatewayOver } from '../support/harness.js';
import { registerGateway, servedGateway } from '../support/webhooks.js';

/** The files a gateway without Redis keeps webhook secrets in: damaged ones are named, written ones are whole and private. */
describe('the webhooks file', () => {
  let sim: Simulator;
  let dir: string;
  beforeAll(async () => {
    sim = await startSimulator();
    dir = await mkdtemp(join(tmpdir(), 'state-files-'));
  });
  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stops the gateway from starting when it is not JSON, saying which file and which setting', async () => {
    const file = join(dir, 'damaged.json');
    await writeFile(file, '[{"hookId": "h1", "tenan');
    expect(() => gatewayOver(sim, { GATEWAY_ENCRYPTION_KEY: 'c'.repeat(64), PENNYLANE_WEBHOOKS_FILE: file })).toThrow(
      `${file} is not JSON: it is not a webhooks file; move it away or set PENNYLANE_WEBHOOKS_FILE`,
    );
  });

  it('treats an empty file as no hooks, and writes a whole 0600 file with no temporary left beside it', async () => {
    const file = join(dir, 'empty.json');
    await writeFile(file, '');
    const h = await servedGateway({ GATEWAY_ENCRYPTION_KEY: 'c'.repeat(64), PENNYLANE_WEBHOOKS_FILE: file }, undefined, sim);
    try {
      await registerGateway(h);
      const kept = JSON.parse(await readFile(file, 'utf8')) as { hookId: string; sealedSecret: string }[];
      expect(kept).toHaveLength(1);
      expect(kept[0]!.sealedSecret).toBeTruthy();
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('leaves no temporary file behind when the hooks file cannot be replaced (the registration fails)', async () => {
    const room = join(dir, 'blocked');
    await mkdir(room);
    const file = join(room, 'webhooks.json');
    const h = await servedGateway({ GATEWAY_ENCRYPTION_KEY: 'c'.repeat(64), PENNYLANE_WEBHOOKS_FILE: file }, undefined, sim);
    try {
      // A directory where the file goes: the temporary file is written, the rename onto it fails.
      await mkdir(file);
      await expect(registerGateway(h)).rejects.toThrow(/createWebhookSubscription/);
      expect(await readdir(room)).toEqual(['webhooks.json']);
    } finally {
      await h.close();
    }
  });
});
