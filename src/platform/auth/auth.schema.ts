// API contract of users, teams, sessions and API tokens.
import { z } from 'zod';

export const roleSchema = z.enum(['agent', 'manager', 'admin']);
export const localeSchema = z.enum(['de', 'en']);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  locale: localeSchema,
  teamId: z.string().nullable(),
  managerId: z.string().nullable(),
  approvalLimitMinor: z
    .number()
    .int()
    .nullable()
    .describe(
      "the most this user may approve on their own (goodwill), minor units of the company currency; null = their role's default",
    ),
  active: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.object({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  locale: localeSchema.default('de'),
  password: z.string().min(12, 'must be at least 12 characters').max(200).optional(),
  teamId: z.string().trim().min(1).nullable().optional(),
  managerId: z.string().trim().min(1).nullable().optional(),
  approvalLimitMinor: z.number().int().min(0).max(100_000_000_000).nullable().optional(),
});
export type CreateUser = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: roleSchema,
    locale: localeSchema,
    password: z.string().min(12, 'must be at least 12 characters').max(200),
    teamId: z.string().trim().min(1).nullable(),
    managerId: z.string().trim().min(1).nullable(),
    approvalLimitMinor: z.number().int().min(0).max(100_000_000_000).nullable(),
    active: z.boolean(),
  })
  .partial();

export const loginSchema = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(200),
});
export const sessionSchema = z.object({ user: userSchema, csrfToken: z.string() });
/** GET /auth/me: the session of a cookie (a token-authenticated caller has no CSRF token). */
export const meSchema = sessionSchema.extend({ csrfToken: z.string().nullable() });

export const teamSchema = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() });
export const createTeamSchema = z.object({
  name: z.string().trim().min(1).max(200),
  parentId: z.string().trim().min(1).nullable().optional(),
});

export const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** How long the token works; 90 days unless asked otherwise, two years at most. */
  expiresInDays: z.number().int().min(1).max(730).default(90),
});
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
