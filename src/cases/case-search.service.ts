// The full-text search over cases as the domain sees it: which texts of a case are indexed (the
// complaint and its active points), keeping that index in step, and the search itself. The
// dialect-specific store (FTS5 or tsvector) is case-search.ts; messages index themselves on write.
import type { Ctx } from '../platform/context.js';
import { type CaseRow, getCaseRow } from './case-core.js';
import type { SearchResult } from './case-messages.schema.js';
import {
  deleteSearchDocs,
  type SearchSource,
  searchDocs,
  upsertSearchDoc,
  upsertSearchDocs,
} from './case-search.js';

type CaseText = { source: Exclude<SearchSource, 'message'>; sourceId: string; text: string };

/** The case's own searchable text: subject, complaint and requested remedy. */
export function complaintText(row: Pick<CaseRow, 'subject' | 'description' | 'requested_remedy'>): string {
  return [row.subject, row.description, row.requested_remedy].filter(Boolean).join('\n');
}

/** What the full-text search indexes of a case: its complaint text and each of the given (active) points. */
export function searchTextsOf(
  row: Pick<CaseRow, 'id' | 'subject' | 'description' | 'requested_remedy'>,
  points: Array<{ id: string; text: string }>,
): CaseText[] {
  return [
    { source: 'complaint' as const, sourceId: row.id, text: complaintText(row) },
    ...points.map((p) => ({ source: 'point' as const, sourceId: p.id, text: p.text })),
  ];
}

/**
 * Re-indexes the case for the full-text search from what it says now: the complaint text (subject,
 * description, remedy) and every active point; points retired by a split or merge leave the index.
 * Call it in the transaction that changed any of these texts.
 */
export async function reindexCase(tx: Ctx, caseId: string): Promise<void> {
  const row = await getCaseRow(tx, caseId);
  const points = await tx.db
    .selectFrom('case_points')
    .select(['id', 'text', 'status'])
    .where('case_id', '=', caseId)
    .execute();
  await indexCaseTexts(
    tx,
    caseId,
    row.customer_id,
    searchTextsOf(
      row,
      points.filter((p) => p.status === 'active'),
    ),
  );
  const retired = points.filter((p) => p.status !== 'active').map((p) => p.id);
  if (retired.length > 0) await removeCaseTexts(tx, 'point', retired);
}

/**
 * Indexes (or re-indexes) a text of a case for full-text search: the complaint text, a point, or
 * any other source the cases core names. Call it in the transaction that writes the text.
 */
export async function indexCaseText(
  ctx: Ctx,
  caseId: string,
  text: string,
  options: { customerId: string | null; source?: Exclude<SearchSource, 'message'>; sourceId?: string },
): Promise<void> {
  await upsertSearchDoc(ctx, {
    caseId,
    customerId: options.customerId,
    source: options.source ?? 'complaint',
    sourceId: options.sourceId ?? caseId,
    body: text,
  });
}

/**
 * Indexes several texts of one case in one statement (each replaces its earlier version); what
 * case intake and re-indexing use.
 */
export async function indexCaseTexts(
  ctx: Ctx,
  caseId: string,
  customerId: string | null,
  texts: CaseText[],
): Promise<void> {
  await upsertSearchDocs(
    ctx,
    texts.map((t) => ({ caseId, customerId, source: t.source, sourceId: t.sourceId, body: t.text })),
  );
}

/** Removes indexed texts of a case that no longer exist (retired points). */
export async function removeCaseTexts(
  ctx: Ctx,
  source: Exclude<SearchSource, 'message'>,
  sourceIds: string[],
): Promise<void> {
  await deleteSearchDocs(ctx, source, sourceIds);
}

/** Cases whose complaint text, points or messages contain every word of `q`, newest match first. */
export async function searchCases(ctx: Ctx, q: string, limit = 20): Promise<SearchResult> {
  const hits = await searchDocs(ctx, q, limit);
  if (hits.length === 0) return { items: [] };
  // One query for the whole page of hits.
  const rows = await ctx.db
    .selectFrom('cases')
    .select(['id', 'reference', 'status', 'subject', 'received_at'])
    .where(
      'id',
      'in',
      hits.map((h) => h.caseId),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items: SearchResult['items'] = [];
  for (const h of hits) {
    const c = byId.get(h.caseId);
    if (!c) continue;
    items.push({
      caseId: c.id,
      reference: c.reference,
      status: c.status,
      subject: c.subject,
      receivedAt: c.received_at,
      matchedIn: h.source,
      snippet: h.snippet,
    });
  }
  return { items };
}
