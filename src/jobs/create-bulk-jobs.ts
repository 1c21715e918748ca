import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Tenant } from '../datasources/tenant.js';
import type { SharedRedis } from '../state/shared-redis.js';
import type { BulkJobs } from './bulk-jobs.js';
import type { ItemErrorCodec } from './bulk-codec.js';
import type { BulkWork } from './bulk-runner.js';
import { MemoryBulkJobs } from './memory-bulk-jobs.js';
import { RedisBulkJobs, type JobTokens } from './redis-bulk-jobs.js';
import { sealToken, unsealToken } from './sealed-token.js';

export interface BulkJobsOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: SharedRedis | null;
  readonly work: BulkWork;
  readonly errors: ItemErrorCodec;
}

/** Bulk operations in this process, or as BullMQ jobs in Redis when there is one. */
export function createBulkJobs({ config, logger, redis, work, errors }: BulkJobsOptions): BulkJobs {
  if (!redis || !config.redis.url) return new MemoryBulkJobs({ work, retentionMs: config.jobs.bulkRetentionMs });
  return new RedisBulkJobs({
    redis,
    url: config.redis.url,
    work,
    errors,
    tokens: jobTokens(config),
    lockMs: config.jobs.lockMs,
    retentionMs: config.jobs.bulkRetentionMs,
    logger,
  });
}

/**
 * The gateway's own token never goes into a job: every replica has it. A client's token is
 * sealed with GATEWAY_ENCRYPTION_KEY (config refuses to start without one when client tokens
 * and Redis are both on).
 */
function jobTokens(config: Config): JobTokens {
  const serverTenant = config.pennylane.apiToken ? new Tenant(config.pennylane.apiToken) : null;
  const key = config.encryptionKey ? Buffer.from(config.encryptionKey, 'hex') : null;
  return {
    seal(tenant) {
      if (tenant.id === serverTenant?.id) return null;
      if (!key) throw new Error('GATEWAY_ENCRYPTION_KEY is needed to keep a client token with a bulk job');
      // The token is only reachable through the header it makes.
      return sealToken(tenant.authorization().replace(/^Bearer /, ''), tenant.id, key);
    },
    open(tenantId, sealed) {
      if (serverTenant && tenantId === serverTenant.id) return serverTenant;
      const token = sealed && key ? unsealToken(sealed, tenantId, key) : null;
      const tenant = token ? new Tenant(token) : null;
      return tenant?.id === tenantId ? tenant : null;
    },
  };
}
