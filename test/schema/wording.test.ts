import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spellCheckDocument } from 'cspell-lib';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { gatewaySchema } from '../../src/schema/index.js';

/**
 * What a newcomer reads: every description in the schema (GraphiQL's docs) and every message
 * the gateway writes. Descriptions are sentences; nothing says a word twice or ends `.;`; and
 * all of it passes a real spell-checker (cspell, with its English and software-terms
 * dictionaries, plus the Pennylane words below) rather than a home-made word list, which
 * would only catch the mistakes someone already thought of.
 */
const PROJECT_WORDS = [
  'Pennylane', 'pennylane', 'SIREN', 'SIRET', 'NIC', 'PCG', 'IBAN', 'iban', 'BIC', 'Factur', 'UBL', 'CII', 'DGFiP', 'FEC', 'fec', 'AGL', 'agl',
  'lettering', 'lettered', 'unlettered', 'letterable', 'GoCardless', 'gocardless', 'SEPA', 'sepa', 'Relay', 'upsert', 'upserts', 'upserted',
  'changelog', 'changelogs', 'idempotency', 'idempotent', 'subcollection', 'reparented', 'prefill', 'mandate', 'mandates',
  'TTC', 'HT', 'TVA', 'VT', 'HA', 'OD', 'BQ', 'AN', 'xlsx', 'Bpifrance', 'Qonto', 'multipart', 'undici', 'TIFF', 'tiff', 'BMP', 'bmp',
  'dedup', 'proforma', 'proformas', 'unverified', 'numberings', 'LUMIN', 'pgql', 'Luhn', 'intracom', 'extracom', 'crossborder',
  'exempt', 'Intra', 'intra', 'PDFs', 'urls', 'SKU', 'SKUs', 'CRM', 'AVS', 'NNNN', 'YYYY', 'ssZ', 'readonly', 'recategorisations',
  'unletter', 'Unletters', 'unmatch', 'heartbeating', 'refetchable', 'codegen', 'fecs', 'rediss',
  // French names quoted as Pennylane writes them.
  'Abonnement', 'Fichier', 'écritures', 'comptables',
];

/** Every description of the schema, with where it is. */
function descriptions(schema: GraphQLSchema): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const add = (where: string, text: string | null | undefined) => {
    if (text) found.push({ where, text });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    add(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) add(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) add(`${type.name}.${field.name}`, field.description);
    if (isEnumType(type)) for (const value of type.getValues()) add(`${type.name}.${value.name}`, value.description);
  }
  return found;
}

/** String literals and template texts of the gateway's sources that read as prose (messages). */
function sourceMessages(): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
  const lua = /redis[/\\]scripts\.ts$/;
  for (const file of [...files('src/schema'), ...files('src/datasources'), ...files('src/jobs'), ...files('src/state'), 'src/config.ts', 'src/app.ts', 'src/context.ts'].filter((f) => !lua.test(f))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push({ where: file, text: node.text });
      else if (ts.isTemplateExpression(node)) found.push({ where: file, text: [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' x ') });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  // Prose: several words and a letter; not regexes, paths, SQL-like keys, GraphQL documents or Lua scripts.
  return found.filter(({ text }) => /[a-z]{2,} [a-z]{2,}/i.test(text) && !/^[\s{(]*(query|mutation|subscription)\b/.test(text) && !/redis\.call\(/.test(text));
}

const doubledWord = /\b([A-Za-z]{2,})\s+\1\b/i;
const doubledPunctuation = /(?<!\.)[.,;:]\s*[.,;:](?!\.)/;
/** Code spans (`export(kind:, id:)`) are GraphQL, not prose. */
const prose = (text: string) => text.replace(/`[^`]*`/g, 'code');

describe('the words a newcomer reads', () => {
  const schemaTexts = descriptions(gatewaySchema());
  const messages = sourceMessages();

  it('has every description written as a sentence: a capital (or code) first, a full stop last', () => {
    const bad = schemaTexts.filter(({ text }) => !/^[A-Z0-9`"(Σ]/.test(text.trim()) || !/[.!?)]$/.test(text.trim()) || (text.trim().endsWith(')') && !/[.!?]\)$/.test(text.trim())));
    expect(bad.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
  });

  it('says no word twice in a row and doubles no punctuation (no ".;"), in descriptions and messages', () => {
    const bad = [...schemaTexts, ...messages].filter(({ text }) => doubledWord.test(prose(text)) || doubledPunctuation.test(prose(text)));
    expect(bad.map(({ where, text }) => `${where}: ${text}`)).toEqual([]);
  });

  it('passes a spell-check, descriptions and messages alike', async () => {
    const texts = [...schemaTexts, ...messages];
    const text = texts.map(({ text }) => text).join('\n');
    const result = await spellCheckDocument(
      { uri: 'file:///descriptions.txt', text, languageId: 'plaintext', locale: 'en' },
      { generateSuggestions: false, noConfigSearch: true },
      { words: PROJECT_WORDS, language: 'en' },
    );
    const misspelt = [...new Set(result.issues.map((issue) => issue.text))].sort();
    expect(misspelt).toEqual([]);
  }, 60_000);
});
