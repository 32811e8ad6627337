// Loads the generated demo company into a database through the domains' services.
import { createCustomer } from '../customers/customers.service.js';
import { createTeam, createUser, updateUser } from '../platform/auth/users.service.js';
import { type Ctx, inTransaction } from '../platform/context.js';
import { getSetting, setSetting } from '../platform/settings.service.js';
import { z } from 'zod';
import { type DemoCompany, demoPassword } from './demo.generate.js';

export type DemoLoadReport = Record<string, number>;

const DEMO_KEY = 'demo.loaded';

/** Whether a demo company was loaded into this database already. */
export async function demoLoaded(ctx: Ctx): Promise<boolean> {
  return (await getSetting(ctx, DEMO_KEY, z.object({ at: z.string() }).nullable(), null)) !== null;
}

/** Loads staff and customers; each later step adds its own domain's demo data. */
export async function loadDemoCompany(
  ctx: Ctx,
  company: DemoCompany,
  log: (line: string) => void = () => {},
): Promise<DemoLoadReport> {
  const report: DemoLoadReport = {};
  const userIds = new Map<string, string>();
  await inTransaction(ctx, async (tx) => {
    const teamIds = new Map<string, string>();
    for (const name of company.teams) teamIds.set(name, (await createTeam(tx, name)).id);
    for (const s of company.staff) {
      const u = await createUser(tx, {
        email: s.email,
        name: s.name,
        role: s.role,
        locale: s.locale,
        password: demoPassword,
        teamId: s.team ? teamIds.get(s.team) : null,
      });
      userIds.set(s.email, u.id);
    }
    for (const s of company.staff) {
      if (s.managerEmail)
        await updateUser(tx, userIds.get(s.email)!, { managerId: userIds.get(s.managerEmail)! });
    }
  });
  report.staff = company.staff.length;
  log(`staff: ${company.staff.length} users in ${company.teams.length} teams`);

  await inTransaction(ctx, async (tx) => {
    for (const c of company.customers) {
      await createCustomer(tx, {
        externalRef: c.externalRef,
        number: c.externalRef,
        name: c.name,
        email: c.email,
        phone: c.phone,
        locale: c.locale,
        customerSince: c.customerSince,
        ownerId: c.ownerEmail ? userIds.get(c.ownerEmail) : null,
        tags: c.tags,
      });
    }
  });
  report.customers = company.customers.length;
  log(`customers: ${company.customers.length}`);

  await setSetting(ctx, DEMO_KEY, z.object({ at: z.string() }), { at: ctx.clock.now().toISOString() });
  return report;
}
