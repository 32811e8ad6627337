// Full-text search over cases: the one place where SQLite (FTS5) and PostgreSQL (tsvector) differ.
//
// Every searchable text of a case (complaint text, point texts, messages) is one row of
// `case_search_docs`. SQLite keeps an external-content FTS5 index over it (unicode61 tokenizer with
// diacritics removed, maintained by triggers); PostgreSQL keeps a generated tsvector column over the
// German and the English configuration with a GIN index. Queries are built from letters and digits
// only, so no query syntax of either engine reaches the database from user input. The table and
// its index are created by migration 0008 (trimmed by 0015); this file only reads and writes them.
import { sql } from 'kysely';
import type { Ctx } from '../platform/context.js';

export type SearchSource = 'complaint' | 'point' | 'message';

/** Start and end marks around matched words in a snippet (plain characters, not markup). */
export const SNIPPET_OPEN = '«';
export const SNIPPET_CLOSE = '»';

/** Adds or replaces the indexed text of one source (a message, a point, the complaint) of a case. */
export async function upsertSearchDoc(
  ctx: Ctx,
  doc: { caseId: string; customerId: string | null; source: SearchSource; sourceId: string; body: string },
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('case_search_docs')
    .values({
      case_id: doc.caseId,
      customer_id: doc.customerId,
      source: doc.source,
      source_id: doc.sourceId,
      body: doc.body,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['source', 'source_id']).doUpdateSet({ body: doc.body, updated_at: now }))
    .execute();
}

/** Adds or replaces several indexed texts in one statement. */
export async function upsertSearchDocs(
  ctx: Ctx,
  docs: Array<{
    caseId: string;
    customerId: string | null;
    source: SearchSource;
    sourceId: string;
    body: string;
  }>,
): Promise<void> {
  if (docs.length === 0) return;
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .insertInto('case_search_docs')
    .values(
      docs.map((d) => ({
        case_id: d.caseId,
        customer_id: d.customerId,
        source: d.source,
        source_id: d.sourceId,
        body: d.body,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['source', 'source_id']).doUpdateSet((eb) => ({
        body: eb.ref('excluded.body'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Removes the indexed texts of these sources. */
export async function deleteSearchDocs(ctx: Ctx, source: SearchSource, sourceIds: string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  await ctx.db
    .deleteFrom('case_search_docs')
    .where('source', '=', source)
    .where('source_id', 'in', sourceIds)
    .execute();
}

/**
 * Removes every indexed text of a customer's cases (GDPR erasure). SQLite: the index removes the
 * texts' words from its segments at once (FTS5 secure-delete, migration 0028) and its segments are
 * then merged into one, so no old segment keeps them; PostgreSQL: the rows and with them their
 * generated search vectors are gone.
 */
export async function deleteSearchDocsOfCustomer(ctx: Ctx, customerId: string): Promise<void> {
  await ctx.db.deleteFrom('case_search_docs').where('customer_id', '=', customerId).execute();
  if (ctx.dialect === 'sqlite')
    await sql`insert into case_search_fts (case_search_fts) values ('optimize')`.execute(ctx.db);
}

/** The words of a query: letters and digits only, lower-cased, at most 8. */
export function queryWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 2).slice(0, 8);
}

// SQLite has no German stemmer, and an FTS5 prefix query ("brems"*) merges the complete posting
// lists of every matching term, which grows with the table (measured in bench/cases.ts). Instead each
// query word matches its common German inflected forms as exact terms, which FTS5 walks lazily
// newest first: "Bremse" finds "Bremsen", "Lieferungen" finds "Lieferung", "quietsch" "quietschen".
const GERMAN_ENDINGS = ['ungen', 'ung', 'ern', 'em', 'en', 'er', 'es', 'e', 'n', 's'];
const FORM_SUFFIXES = ['', 'e', 'en', 'n', 's', 'es', 'er', 'ern', 'em', 'ung', 'ungen'];

/** The stem of a query word on SQLite: the word without one common German inflection ending. */
export function sqliteStem(word: string): string {
  for (const ending of GERMAN_ENDINGS) {
    if (word.length - ending.length >= 4 && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return word;
}

/** The exact terms a query word matches on SQLite: its stem and the word, each with common endings. */
export function sqliteForms(word: string): string[] {
  const forms = new Set<string>();
  for (const base of [word, sqliteStem(word)]) for (const suffix of FORM_SUFFIXES) forms.add(base + suffix);
  return [...forms];
}

/** Lower case without diacritics, as the unicode61 tokenizer with remove_diacritics 2 sees a word. */
function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** About 16 words of the text around the first matching word, matches between « and ». */
export function textSnippet(text: string, forms: Set<string>): string {
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  const isMatch = (i: number) => i % 2 === 1 && forms.has(fold(parts[i]));
  let first = parts.findIndex((_p, i) => isMatch(i));
  if (first < 0) first = 1;
  const from = Math.max(0, first - 12);
  const to = Math.min(parts.length, first + 20);
  const body = parts
    .slice(from, to)
    .map((p, k) => (isMatch(from + k) ? `${SNIPPET_OPEN}${p}${SNIPPET_CLOSE}` : p))
    .join('');
  return `${from > 0 ? '…' : ''}${body.trim()}${to < parts.length ? '…' : ''}`;
}

export type SearchHit = { caseId: string; source: SearchSource; sourceId: string; snippet: string };

/**
 * The newest matching texts, at most one per case, for up to `limit` cases. Every word of the
 * query must occur (AND). SQLite: each word in its common German inflected forms; PostgreSQL:
 * German and English stemming, each stem also matched as a prefix.
 */
export async function searchDocs(ctx: Ctx, q: string, limit: number): Promise<SearchHit[]> {
  const words = queryWords(q);
  if (words.length === 0) return [];
  // Several texts of one case may match; fetch enough to fill `limit` distinct cases in most cases.
  const fetch = Math.min(limit * 8, 2000);
  let rows: Array<{ id: number; case_id: string; source: string; source_id: string; snippet: string }>;
  if (ctx.dialect === 'postgres') {
    const terms = words.map((w) => `${w}:*`).join(' & ');
    const result = await sql<{
      id: number;
      case_id: string;
      source: string;
      source_id: string;
      snippet: string;
    }>`
      with q as (select to_tsquery('german', ${terms}) || to_tsquery('english', ${terms}) as query),
      hits as (
        select d.id, d.case_id, d.source, d.source_id, d.body
        from case_search_docs d, q
        where d.tsv @@ q.query
        order by d.id desc
        limit ${fetch}
      )
      select hits.id, hits.case_id, hits.source, hits.source_id,
        ts_headline('german', hits.body, q.query,
          ${`StartSel=${SNIPPET_OPEN}, StopSel=${SNIPPET_CLOSE}, MaxWords=20, MinWords=8, HighlightAll=false`}) as snippet
      from hits, q
      order by hits.id desc`.execute(ctx.db);
    rows = result.rows;
  } else {
    const match = words
      .map(
        (w) =>
          `(${sqliteForms(w)
            .map((f) => `"${f}"`)
            .join(' OR ')})`,
      )
      .join(' AND ');
    // First the newest matching texts (no snippet), then snippets only for the one kept per case.
    const found = await sql<{ id: number; case_id: string; source: string; source_id: string }>`
      select d.id, d.case_id, d.source, d.source_id
      from case_search_fts
      join case_search_docs d on d.id = case_search_fts.rowid
      where case_search_fts match ${match}
      order by case_search_fts.rowid desc
      limit ${fetch}`.execute(ctx.db);
    const kept = new Map<string, { id: number; case_id: string; source: string; source_id: string }>();
    for (const r of found.rows) if (!kept.has(r.case_id) && kept.size < limit) kept.set(r.case_id, r);
    const ids = [...kept.values()].map((r) => Number(r.id));
    const bodies = new Map<number, string>();
    if (ids.length > 0) {
      const docs = await ctx.db
        .selectFrom('case_search_docs')
        .select(['id', 'body'])
        .where('id', 'in', ids)
        .execute();
      for (const d of docs) bodies.set(Number(d.id), d.body);
    }
    const forms = new Set(words.flatMap((w) => sqliteForms(fold(w))));
    const snippets = new Map(ids.map((id) => [id, textSnippet(bodies.get(id) ?? '', forms)]));
    rows = [...kept.values()].map((r) => ({ ...r, snippet: snippets.get(Number(r.id)) ?? '' }));
  }
  const seen = new Set<string>();
  const hits: SearchHit[] = [];
  for (const r of rows) {
    if (seen.has(r.case_id)) continue;
    seen.add(r.case_id);
    hits.push({
      caseId: r.case_id,
      source: r.source as SearchSource,
      sourceId: r.source_id,
      snippet: r.snippet,
    });
    if (hits.length >= limit) break;
  }
  return hits;
}
