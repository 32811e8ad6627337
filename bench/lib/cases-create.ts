// Case creation benchmark: createCase through the real service (owner assigned by least load,
// acknowledgement mail and case.created jobs enqueued), with the SQL statements it runs counted,
// and a baseline measured in the same run and the same database: the very rows the service wrote
// (every insert/update it executed, with fresh ids) written again with raw better-sqlite3 prepared
// statements, one transaction per case. The ratio service ÷ baseline is the share of the bare
// database write rate the service keeps; the rest is reads, validation, anger, SLA and Kysely.
import type SQLite from 'better-sqlite3';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { createCase } from '../../src/cases/case-intake.service.js';
import { createCustomer } from '../../src/customers/customers.service.js';
import type { Ctx } from '../../src/platform/context.js';

export type CreationResult = {
  cases: number;
  seconds: number;
  perSecond: number;
  statementsPerCase: number;
  readsPerCase: number;
  writesPerCase: number;
  statementKinds: Array<[string, number]>;
  mails: number;
  baselinePerSecond: number;
  /** CPU time of this process per case (user + system): less disturbed by other load than wall time. */
  cpuMsPerCase: number;
  baselineCpuMsPerCase: number;
};

type Recorded = { sql: string; parameters: readonly unknown[] };

const TEXTS = [
  ['Der Termin für die Inspektion wurde zweimal verschoben.', 'Die Rechnung ist zu hoch.'],
  [
    'Das Auto war bei der Rückgabe schmutzig.',
    'Die Erstattung der Tankfüllung fehlt noch.',
    'Niemand ruft zurück.',
  ],
  ['Der Leihwagen stand nicht bereit.'],
];

/** What kind of statement (for the table of statements per case). */
function kindOf(node: RootOperationNode): string {
  const json = JSON.stringify(node);
  const table = json.match(/"identifier":\{"kind":"IdentifierNode","name":"(\w+)"/)?.[1] ?? '?';
  const verb = node.kind.replace('QueryNode', '').replace('RawNode', 'raw').toLowerCase();
  return `${verb} ${table}`;
}

/**
 * Creates `count` cases through the service for `customersToCreate` fresh customers (cycled), then
 * replays their writes raw as the baseline. `sqlite` is the raw handle of `ctx.db`'s database.
 */
export async function measureCaseCreation(
  ctx: Ctx,
  sqlite: SQLite.Database,
  count: number,
  customersToCreate = 200,
): Promise<CreationResult> {
  const customers: string[] = [];
  for (let i = 0; i < customersToCreate; i++) {
    const c = await createCustomer(ctx, { name: `Neukunde ${i}`, email: `neu${i}-${Date.now()}@bench.test` });
    customers.push(c.id);
  }
  const executor = ctx.db.getExecutor();
  let recording: Recorded[] | null = null;
  const perCase: Recorded[][] = [];
  const kinds = new Map<string, number>();
  let reads = 0;
  let writes = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (recording) {
        const k = kindOf(args.node);
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
        if (args.node.kind === 'SelectQueryNode') reads++;
        else {
          writes++;
          const c = executor.compileQuery(args.node, args.queryId);
          recording.push({ sql: c.sql, parameters: c.parameters });
        }
      }
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  const counted: Ctx = { ...ctx, db: ctx.db.withPlugin(plugin) };

  const input = (i: number) => ({
    customerId: customers[i % customers.length],
    channel: 'email' as const,
    severity: 'medium' as const,
    points: TEXTS[i % TEXTS.length].map((text) => ({ text })),
  });
  const countMails = () =>
    (sqlite.prepare('select count(*) as n from outbox_mails').get() as { n: number }).n;

  // Counted run (not timed): every statement counted and every write recorded for the baseline.
  for (let i = 0; i < count; i++) {
    recording = [];
    await createCase(counted, input(i));
    perCase.push(recording);
  }
  recording = null;

  // Baseline: the same writes again, raw, with every generated id made unique (suffix "b").
  const ids = /\b(case|cpt|aud|mail|job|evt)_[0-9A-Za-z]+/g;
  const fresh = (v: unknown): unknown => {
    if (typeof v !== 'string') return v;
    return v.replace(ids, '$&b').replace(/^R-(\d{4})-/, 'B-$1-');
  };
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (source: string) => {
    let s = statements.get(source);
    if (!s) {
      s = sqlite.prepare(source);
      statements.set(source, s);
    }
    return s;
  };
  const replay = sqlite.transaction((writesOfCase: Recorded[]) => {
    for (const w of writesOfCase) {
      const s = prepared(w.sql);
      const params = w.parameters.map(fresh);
      if (s.reader) s.all(...params);
      else s.run(...params);
    }
  });

  // Timed: blocks of the service (as the application runs it, no counting plugin) alternating
  // with blocks of the baseline, so that both meet the same cache state and the same other load.
  const BLOCK = 100;
  let serviceMs = 0;
  let baselineMs = 0;
  let mails = 0;
  const serviceCpu = { user: 0, system: 0 };
  const baselineCpu = { user: 0, system: 0 };
  const add = (sum: { user: number; system: number }, u: NodeJS.CpuUsage) => {
    sum.user += u.user;
    sum.system += u.system;
  };
  for (let from = 0; from < count; from += BLOCK) {
    const to = Math.min(count, from + BLOCK);
    const m0 = countMails();
    let c = process.cpuUsage();
    let t = performance.now();
    for (let i = from; i < to; i++) await createCase(ctx, input(i));
    serviceMs += performance.now() - t;
    add(serviceCpu, process.cpuUsage(c));
    mails += countMails() - m0;
    c = process.cpuUsage();
    t = performance.now();
    for (let i = from; i < to; i++) replay(perCase[i]);
    baselineMs += performance.now() - t;
    add(baselineCpu, process.cpuUsage(c));
  }
  const cpuMsPerCase = (u: { user: number; system: number }) => (u.user + u.system) / 1000 / count;

  return {
    cases: count,
    seconds: serviceMs / 1000,
    perSecond: count / (serviceMs / 1000),
    statementsPerCase: (reads + writes) / count,
    readsPerCase: reads / count,
    writesPerCase: writes / count,
    statementKinds: [...kinds]
      .map(([k, n]) => [k, n / count] as [string, number])
      .sort((a, b) => b[1] - a[1]),
    mails,
    baselinePerSecond: count / (baselineMs / 1000),
    cpuMsPerCase: cpuMsPerCase(serviceCpu),
    baselineCpuMsPerCase: cpuMsPerCase(baselineCpu),
  };
}
