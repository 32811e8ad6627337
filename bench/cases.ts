/**
 * Cases benchmark: the agent inbox, full-text search over cases and messages, and case creation.
 * Run: npx tsx bench/cases.ts [cases]   (default 1,000,000 cases with 5 messages each)
 * Targets: inbox first page (one team, by priority and time to breach) p95 <= 50 ms; full-text
 * search p95 <= 50 ms; case creation with its acknowledgement mail enqueued >= 1,000 per second.
 *
 * Data (not measured): BULK-WRITTEN with raw better-sqlite3 prepared statements in large
 * transactions, fixed seed, in the shape the service writes: cases with 1-3 points, 5 messages each,
 * one search text per complaint, point and message; secondary indexes and the FTS5 triggers are
 * dropped during the load and rebuilt afterwards from the migrations' own definitions
 * (sqlite_master), the FTS5 index by its 'rebuild' command, the owner loads by one aggregate.
 * Measured (the product's own service functions): listInbox, searchCases, createCase.
 * The database is kept in $CASES_BENCH_DIR (default the OS temp dir) and reused by the next run
 * with the same size. Baselines in the same run: `select 1` round trips (raw and Kysely), and for
 * creation the very rows createCase wrote, written again raw (bench/lib/cases-create.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { listInbox } from '../src/cases/case-inbox.service.js';
import { searchCases } from '../src/cases/case-search.service.js';
import { createTeam, createUser } from '../src/platform/auth/users.service.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Ctx } from '../src/platform/context.js';
import { machineLine, mulberry32 } from './lib/bench-env.js';
import { measureCaseCreation } from './lib/cases-create.js';

const CASES = Number(process.argv[2] ?? 1_000_000);
const MESSAGES_PER_CASE = 5;
const TEAMS = 20;
const AGENTS_PER_TEAM = 5;
const CUSTOMERS = Math.max(1000, Math.round(CASES / 3));
const RUNS = 500;
const CREATIONS = Number(process.env.CASES_BENCH_CREATIONS ?? 2000);
const SEED = 20_260_302;
const dir = path.join(
  process.env.CASES_BENCH_DIR ?? os.tmpdir(),
  `stammkunde-cases-bench-v2-${CASES}-${SEED}`,
);

// A small complaint vocabulary; words early in the list are drawn far more often (Zipf-like).
const WORDS = (
  'der die das und ist nicht wir sie ich mit auf termin auto werkstatt rechnung wagen fahrzeug service ' +
  'kunde leider seit wochen immer noch bitte warten problem reparatur inspektion lieferung verspätet ' +
  'angebot preis falsch betrag kosten gutschrift erstattung rückruf niemand erreichbar telefon mail ' +
  'antwort freundlich unfreundlich mitarbeiter berater verkäufer bremsen reifen ölwechsel motor getriebe ' +
  'kupplung klimaanlage scheibe kratzer lackschaden delle innenraum schmutzig verschmutzt sauber ' +
  'leihwagen ersatzwagen abholung übergabe zulassung papiere garantie kulanz gewährleistung ersatzteil ' +
  'bestellt geliefert zugesagt versprochen vergessen wieder zweimal dreimal ärgerlich enttäuscht ' +
  'zufrieden unzufrieden beschwerde kündigung wechseln konkurrenz händler filiale hotline wartezeit ' +
  'stunden tage montag dienstag freitag morgen abend quietschen klappern geräusch warnleuchte ' +
  'fehlermeldung software update navigation batterie ladekabel wallbox leasing finanzierung vertrag'
).split(' ');
const RARE = ['zahnriemen', 'turbolader', 'steuerkette', 'xenonlicht', 'anhängerkupplung', 'standheizung'];

function textGenerator(rnd: () => number) {
  return (min: number, max: number): string => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      if (rnd() < 0.002) out.push(RARE[Math.floor(rnd() * RARE.length)]);
      else out.push(WORDS[Math.floor(WORDS.length * rnd() ** 2.2)]);
    }
    const s = out.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

type Generated = {
  cases: number;
  points: number;
  messages: number;
  customers: number;
  teams: string[];
  agents: Array<{ id: string; teamId: string }>;
};

/** The secondary indexes and triggers of the bulk-loaded tables, as the migrations created them. */
function dropForLoad(sqlite: SQLite.Database, tables: string[]): string[] {
  const rows = sqlite
    .prepare(
      `select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null
       and tbl_name in (${tables.map(() => '?').join(',')})`,
    )
    .all(...tables) as Array<{ type: string; name: string; sql: string }>;
  for (const r of rows) sqlite.exec(`drop ${r.type} ${r.name}`);
  return rows.map((r) => r.sql);
}

async function generate(ctx: Ctx, sqlite: SQLite.Database): Promise<Generated> {
  const rnd = mulberry32(SEED);
  const text = textGenerator(rnd);
  const teams: string[] = [];
  const agents: Array<{ id: string; teamId: string }> = [];
  for (let t = 0; t < TEAMS; t++) {
    const team = await createTeam(ctx, `Team ${pad(t + 1, 2)}`);
    teams.push(team.id);
    for (let a = 0; a < AGENTS_PER_TEAM; a++) {
      const u = await createUser(ctx, {
        email: `agent${t}-${a}@bench.test`,
        name: `Agent ${t}-${a}`,
        role: 'agent',
        teamId: team.id,
      });
      agents.push({ id: u.id, teamId: team.id });
    }
  }
  const end = Date.parse('2026-03-01T00:00:00Z');
  const span = 2 * 365 * 86_400_000;
  const tables = ['customers', 'cases', 'case_points', 'case_messages', 'case_search_docs'];
  const recreate = dropForLoad(sqlite, tables);
  sqlite.pragma('foreign_keys = OFF');
  const insCustomer = sqlite.prepare(
    `insert into customers (id, number, name, email, locale, customer_since, tags, tier, tier_pinned, revenue_12m_minor, status, created_at, updated_at)
     values (?, ?, ?, ?, 'de', ?, '[]', ?, 0, ?, 'active', ?, ?)`,
  );
  const tiers: Array<[string, number]> = [
    ['bronze', 0.7],
    ['silver', 0.9],
    ['gold', 0.98],
    ['platinum', 1],
  ];
  const tierOf = new Array<string>(CUSTOMERS);
  const sinceOf = new Array<string>(CUSTOMERS);
  const customerBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const since = new Date(end - span - rnd() * span).toISOString();
      const x = rnd();
      const tier = tiers.find(([, upTo]) => x < upTo)?.[0] ?? 'bronze';
      tierOf[i] = tier;
      sinceOf[i] = since;
      insCustomer.run(
        `cus_b${pad(i, 8)}`,
        `B${pad(i, 8)}`,
        `Kunde ${i}`,
        `kunde${i}@bench.test`,
        since,
        tier,
        Math.floor(rnd() * 500_000),
        since,
        since,
      );
    }
  });
  for (let i = 0; i < CUSTOMERS; i += 50_000) customerBatch(i, Math.min(CUSTOMERS, i + 50_000));

  const insCase = sqlite.prepare(
    `insert into cases (id, reference, customer_id, channel, touchpoint_code, subject, description, requested_remedy, lang,
       status, in_queue, severity, priority, priority_score, priority_factors, anger_level, anger_band, anger_signals, leaving,
       customer_tier, customer_since, owner_id, team_id, escalation_level, received_at, first_response_at,
       first_response_due_at, resolution_due_at, queue_due_at, sla_warn_at, sla_events, root_cause_code, resolved_at,
       closed_at, created_by, created_at, updated_at)
     values (?, ?, ?, 'email', ?, null, ?, ?, 'de', ?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const insPoint = sqlite.prepare(
    `insert into case_points (id, case_id, customer_id, position, text, status, answer, outcome, answered_at, answered_by, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
  );
  const insMessage = sqlite.prepare(
    `insert into case_messages (id, case_id, customer_id, direction, channel, author_type, author_user_id, author_name, body, at, recorded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insDoc = sqlite.prepare(
    `insert into case_search_docs (case_id, customer_id, source, source_id, body, updated_at) values (?, ?, ?, ?, ?, ?)`,
  );
  const severities: Array<[string, string, number]> = [
    ['low', 'low', 10],
    ['medium', 'normal', 25],
    ['high', 'high', 45],
    ['critical', 'urgent', 70],
  ];
  const causes = [
    'process',
    'communication',
    'product_defect',
    'delivery_delay',
    'billing_error',
    'staff_behaviour',
    'cleanliness',
    'promise_not_kept',
    'other',
  ];
  let messages = 0;
  let points = 0;
  const caseBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // Cases arrive in time order; the newest 15 % are still in a queue.
      const received = end - span + Math.floor((i / CASES) * span) + Math.floor(rnd() * 3_600_000);
      const receivedIso = new Date(received).toISOString();
      const queued = i >= CASES * 0.85;
      const status = queued
        ? (['new', 'open', 'waiting_customer'][Math.floor(rnd() * 3)] as string)
        : 'closed';
      const [severity, priority, base] = severities[Math.floor(rnd() ** 1.5 * 4)];
      const score = base + Math.floor(rnd() * 30);
      const agent = agents[Math.floor(rnd() * agents.length)];
      const c = Math.floor(rnd() * CUSTOMERS);
      const customerId = `cus_b${pad(c, 8)}`;
      const caseId = `case_b${pad(i, 8)}`;
      const description = text(12, 40);
      const remedy = rnd() < 0.3 ? text(3, 8) : null;
      const anger = Math.round(rnd() ** 2 * 100) / 100;
      const frAt = queued && status === 'new' ? null : new Date(received + 3_600_000).toISOString();
      const frDue = new Date(received + 86_400_000).toISOString();
      const resDue = status === 'waiting_customer' ? null : new Date(received + 7 * 86_400_000).toISOString();
      const closedAt = queued ? null : new Date(received + 3 * 86_400_000).toISOString();
      const events = [{ type: 'received', at: receivedIso }];
      if (frAt) events.push({ type: 'first_response', at: frAt });
      if (closedAt) events.push({ type: 'resolved', at: closedAt });
      insCase.run(
        caseId,
        `B-${pad(i, 8)}`,
        customerId,
        rnd() < 0.5 ? 'service_visit' : 'sale',
        description,
        remedy,
        status,
        queued ? 1 : 0,
        severity,
        priority,
        score,
        JSON.stringify({ severity, angerLevel: anger, leaving: false, tier: tierOf[c], score }),
        anger,
        anger >= 0.5 ? 'angry' : anger >= 0.25 ? 'annoyed' : 'calm',
        tierOf[c],
        sinceOf[c],
        agent.id,
        agent.teamId,
        receivedIso,
        frAt,
        frDue,
        resDue,
        resDue ?? '9999-12-31T23:59:59.999Z',
        queued && resDue ? new Date(received + 5 * 86_400_000).toISOString() : null,
        JSON.stringify(events),
        queued ? null : causes[Math.floor(rnd() ** 1.7 * causes.length)],
        closedAt,
        closedAt,
        receivedIso,
        receivedIso,
      );
      insDoc.run(
        caseId,
        customerId,
        'complaint',
        caseId,
        remedy ? `${description}\n${remedy}` : description,
        receivedIso,
      );
      const nPoints = 1 + Math.floor(rnd() * 3);
      for (let p = 0; p < nPoints; p++) {
        const pid = `cpt_b${pad(i, 8)}${p}`;
        const pointText = text(5, 14);
        const answered = closedAt !== null;
        insPoint.run(
          pid,
          caseId,
          customerId,
          p + 1,
          pointText,
          answered ? text(6, 16) : null,
          answered ? 'resolved' : null,
          closedAt,
          answered ? agent.id : null,
          receivedIso,
          closedAt ?? receivedIso,
        );
        insDoc.run(caseId, customerId, 'point', pid, pointText, receivedIso);
        points++;
      }
      for (let m = 0; m < MESSAGES_PER_CASE; m++) {
        const mid = `msg_b${pad(i, 8)}${m}`;
        const at = new Date(received + (m + 1) * 1_800_000).toISOString();
        const direction = m % 2 === 0 ? 'in' : rnd() < 0.3 ? 'internal' : 'out';
        const body = text(8, 24);
        insMessage.run(
          mid,
          caseId,
          customerId,
          direction,
          direction === 'internal' ? 'note' : 'email',
          direction === 'in' ? 'customer' : 'staff',
          direction === 'in' ? null : agent.id,
          direction === 'in' ? `Kunde` : 'Agent',
          body,
          at,
          at,
        );
        insDoc.run(caseId, customerId, 'message', mid, body, at);
        messages++;
      }
    }
  });
  const t0 = performance.now();
  for (let i = 0; i < CASES; i += 20_000) {
    caseBatch(i, Math.min(CASES, i + 20_000));
    const done = Math.min(CASES, i + 20_000);
    const rate = done / ((performance.now() - t0) / 1000);
    process.stdout.write(
      `\r  written ${done.toLocaleString('en')} cases, ${points.toLocaleString('en')} points, ${messages.toLocaleString('en')} messages (${Math.round(rate).toLocaleString('en')} cases/s)`,
    );
  }
  process.stdout.write('\n');
  const phase = (name: string, fn: () => void) => {
    const t = performance.now();
    fn();
    console.log(`  ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  phase(`indexes rebuilt (${recreate.filter((q) => /^create (unique )?index/i.test(q)).length})`, () => {
    for (const q of recreate) if (/^create (unique )?index/i.test(q)) sqlite.exec(q);
  });
  phase('full-text index rebuilt (FTS5 rebuild)', () => {
    sqlite.exec(`insert into case_search_fts (case_search_fts) values ('rebuild')`);
    for (const q of recreate) if (/^create trigger/i.test(q)) sqlite.exec(q);
  });
  phase('owner loads', () => {
    sqlite.exec(`delete from case_owner_loads;
      insert into case_owner_loads (owner_id, open_cases)
        select owner_id, count(*) from cases where in_queue = 1 and owner_id is not null group by owner_id`);
  });
  sqlite.pragma('foreign_keys = ON');
  return { cases: CASES, points, messages, customers: CUSTOMERS, teams, agents };
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, p50: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

const ms = (x: number) => x.toFixed(2).padStart(8);

async function main(): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const marker = path.join(dir, 'generated.json');
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: '',
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    WORKER: 'off',
  });
  const app = await createApp({ config, clock: systemClock, startWorker: false });
  const sqlite = app.handle.sqlite!;
  sqlite.pragma('cache_size = -262144'); // 256 MiB page cache
  let info: Generated;
  if (fs.existsSync(marker)) {
    info = JSON.parse(fs.readFileSync(marker, 'utf8'));
    console.log(
      `reusing ${dir} (${info.cases.toLocaleString('en')} cases, ${info.messages.toLocaleString('en')} messages)`,
    );
  } else {
    console.log(`bulk-writing the data set into ${dir} (not part of the measurement)`);
    const t0 = performance.now();
    sqlite.pragma('synchronous = OFF');
    info = await generate(app.ctx, sqlite);
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('analyze');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fs.writeFileSync(marker, JSON.stringify(info));
    console.log(`  bulk-written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const dbBytes = fs.statSync(config.sqlitePath).size;
  const agent = info.agents[0];
  const ctx: Ctx = {
    ...app.ctx,
    actor: {
      kind: 'user',
      id: agent.id,
      name: 'Agent 0-0',
      role: 'agent',
      locale: 'de',
      teamId: agent.teamId,
    },
  };

  // Baselines.
  const rawSelect: number[] = [];
  const stmt = sqlite.prepare('select 1 as one');
  for (let i = 0; i < 2000; i++) rawSelect.push((await time(() => stmt.get()))[0]);
  const kySelect: number[] = [];
  for (let i = 0; i < 2000; i++)
    kySelect.push((await time(() => sql`select 1 as one`.execute(app.ctx.db)))[0]);

  // Inbox: first page for a team, cycling through the teams in a seeded order.
  const pick = mulberry32(SEED + 1);
  for (let i = 0; i < 20; i++) await listInbox(ctx, { limit: 50, team: info.teams[i % TEAMS] } as never);
  const inbox: number[] = [];
  let inboxItems = 0;
  for (let i = 0; i < RUNS; i++) {
    const team = info.teams[Math.floor(pick() * TEAMS)];
    const [t, page] = await time(() => listInbox(ctx, { limit: 50, team } as never));
    inbox.push(t);
    inboxItems = page.items.length;
  }

  // Full-text search: fixed queries from frequent to absent words, one and two words, inflected
  // German forms, plus random one- and two-word queries drawn from the whole vocabulary.
  const fixed = [
    'Termin',
    'Rechnung falsch',
    'Bremsen',
    'Klimaanlage',
    'Lackschaden',
    'Zahnriemen',
    'Ersatzteil bestellt',
    'Warnleuchte',
    'Kündigung',
    'Xylophon',
  ];
  const vocabulary = [...WORDS.filter((w) => w.length >= 4), ...RARE];
  const drawn: string[] = [];
  for (let i = 0; i < 40; i++) {
    const a = vocabulary[Math.floor(pick() * vocabulary.length)];
    const b = vocabulary[Math.floor(pick() * vocabulary.length)];
    drawn.push(i % 2 === 0 ? a : `${a} ${b}`);
  }
  const queries = [...fixed, ...drawn];
  for (const q of fixed) await searchCases(ctx, q, 20);
  const search: number[] = [];
  const searchFixed: number[] = [];
  const searchDrawn: number[] = [];
  const perQuery = new Map<string, { times: number[]; hits: number }>();
  for (let i = 0; i < Math.max(RUNS, 2 * queries.length); i++) {
    const q = queries[i % queries.length];
    const [t, res] = await time(() => searchCases(ctx, q, 20));
    search.push(t);
    (i % queries.length < fixed.length ? searchFixed : searchDrawn).push(t);
    const e = perQuery.get(q) ?? { times: [], hits: res.items.length };
    e.times.push(t);
    perQuery.set(q, e);
  }

  // Case creation through the real service, owner assigned by least load (see bench/lib/cases-create.ts).
  const created = await measureCaseCreation(app.ctx, sqlite, CREATIONS);

  console.log('');
  console.log(
    machineLine(`SQLite ${(sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}`),
  );
  console.log(
    `data (bulk-written, see the header): ${info.cases.toLocaleString('en')} cases, ${info.points.toLocaleString('en')} points, ${info.messages.toLocaleString('en')} messages, ${(info.cases + info.points + info.messages).toLocaleString('en')} search texts, ${info.customers.toLocaleString('en')} customers, ${TEAMS} teams; database ${(dbBytes / 2 ** 30).toFixed(2)} GiB`,
  );
  console.log("measured: the product's service functions listInbox, searchCases, createCase");
  console.log('');
  console.log('measurement                                   runs    p50 ms    p95 ms    max ms   note');
  const row = (name: string, s: ReturnType<typeof stats>, note: string) =>
    console.log(
      `${name.padEnd(44)}${String(s.n).padStart(6)}${ms(s.p50)}  ${ms(s.p95)}  ${ms(s.max)}   ${note}`,
    );
  row('baseline: select 1 (raw better-sqlite3)', stats(rawSelect), '');
  row('baseline: select 1 (Kysely)', stats(kySelect), '');
  row(
    'inbox first page, one team (listInbox)',
    stats(inbox),
    `${inboxItems} items; ${TEAMS} teams; target p95 <= 50 ms`,
  );
  row('full-text search (searchCases), all', stats(search), `${queries.length} queries; target p95 <= 50 ms`);
  row('  fixed queries', stats(searchFixed), '');
  row('  random vocabulary queries', stats(searchDrawn), '');
  for (const q of fixed) {
    const e = perQuery.get(q);
    if (e) row(`  search "${q}"`, stats(e.times), `${e.hits} cases`);
  }
  const slowest = [...perQuery].sort((a, b) => Math.max(...b[1].times) - Math.max(...a[1].times)).slice(0, 3);
  for (const [q, e] of slowest) row(`  slowest: "${q}"`, stats(e.times), `${e.hits} cases`);
  console.log('');
  const rate = (x: number) => Math.round(x).toLocaleString('en').padStart(7);
  console.log(
    `baseline: the same rows written raw, 1 tx/case ${rate(created.baselinePerSecond)} per second   (${created.writesPerCase.toFixed(1)} writes per case)`,
  );
  console.log(
    `case creation (createCase, ack mail enqueued)   ${rate(created.perSecond)} per second   ${created.cases} cases, ${created.mails} mails; ${Math.round((created.perSecond / created.baselinePerSecond) * 100)} % of the baseline; target >= 1,000/s`,
  );
  console.log(
    `CPU time of this process per case: createCase ${created.cpuMsPerCase.toFixed(2)} ms, baseline ${created.baselineCpuMsPerCase.toFixed(2)} ms (service and baseline ran in alternating blocks of 100)`,
  );
  console.log(
    `statements per case: ${created.statementsPerCase.toFixed(1)} (${created.readsPerCase.toFixed(1)} reads, ${created.writesPerCase.toFixed(1)} writes): ${created.statementKinds.map(([k, n]) => `${k} ${n.toFixed(1)}`).join(', ')}`,
  );
  await app.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
