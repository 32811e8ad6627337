/**
 * Cases benchmark: the agent inbox, full-text search over cases and messages, and case creation.
 * Run: npx tsx bench/cases.ts [cases]   (default 1,000,000 cases with 5 messages each)
 * Targets: inbox first page (one team, by priority and time to breach) p95 <= 50 ms; full-text
 * search p95 <= 50 ms; case creation with its acknowledgement mail enqueued >= 1,000 per second.
 * Data: fixed seed; cases, messages and search texts are generated with raw better-sqlite3 prepared
 * statements in big transactions (not measured; the FTS5 index is maintained by the real triggers).
 * The measured calls are the real service functions: listInbox, searchCases, createCase.
 * The database is kept in $CASES_BENCH_DIR (default the OS temp dir) and reused by the next run
 * with the same size. Baselines measured in the same run: a bare `select 1` round trip (raw and
 * through Kysely) and a bare one-row insert + commit through Kysely.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { searchCases } from '../src/cases/case-messages.service.js';
import { createCase, listInbox } from '../src/cases/cases.service.js';
import { createCustomer } from '../src/customers/customers.service.js';
import { createTeam, createUser } from '../src/platform/auth/users.service.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Ctx } from '../src/platform/context.js';
import { machineLine, mulberry32 } from './lib/bench-env.js';

const CASES = Number(process.argv[2] ?? 1_000_000);
const MESSAGES_PER_CASE = 5;
const TEAMS = 20;
const AGENTS_PER_TEAM = 5;
const CUSTOMERS = Math.max(1000, Math.round(CASES / 3));
const RUNS = 300;
const CREATIONS = Number(process.env.CASES_BENCH_CREATIONS ?? 2000);
const SEED = 20_260_302;
const dir = path.join(process.env.CASES_BENCH_DIR ?? os.tmpdir(), `stammkunde-cases-bench-${CASES}-${SEED}`);

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
  messages: number;
  customers: number;
  teams: string[];
  agents: Array<{ id: string; teamId: string }>;
};

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
  const insCustomer = sqlite.prepare(
    `insert into customers (id, number, name, email, locale, customer_since, tags, tier, tier_pinned, revenue_12m_minor, status, created_at, updated_at)
     values (?, ?, ?, ?, 'de', ?, '[]', 'bronze', 0, 0, 'active', ?, ?)`,
  );
  const customerBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const since = new Date(end - span - rnd() * span).toISOString();
      insCustomer.run(
        `cus_b${pad(i, 8)}`,
        `B${pad(i, 8)}`,
        `Kunde ${i}`,
        `kunde${i}@bench.test`,
        since,
        since,
        since,
      );
    }
  });
  for (let i = 0; i < CUSTOMERS; i += 50_000) customerBatch(i, Math.min(CUSTOMERS, i + 50_000));

  const insCase = sqlite.prepare(
    `insert into cases (id, reference, customer_id, channel, touchpoint_code, subject, description, lang, status, in_queue,
       severity, priority, priority_score, customer_tier, customer_since, owner_id, team_id, received_at, first_response_at,
       first_response_due_at, resolution_due_at, queue_due_at, sla_events, root_cause_code, resolved_at, closed_at, created_at, updated_at)
     values (?, ?, ?, 'email', ?, null, ?, 'de', ?, ?, ?, ?, ?, 'bronze', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      const customerId = `cus_b${pad(Math.floor(rnd() * CUSTOMERS), 8)}`;
      const caseId = `case_b${pad(i, 8)}`;
      const description = text(12, 40);
      const frAt = queued && status === 'new' ? null : new Date(received + 3_600_000).toISOString();
      const frDue = new Date(received + 86_400_000).toISOString();
      const resDue = status === 'waiting_customer' ? null : new Date(received + 7 * 86_400_000).toISOString();
      const closedAt = queued ? null : new Date(received + 3 * 86_400_000).toISOString();
      insCase.run(
        caseId,
        `B-${pad(i, 8)}`,
        customerId,
        rnd() < 0.5 ? 'service_visit' : 'sale',
        description,
        status,
        queued ? 1 : 0,
        severity,
        priority,
        score,
        receivedIso,
        agent.id,
        agent.teamId,
        receivedIso,
        frAt,
        frDue,
        resDue,
        resDue ?? '9999-12-31T23:59:59.999Z',
        JSON.stringify([{ type: 'received', at: receivedIso }]),
        queued ? null : causes[Math.floor(rnd() ** 1.7 * causes.length)],
        closedAt,
        closedAt,
        receivedIso,
        receivedIso,
      );
      insDoc.run(caseId, customerId, 'complaint', caseId, description, receivedIso);
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
      `\r  generated ${done.toLocaleString('en')} cases, ${messages.toLocaleString('en')} messages (${Math.round(rate).toLocaleString('en')} cases/s)`,
    );
  }
  process.stdout.write('\n');
  return { cases: CASES, messages, customers: CUSTOMERS, teams, agents };
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
    const t0 = performance.now();
    sqlite.pragma('synchronous = OFF');
    info = await generate(app.ctx, sqlite);
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('analyze');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    fs.writeFileSync(marker, JSON.stringify(info));
    console.log(
      `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (not part of the measurement)`,
    );
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
  await sql`create table if not exists bench_insert (id integer primary key, v text not null)`.execute(
    app.ctx.db,
  );
  const [insMs] = await time(async () => {
    for (let i = 0; i < CREATIONS; i++) {
      await app.ctx.db
        .transaction()
        .execute((trx) => sql`insert into bench_insert (v) values (${`row ${i}`})`.execute(trx));
    }
  });
  await sql`drop table bench_insert`.execute(app.ctx.db);

  // Inbox: first page for a team, cycling through the teams.
  for (let i = 0; i < 20; i++) await listInbox(ctx, { limit: 50, team: info.teams[i % TEAMS] } as never);
  const inbox: number[] = [];
  let inboxItems = 0;
  for (let i = 0; i < RUNS; i++) {
    const [t, page] = await time(() => listInbox(ctx, { limit: 50, team: info.teams[i % TEAMS] } as never));
    inbox.push(t);
    inboxItems = page.items.length;
  }

  // Full-text search: frequent, medium, rare and two-word queries, inflected German words.
  const queries = [
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
  for (const q of queries) await searchCases(ctx, q, 20);
  const search: number[] = [];
  const perQuery = new Map<string, { times: number[]; hits: number }>();
  for (let i = 0; i < RUNS; i++) {
    const q = queries[i % queries.length];
    const [t, res] = await time(() => searchCases(ctx, q, 20));
    search.push(t);
    const e = perQuery.get(q) ?? { times: [], hits: res.items.length };
    e.times.push(t);
    perQuery.set(q, e);
  }

  // Case creation through the real service (acknowledgement mail and case.created event enqueued).
  const customers: string[] = [];
  for (let i = 0; i < 200; i++) {
    const c = await createCustomer(app.ctx, { name: `Neukunde ${i}`, email: `neu${i}@bench.test` });
    customers.push(c.id);
  }
  const mailsBefore = Number(
    (await sql<{ n: number }>`select count(*) as n from outbox_mails`.execute(app.ctx.db)).rows[0].n,
  );
  const [createMs] = await time(async () => {
    for (let i = 0; i < CREATIONS; i++) {
      const a = info.agents[i % info.agents.length];
      await createCase(ctx, {
        customerId: customers[i % customers.length],
        ownerId: a.id,
        channel: 'email',
        points: [
          { text: 'Der Termin für die Inspektion wurde zweimal verschoben.' },
          { text: 'Die Rechnung ist zu hoch.' },
        ],
      });
    }
  });
  const mailsAfter = Number(
    (await sql<{ n: number }>`select count(*) as n from outbox_mails`.execute(app.ctx.db)).rows[0].n,
  );

  console.log('');
  console.log(
    machineLine(`SQLite ${(sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}`),
  );
  console.log(
    `data: ${info.cases.toLocaleString('en')} cases, ${info.messages.toLocaleString('en')} messages, ${(info.cases + info.messages).toLocaleString('en')} search texts, ${info.customers.toLocaleString('en')} customers, ${TEAMS} teams; database ${(dbBytes / 2 ** 30).toFixed(2)} GiB`,
  );
  console.log('');
  console.log('measurement                                   runs    p50 ms    p95 ms    max ms   note');
  const row = (name: string, s: ReturnType<typeof stats>, note: string) =>
    console.log(
      `${name.padEnd(44)}${String(s.n).padStart(6)}${ms(s.p50)}  ${ms(s.p95)}  ${ms(s.max)}   ${note}`,
    );
  row('baseline: select 1 (raw better-sqlite3)', stats(rawSelect), '');
  row('baseline: select 1 (Kysely)', stats(kySelect), '');
  row('inbox first page, one team (listInbox)', stats(inbox), `${inboxItems} items; target p95 <= 50 ms`);
  row('full-text search (searchCases)', stats(search), 'target p95 <= 50 ms');
  for (const [q, e] of perQuery) row(`  search "${q}"`, stats(e.times), `${e.hits} cases`);
  console.log('');
  console.log(
    `baseline: bare one-row insert + commit (Kysely)   ${Math.round(CREATIONS / (insMs / 1000))
      .toLocaleString('en')
      .padStart(7)} per second`,
  );
  console.log(
    `case creation (createCase, ack mail enqueued)    ${Math.round(CREATIONS / (createMs / 1000))
      .toLocaleString('en')
      .padStart(7)} per second   ${CREATIONS} cases, ${mailsAfter - mailsBefore} mails; target >= 1,000/s`,
  );
  await app.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
