import type { PennylaneClient } from './client.js';

/** `GET /me` (API.md §1.5): no scope needed. */
export interface PennylaneMe {
  readonly user: {
    readonly id: number;
    readonly first_name: string;
    readonly last_name: string;
    readonly email: string;
    readonly locale: string;
  } | null;
  readonly company: { readonly id: number; readonly name: string; readonly reg_no: string | number | null };
  readonly scopes?: readonly string[];
}

export function getMe(client: PennylaneClient): Promise<PennylaneMe> {
  return client.get<PennylaneMe>('/me', {}, { resource: 'me' });
}
