/** Analytics writes (API.md §4.5): POST/PUT categories and category groups. Duplicate labels → 409. */
import { conflict } from '../errors.js';
import type { CategoryGroupRecord, CategoryRecord } from '../records-accounting.js';
import type { CompanyStore } from '../store.js';
import { int, obj, str, validateBody } from '../validate.js';
import { serializeCategory, serializeCategoryGroup } from './categories.js';
import { ok } from './helpers.js';
import { mustExist, pathRecord } from './writes.js';
import type { ApiResponse, RouteContext, RouteSpec } from './types.js';

const DIRECTIONS = ['cash_in', 'cash_out'] as const;
const categoryProps = {
  label: str({ minLength: 1 }),
  category_group_id: int(),
  analytical_code: str({ nullable: true }),
  direction: str({ enum: DIRECTIONS, nullable: true }),
};
const createCategory = obj(categoryProps, ['label', 'category_group_id']);
const updateCategory = obj({ label: categoryProps.label, analytical_code: categoryProps.analytical_code });
const createGroup = obj({ label: str({ minLength: 1 }) }, ['label']);
const updateGroup = obj({ label: str({ minLength: 1 }) });

function uniqueCategory(company: CompanyStore, groupId: number, label: string, selfId: number | null): void {
  if (company.tables.categories.byGroup(groupId).some((c) => c.label === label && c.id !== selfId)) {
    throw conflict(`A category labelled "${label}" already exists in this group`);
  }
}

function uniqueGroup(company: CompanyStore, label: string, selfId: number | null): void {
  if (company.tables.category_groups.find((g) => g.label === label && g.id !== selfId)) throw conflict(`A category group labelled "${label}" already exists`);
}

function postCategory(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createCategory, ctx.body);
  const group = mustExist(company.tables.category_groups, body['category_group_id'] as number, 'Category group');
  const label = body['label'] as string;
  uniqueCategory(company, group.id, label, null);
  const now = company.clock.nowIso();
  const row: CategoryRecord = {
    id: company.ids.next('categories'), label, group_id: group.id,
    direction: (body['direction'] as CategoryRecord['direction'] | undefined) ?? null,
    analytical_code: (body['analytical_code'] as string | null | undefined) ?? null,
    created_at: now, updated_at: now,
  };
  company.tables.categories.put(row);
  return ok(serializeCategory(row, ctx), 201);
}

function putCategory(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.categories);
  const body = validateBody(updateCategory, ctx.body);
  const row = { ...current };
  if (typeof body['label'] === 'string') {
    uniqueCategory(company, row.group_id, body['label'], row.id);
    row.label = body['label'];
  }
  if ('analytical_code' in body) row.analytical_code = body['analytical_code'] as string | null;
  row.updated_at = company.clock.after(current.updated_at);
  company.tables.categories.put(row);
  return ok(serializeCategory(row, ctx));
}

function postGroup(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const body = validateBody(createGroup, ctx.body);
  const label = body['label'] as string;
  uniqueGroup(company, label, null);
  const now = company.clock.nowIso();
  const row: CategoryGroupRecord = { id: company.ids.next('category_groups'), label, created_at: now, updated_at: now };
  company.tables.category_groups.put(row);
  return ok(serializeCategoryGroup(row, ctx), 201);
}

function putGroup(ctx: RouteContext): ApiResponse {
  const { company } = ctx;
  const current = pathRecord(ctx, company.tables.category_groups);
  const body = validateBody(updateGroup, ctx.body);
  const row = { ...current };
  if (typeof body['label'] === 'string') {
    uniqueGroup(company, body['label'], row.id);
    row.label = body['label'];
  }
  row.updated_at = company.clock.after(current.updated_at);
  company.tables.category_groups.put(row);
  return ok(serializeCategoryGroup(row, ctx));
}

export const categoryWriteRoutes: readonly RouteSpec[] = [
  { method: 'POST', path: '/categories', scope: 'categories', handler: postCategory },
  { method: 'PUT', path: '/categories/{id}', scope: 'categories', handler: putCategory },
  { method: 'POST', path: '/category_groups', scope: 'categories', handler: postGroup },
  { method: 'PUT', path: '/category_groups/{id}', scope: 'categories', handler: putGroup },
];
