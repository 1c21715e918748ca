import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Tenant } from '../datasources/tenant.js';
import type { SharedRedis } from '../state/shared-redis.js';
import type { BulkJobs } from './bulk-jobs.js';
import type { ItemErrorCodec } from './bulk-codec.js';
import type { BulkWork } from './bulk-runner.js';
import { MemoryBulkJobs } from './memory-bulk-jobs.js';
import { RedisBulkJobs, type JobTokens } from './redis-bulk-jobs.js';
import { ConnectionTenant } from '../connections/connection-tenant.js';
import type { Connections } from '../connections/index.js';
import { SecretBox, SecretBoxError } from '../connections/secret-box.js';

export interface BulkJobsOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: SharedRedis | null;
  readonly work: BulkWork;
  readonly errors: ItemErrorCodec;
  /** OAuth connections, when there is an app: a connection's job is reopened through them. */
  readonly connections?: Connections | null;
}

/** Bulk operations in this process, or as BullMQ jobs in Redis when there is one. */
export function createBulkJobs({ config, logger, redis, work, errors, connections = null }: BulkJobsOptions): BulkJobs {
  if (!redis || !config.redis.url) return new MemoryBulkJobs({ work, retentionMs: config.jobs.bulkRetentionMs });
  return new RedisBulkJobs({
    redis,
    url: config.redis.url,
    work,
    errors,
    tokens: jobTokens(config, connections),
    lockMs: config.jobs.lockMs,
    retentionMs: config.jobs.bulkRetentionMs,
    logger,
  });
}

/**
 * The gateway's own token never goes into a job: every replica has it. An OAuth connection's
 * job holds only the connection id: its tokens rotate, and every replica reads them from the
 * connection store. A client's token is sealed with GATEWAY_ENCRYPTION_KEY (the SecretBox of
 * the OAuth tokens, bound to the tenant id, so a sealed token copied into another tenant's job
 * does not open); config refuses to start without a key when client tokens and Redis are on.
 */
function jobTokens(config: Config, connections: Connections | null): JobTokens {
  const serverTenant = config.pennylane.apiToken ? new Tenant(config.pennylane.apiToken) : null;
  const box = config.encryptionKeys ? SecretBox.fromConfig(config.encryptionKeys) : null;
  return {
    seal(tenant) {
      if (tenant.id === serverTenant?.id) return null;
      if (tenant instanceof ConnectionTenant) return `${CONNECTION_PREFIX}${tenant.connectionId}`;
      if (!box) throw new Error('GATEWAY_ENCRYPTION_KEY is needed to keep a client token with a bulk job');
      // The token is only reachable through the header it makes.
      return box.seal(tenant.authorization().replace(/^Bearer /, ''), `bulk-job:${tenant.id}`);
    },
    open(tenantId, sealed) {
      if (serverTenant && tenantId === serverTenant.id) return serverTenant;
      if (sealed?.startsWith(CONNECTION_PREFIX)) {
        const tenant = connections?.tenantFor({ id: sealed.slice(CONNECTION_PREFIX.length) }) ?? null;
        return tenant?.id === tenantId ? tenant : null;
      }
      let token: string | null = null;
      try {
        token = sealed && box ? box.open(sealed, `bulk-job:${tenantId}`) : null;
      } catch (error) {
        if (!(error instanceof SecretBoxError)) throw error;
      }
      const tenant = token ? new Tenant(token) : null;
      return tenant?.id === tenantId ? tenant : null;
    },
  };
}

const CONNECTION_PREFIX = 'connection:';
