import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, startTestSimulator, upload, type Simulator } from './helpers.js';

const LIMIT = 64 * 1024;
let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ maxUploadBytes: LIMIT });
});
beforeEach(() => sim.control.reset());
afterAll(() => sim.close());

type Json = Record<string, unknown>;
type FileRow = { id: number; url: string; filename: string; created_at: string; updated_at: string };

/** File signatures: the simulator checks an upload's content, not only its declared type. */
const SIGNATURES = {
  pdf: [...Buffer.from('%PDF-1.7\n', 'latin1')],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  gif: [...Buffer.from('GIF89a', 'latin1')],
  tiff: [0x49, 0x49, 0x2a, 0x00],
  none: [],
} as const;

/** A file of `format`: its signature, then a byte pattern that is not valid UTF-8 (checks the bytes survive untouched). */
function bytes(size: number, format: keyof typeof SIGNATURES = 'pdf'): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 131 + 7) % 256;
  out.set(SIGNATURES[format].slice(0, size));
  return out;
}

async function fetched(url: string): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('POST /file_attachments', () => {
  it('201 {id, url, filename, timestamps}; the url serves the same bytes with the same content type', async () => {
    const png = bytes(5000, 'png');
    const res = await upload<FileRow>(sim, '/file_attachments', { bytes: png, filename: 'scan.png', type: 'image/png' });
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['created_at', 'filename', 'id', 'updated_at', 'url']);
    expect(res.body.filename).toBe('scan.png');
    expect(res.body.url).toMatch(/\/__files\/file_attachments\/\d+\.png$/);
    const back = await fetched(res.body.url);
    expect(back).toEqual({ status: 200, type: 'image/png', bytes: png });
    expect(sim.control.file(res.body.id)).toMatchObject({ contentType: 'image/png', filename: 'scan.png' });
    expect(new Uint8Array(sim.control.file(res.body.id)?.bytes ?? [])).toEqual(png);
    const raw = await fetch(`${sim.url}/__sandbox/files/${res.body.id}`);
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(png);
    const listed = sim.control.snapshot('file_attachments') as FileRow[];
    expect(listed.at(-1)).toEqual(res.body);
  });

  it('accepts a type by extension when the MIME type is generic; `filename` overrides the part name', async () => {
    const res = await upload<FileRow>(sim, '/file_attachments', { bytes: bytes(100), filename: 'doc.PDF', type: 'application/octet-stream' }, { filename: 'Facture 12.pdf' });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('Facture 12.pdf');
    expect((await fetched(res.body.url)).type).toBe('application/pdf');
    const jpeg = await upload<FileRow>(sim, '/file_attachments', { bytes: bytes(10, 'jpeg'), filename: 'photo', type: 'image/jpeg' });
    expect(jpeg.status).toBe(201);
    expect(jpeg.body.url).toMatch(/\.jpg$/);
  });

  it('400 NotAMultipartFile without a file (JSON body, or multipart without the part)', async () => {
    const json = await call<Json>(sim, '/file_attachments', { method: 'POST', body: { filename: 'x.pdf' } });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ field: 'file', code: 'NotAMultipartFile' });
    const empty = await upload<Json>(sim, '/file_attachments', null, { filename: 'x.pdf' });
    expect(empty.body).toMatchObject({ field: 'file', code: 'NotAMultipartFile' });
  });

  it('422 on other types and empty files; 413 above the size limit (exactly the limit passes)', async () => {
    const exe = await upload<{ error: string }>(sim, '/file_attachments', { bytes: bytes(10), filename: 'tool.exe', type: 'application/x-msdownload' });
    expect(exe.status).toBe(422);
    expect(exe.body.error).toMatch(/png, jpeg, tiff, bmp, gif, pdf/);
    expect((await upload(sim, '/file_attachments', { bytes: bytes(10), filename: 'notes.txt', type: 'text/plain' })).status).toBe(422);
    expect((await upload(sim, '/file_attachments', { bytes: new Uint8Array(0), filename: 'empty.pdf', type: 'application/pdf' })).status).toBe(422);
    // By content: a text file declared as a PDF, a PNG declared as a PDF.
    const text = await upload<{ error: string }>(sim, '/file_attachments', { bytes: new Uint8Array(Buffer.from('just some text')), filename: 'invoice.pdf', type: 'application/pdf' });
    expect(text).toMatchObject({ status: 422, body: { error: 'The file is declared as a PDF but its content is not a PDF (nor any format Pennylane accepts)' } });
    const disguised = await upload<{ error: string }>(sim, '/file_attachments', { bytes: bytes(100, 'png'), filename: 'invoice.pdf', type: 'application/pdf' });
    expect(disguised).toMatchObject({ status: 422, body: { error: 'The file is declared as a PDF but its content is a PNG image' } });
    expect((await upload(sim, '/file_attachments', { bytes: bytes(LIMIT), filename: 'max.pdf', type: 'application/pdf' })).status).toBe(201);
    const big = await upload<{ status: number }>(sim, '/file_attachments', { bytes: bytes(LIMIT + 1), filename: 'big.pdf', type: 'application/pdf' });
    expect(big.status).toBe(413);
    expect(big.body.status).toBe(413);
    const huge = await upload(sim, '/file_attachments', { bytes: bytes(LIMIT + 2 * 1024 * 1024), filename: 'huge.pdf', type: 'application/pdf' });
    expect(huge.status).toBe(413);
  });

  it('needs file_attachments:all', async () => {
    sim.control.addToken('ro', { scopes: ['file_attachments:readonly'] });
    const res = await fetch(`${sim.baseUrl}/file_attachments`, { method: 'POST', headers: { authorization: 'Bearer ro' }, body: new FormData() });
    expect(res.status).toBe(403);
  });
});

describe('appendices', () => {
  it('POST /customer_invoices/{id}/appendices and /quotes/{id}/appendices: 201, listed, bytes served back; parent updated', async () => {
    const [inv] = sim.control.snapshot('customer_invoices') as Array<{ id: number; updated_at: string }>;
    const gif = bytes(300, 'gif');
    const res = await upload<FileRow>(sim, `/customer_invoices/${inv?.id}/appendices`, { bytes: gif, filename: 'plan.gif', type: 'image/gif' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.url).toMatch(/\/__files\/appendices\/\d+\.gif$/);
    expect(await fetched(res.body.url)).toEqual({ status: 200, type: 'image/gif', bytes: gif });
    expect(sim.control.subList(`/customer_invoices/${inv?.id}/appendices`)).toContainEqual(res.body);
    expect(sim.control.changes('customer_invoices').at(-1)).toMatchObject({ id: inv?.id, operation: 'update' });
    const [quote] = sim.control.snapshot('quotes') as Array<{ id: number }>;
    const q = await upload<FileRow>(sim, `/quotes/${quote?.id}/appendices`, { bytes: bytes(20, 'tiff'), filename: 'cgv.tiff', type: 'image/tiff' });
    expect(q.status).toBe(201);
    expect(sim.control.subList(`/quotes/${quote?.id}/appendices`)).toContainEqual(q.body);
    expect((await upload(sim, '/quotes/1/appendices', { bytes: bytes(20), filename: 'x.pdf' })).status).toBe(404);
    expect((await upload(sim, `/quotes/${quote?.id}/appendices`, { bytes: bytes(20), filename: 'x.docx', type: 'application/msword' })).status).toBe(422);
  });
});
