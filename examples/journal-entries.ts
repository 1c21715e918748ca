/**
 * Recipe (d): push journal entries from another system (payroll, a marketplace) with their own
 * journal and ledger accounts, then read back what Pennylane made of them: the entries, their
 * lines and the trial balance. Run: `npm start`, then `npx tsx examples/journal-entries.ts [endpoint]`.
 */
import { graphql } from './gql/index.js';
import type { CreateLedgerEntryInput } from './gql/graphql.js';
import { isMain, request, settle, type Gateway } from './client.js';

const CreateJournal = graphql(`
  mutation RecipeCreateJournal($code: String!, $key: String!) {
    createJournal(input: { code: $code, label: "Payroll" }, idempotencyKey: $key) {
      __typename ... on JournalPayload { journal { pennylaneId code } } ... on MutationError { message }
    }
  }
`);

const CreateAccount = graphql(`
  mutation RecipeCreateAccount($number: String!, $label: String!) {
    createLedgerAccount(input: { number: $number, label: $label }, idempotencyKey: $number) {
      __typename ... on LedgerAccountPayload { ledgerAccount { pennylaneId number } } ... on MutationError { message }
    }
  }
`);

const PushEntries = graphql(`
  mutation RecipePushEntries($inputs: [CreateLedgerEntryInput!]!, $key: String) {
    createLedgerEntries(inputs: $inputs, idempotencyKey: $key) { __typename ... on BulkOperationPayload { bulkOperation { id } } ... on MutationError { message } }
  }
`);

const Pushed = graphql(`
  query RecipePushedEntries($id: ID!) { bulkOperation(id: $id) { status succeeded failed } }
`);

const ReadBack = graphql(`
  query RecipeReadBack($journal: ID!, $from: Date!, $to: Date!) {
    ledgerEntries(first: 50, filter: { journalId: { eq: $journal } }) {
      edges { node { pennylaneId label date lines(first: 10) { edges { node { debit credit label ledgerAccount { number } } } } } }
    }
    trialBalance(periodStart: $from, periodEnd: $to, first: 1000) { edges { node { number label debits credits } } }
  }
`);

export interface PushedBooks {
  readonly entries: number;
  readonly lines: number;
  /** Trial balance rows of the accounts the entries used. */
  readonly balances: readonly { number: string; debits: string; credits: string }[];
}

export async function run(gateway: Gateway, code = 'PAY'): Promise<PushedBooks> {
  const journal = await request(gateway, CreateJournal, { code, key: `journal-${code}` });
  if (journal.createJournal.__typename !== 'JournalPayload') throw new Error(JSON.stringify(journal.createJournal));
  const journalId = journal.createJournal.journal.pennylaneId;
  const account = async (number: string, label: string) => {
    const created = await request(gateway, CreateAccount, { number, label });
    if (created.createLedgerAccount.__typename !== 'LedgerAccountPayload') throw new Error(JSON.stringify(created.createLedgerAccount));
    return created.createLedgerAccount.ledgerAccount.pennylaneId;
  };
  const salaries = await account('641100', 'Salaires bruts');
  const staff = await account('421100', 'Personnel - rémunérations dues');

  const inputs: CreateLedgerEntryInput[] = ['2026-10-31', '2026-11-30'].map((date, i) => ({
    journalId,
    date,
    label: `Payroll ${date.slice(0, 7)}`,
    lines: [
      { ledgerAccountId: salaries, debit: `${4200 + i * 100}.00`, credit: '0.00', label: 'Gross salaries' },
      { ledgerAccountId: staff, debit: '0.00', credit: `${4200 + i * 100}.00`, label: 'Net pay due' },
    ],
  }));
  const pushed = await request(gateway, PushEntries, { inputs, key: `payroll-${code}` });
  if (pushed.createLedgerEntries.__typename !== 'BulkOperationPayload') throw new Error(JSON.stringify(pushed.createLedgerEntries));
  const id = pushed.createLedgerEntries.bulkOperation.id;
  const done = await settle(async () => (await request(gateway, Pushed, { id })).bulkOperation);
  if (done.failed > 0) throw new Error(`${done.failed} entries refused`);

  const books = await request(gateway, ReadBack, { journal: journalId, from: '2026-10-01', to: '2026-11-30' });
  const entries = books.ledgerEntries.edges.map((edge) => edge.node);
  return {
    entries: entries.length,
    lines: entries.reduce((sum, entry) => sum + entry.lines.edges.length, 0),
    balances: books.trialBalance.edges.map((edge) => edge.node).filter((row) => row.number.startsWith('6411') || row.number.startsWith('4211')),
  };
}

if (isMain(import.meta.url)) {
  const books = await run({ endpoint: process.argv[2] ?? 'http://127.0.0.1:4000/graphql' });
  console.log(`${books.entries} entries, ${books.lines} lines`);
  for (const row of books.balances) console.log(`${row.number}  debits ${row.debits}  credits ${row.credits}`);
}
