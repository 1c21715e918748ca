/** Companies by key: the seeded "demo" one plus any created for extra tokens. */
import { hashString } from './random.js';
import { generateCompany } from './seed/index.js';
import { MAX_COMPANY_SLOTS, type CompanyStore } from './store.js';
import { DEMO_COMPANY } from './tokens.js';

export class CompanyRegistry {
  private readonly companies = new Map<string, CompanyStore>();

  constructor(
    private readonly demoSeed: number,
    private readonly today: string,
  ) {
    this.reset();
  }

  /**
   * Back to the seeded demo company only. A demo company nobody wrote to since
   * the seed is kept (its clock rewound) rather than generated again.
   */
  reset(): void {
    const demo = this.companies.get(DEMO_COMPANY);
    this.companies.clear();
    if (demo && demo.isPristine()) {
      demo.rewind();
      this.companies.set(DEMO_COMPANY, demo);
    } else this.companies.set(DEMO_COMPANY, generateCompany(DEMO_COMPANY, this.demoSeed, this.today, 0));
  }

  get(key: string): CompanyStore | undefined {
    return this.companies.get(key);
  }

  get demo(): CompanyStore {
    const demo = this.companies.get(DEMO_COMPANY);
    if (!demo) throw new Error('demo company missing');
    return demo;
  }

  keys(): string[] {
    return [...this.companies.keys()];
  }

  /** The company `key`, generated from `seed` (default: derived from the key) if new. */
  ensure(key: string, seed?: number): CompanyStore {
    const existing = this.companies.get(key);
    if (existing) return existing;
    const taken = new Set([...this.companies.values()].map((c) => c.slot));
    let slot = 1 + (hashString(key) % (MAX_COMPANY_SLOTS - 1));
    for (let tries = 0; taken.has(slot); tries++) {
      if (tries >= MAX_COMPANY_SLOTS) throw new Error(`at most ${MAX_COMPANY_SLOTS} companies`);
      slot = 1 + (slot % (MAX_COMPANY_SLOTS - 1));
    }
    const company = generateCompany(key, seed ?? hashString(`company:${key}`), this.today, slot);
    this.companies.set(key, company);
    return company;
  }
}
