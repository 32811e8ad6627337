// A real OpenID Connect provider (oidc-provider) on a free loopback port for single sign-on tests,
// with one registered client and accounts whose claims the test sets, and a "browser" that walks
// its login and consent pages (oidc-provider's devInteractions forms) by plain HTTP with cookies.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type TestIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Account id → the claims the provider releases for it (sub is the account id). */
  accounts: Map<string, Record<string, unknown>>;
  /**
   * Opens the authorization URL as a fresh browser, signs in as `accountId` and consents; answers
   * the URL the provider sends the browser back to (our callback with code, state and iss).
   */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
  close(): Promise<void>;
};

export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'stammkunde-test';
  const clientSecret = 'a-client-secret-for-the-test-provider';
  const accounts = new Map<string, Record<string, unknown>>();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified', 'xms_edov'],
      profile: ['name', 'given_name', 'family_name', 'locale'],
      groups: ['groups'],
    },
    cookies: { keys: ['test-cookie-key-not-secret-0123456789'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      if (!accounts.has(id)) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...accounts.get(id) }) };
    },
  });
  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn: (url, accountId) => walk(new URL(url), accountId, new URL(redirectUri).origin),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Follows redirects and submits the provider's forms until the browser is sent to `appOrigin`. */
async function walk(start: URL, accountId: string, appOrigin: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  let url = start;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() },
    });
    keep(res);
    init = {};
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      if (url.origin === appOrigin) return url;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status} at ${url.pathname}: ${html}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${url.pathname}`);
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', accountId);
      form.set('password', 'any');
    }
    url = new URL(action, url);
    init = {
      method: 'POST',
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('the provider did not send the browser back within 20 steps');
}
