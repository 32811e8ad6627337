// Single sign-on settings (key `sso`): the OpenID provider, the claim whose values map to our roles,
// and whether a first login creates the user. The client secret is a setting of its own (key
// `sso.clientSecret`, audited without its value) that the API never answers, or OIDC_CLIENT_SECRET.
import { z } from 'zod';
import { type Ctx, inTransaction } from '../context.js';
import { getSetting, setSetting } from '../settings.service.js';
import { roleSchema } from './auth.schema.js';

const SETTINGS_KEY = 'sso';
const SECRET_KEY = 'sso.clientSecret';

/** The route the provider sends the browser back to; register it at the provider. */
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** http is allowed for a provider on this machine only (development, tests); otherwise https. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && (LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.'));
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CLAIM_PATH = /^[A-Za-z0-9_:/~-]+(?:\.[A-Za-z0-9_:/~-]+)*$/;

export const justInTimeSchema = z
  .enum(['off', 'create', 'domains'])
  .describe(
    'First login of someone without an account: off (refused), create (created with the mapped role), domains (created only for e-mails of allowedDomains)',
  );

const fields = {
  enabled: z.boolean().describe('Whether the login page offers single sign-on'),
  displayName: z
    .string()
    .trim()
    .max(60)
    .describe('The provider as the login button names it ("Sign in with …")'),
  issuer: z
    .string()
    .trim()
    .max(500)
    .describe('The issuer URL; its /.well-known/openid-configuration is read'),
  clientId: z.string().trim().max(200),
  scopes: z.string().trim().max(500).describe('Space-separated scopes to ask for; must include openid'),
  roleClaim: z
    .string()
    .trim()
    .max(200)
    .describe('The claim holding the role values (a string or a list), nested with dots'),
  roleMapping: z
    .array(z.object({ value: z.string().trim().min(1).max(200), role: roleSchema }))
    .max(100)
    .describe('Claim value → role; with several matches the highest role wins (admin > manager > agent)'),
  justInTime: justInTimeSchema,
  allowedDomains: z
    .array(z.string().trim().toLowerCase().max(253))
    .max(100)
    .describe('E-mail domains whose users are created on first login (justInTime: domains)'),
};

type Issue = { path: (string | number)[]; message: string };

/** What a complete, usable setting must hold beyond each field's own shape (English messages, worded per reader). */
function settingIssues(s: z.infer<z.ZodObject<typeof fields>>): Issue[] {
  const out: Issue[] = [];
  if (s.issuer) {
    let url: URL | null = null;
    try {
      url = new URL(s.issuer);
    } catch {
      out.push({
        path: ['issuer'],
        message: 'not a web address (e.g. https://sso.example.com/realms/staff)',
      });
    }
    if (url && url.protocol !== 'https:' && !isLoopbackHttp(url))
      out.push({ path: ['issuer'], message: 'use an https address (http only on this machine)' });
  }
  if (s.scopes && !s.scopes.split(/\s+/).includes('openid'))
    out.push({ path: ['scopes'], message: 'must include openid' });
  if (s.roleClaim && !CLAIM_PATH.test(s.roleClaim))
    out.push({ path: ['roleClaim'], message: 'a claim name, nested with dots (e.g. realm_access.roles)' });
  const seen = new Set<string>();
  s.roleMapping.forEach((m, i) => {
    if (seen.has(m.value)) out.push({ path: ['roleMapping', i, 'value'], message: 'each value only once' });
    seen.add(m.value);
  });
  s.allowedDomains.forEach((d, i) => {
    if (!DOMAIN.test(d))
      out.push({ path: ['allowedDomains', i], message: 'not a domain name (e.g. example.com)' });
  });
  if (s.enabled) {
    for (const k of ['displayName', 'issuer', 'clientId', 'scopes', 'roleClaim'] as const)
      if (!s[k]) out.push({ path: [k], message: 'required' });
    if (s.roleMapping.length === 0)
      out.push({ path: ['roleMapping'], message: 'map at least one value to a role' });
    if (s.justInTime === 'domains' && s.allowedDomains.length === 0)
      out.push({ path: ['allowedDomains'], message: 'list at least one domain' });
  }
  return out;
}

/** The stored settings (without the secret). */
export const ssoSettingsSchema = z.object(fields).superRefine((s, ctx) => {
  for (const issue of settingIssues(s)) ctx.addIssue({ code: 'custom', ...issue });
});
export type SsoSettings = z.infer<typeof ssoSettingsSchema>;

/** GET /settings/sso: the settings, whether a secret is set (never the secret), the redirect URI. */
export const ssoSettingsViewSchema = z.object({
  ...fields,
  clientSecretSet: z.boolean().describe('A client secret is stored or given by OIDC_CLIENT_SECRET'),
  clientSecretFromEnvironment: z
    .boolean()
    .describe('OIDC_CLIENT_SECRET is set; it wins over a stored secret'),
  redirectUri: z.string().describe('Register this redirect URI at the provider (PUBLIC_URL + callback path)'),
});
export type SsoSettingsView = z.infer<typeof ssoSettingsViewSchema>;

/** GET /auth/sso: what the login page offers. */
export const ssoLoginOptionSchema = z.object({
  enabled: z.boolean(),
  displayName: z.string().nullable().describe('Names the provider on the login button'),
  loginUrl: z.string().nullable().describe('Open this in the browser to sign in with the provider'),
});

/** PUT /settings/sso: the fields to change; clientSecret sets the secret, null removes it, absent keeps it. */
export const updateSsoSettingsSchema = z
  .object(fields)
  .partial()
  .extend({
    clientSecret: z
      .string()
      .min(1)
      .max(1000)
      .nullable()
      .optional()
      .describe('Write-only: a new secret, null to remove the stored one, absent to keep it'),
  });
export type UpdateSsoSettings = z.infer<typeof updateSsoSettingsSchema>;

export const defaultSsoSettings: SsoSettings = {
  enabled: false,
  displayName: '',
  issuer: '',
  clientId: '',
  scopes: 'openid email profile',
  roleClaim: 'groups',
  roleMapping: [],
  justInTime: 'off',
  allowedDomains: [],
};

const secretSchema = z.string().min(1);

export function getSsoSettings(ctx: Ctx): Promise<SsoSettings> {
  return getSetting(ctx, SETTINGS_KEY, ssoSettingsSchema, defaultSsoSettings);
}

/** The client secret in force: OIDC_CLIENT_SECRET, else the stored one. */
export async function getSsoClientSecret(ctx: Ctx): Promise<string | null> {
  return ctx.config.oidcClientSecret ?? (await getSetting(ctx, SECRET_KEY, secretSchema.nullable(), null));
}

export function ssoRedirectUri(ctx: Pick<Ctx, 'config'>): string {
  return `${ctx.config.publicUrl}${SSO_CALLBACK_PATH}`;
}

export async function getSsoSettingsView(ctx: Ctx): Promise<SsoSettingsView> {
  return {
    ...(await getSsoSettings(ctx)),
    clientSecretSet: (await getSsoClientSecret(ctx)) !== null,
    clientSecretFromEnvironment: ctx.config.oidcClientSecret !== undefined,
    redirectUri: ssoRedirectUri(ctx),
  };
}

/**
 * Changes the settings (the rest stays) and the secret, audited (the secret without its value).
 * `check` runs on the merged settings before anything is stored (the provider's discovery).
 */
export async function updateSsoSettings(
  ctx: Ctx,
  input: UpdateSsoSettings,
  check: (next: SsoSettings, secret: string | null) => Promise<void>,
): Promise<SsoSettingsView> {
  const { clientSecret, ...patch } = input;
  const next = ssoSettingsSchema.parse({ ...(await getSsoSettings(ctx)), ...patch });
  const secret =
    ctx.config.oidcClientSecret ??
    (clientSecret === undefined
      ? await getSetting(ctx, SECRET_KEY, secretSchema.nullable(), null)
      : clientSecret);
  if (next.enabled && !secret) throw ssoInvalid([{ path: ['clientSecret'], message: 'required' }]);
  await check(next, secret);
  await inTransaction(ctx, async (tx) => {
    await setSetting(tx, SETTINGS_KEY, ssoSettingsSchema, next);
    if (clientSecret !== undefined)
      await setSetting(tx, SECRET_KEY, secretSchema.nullable(), clientSecret, { secret: true });
  });
  return getSsoSettingsView(ctx);
}

/** A validation error at the given fields, as Zod would raise it (worded per reader by the HTTP layer). */
export function ssoInvalid(issues: Issue[]): z.ZodError {
  return new z.ZodError(issues.map((i) => ({ code: 'custom' as const, input: undefined, ...i })));
}
