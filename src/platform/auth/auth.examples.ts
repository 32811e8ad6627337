// Examples of the auth routes' request bodies and answers for the OpenAPI document (doc() in
// auth.routes.ts); src/platform/http/openapi.test.ts checks each against its schema.
const login = {
  user: {
    id: 'usr_01jnq3z8r4y6w2k5t7v9x1b3d5',
    email: 'anna.agent@autohaus-beispiel.de',
    name: 'Anna Agent',
    role: 'agent',
    locale: 'de',
    teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
    managerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
    approvalLimitMinor: null,
    active: true,
    createdAt: '2026-03-02T09:00:00.000Z',
  },
  csrfToken: 'sk_3q2Nf8Lx0pVb7WcY1tZr5mKs9JdH4gAe6uEi',
};

const myApiTokens = {
  id: 'tok_01jnq3z8r4y6w2k5t7v9x1b3d5',
  name: 'ERP-Anbindung',
  createdAt: '2026-03-02T09:00:00.000Z',
  lastUsedAt: '2026-03-02T09:00:00.000Z',
  revokedAt: null,
  expiresAt: '2026-03-05T16:00:00.000Z',
};

const apiToken = {
  id: 'tok_01jnq3z8r4y6w2k5t7v9x1b3d5',
  name: 'ERP-Anbindung',
  token: 'sk_3q2Nf8Lx0pVb7WcY1tZr5mKs9JdH4gAe6uEi',
  createdAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2026-03-05T16:00:00.000Z',
};

const users = {
  id: 'usr_01jnq3z8r4y6w2k5t7v9x1b3d5',
  email: 'anna.agent@autohaus-beispiel.de',
  name: 'Anna Agent',
  role: 'agent',
  locale: 'de',
  teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
  managerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
  approvalLimitMinor: null,
  active: true,
  createdAt: '2026-03-02T09:00:00.000Z',
};

const userApiTokens = {
  id: 'tok_01jnq3z8r4y6w2k5t7v9x1b3d5',
  name: 'ERP-Anbindung',
  createdAt: '2026-03-02T09:00:00.000Z',
  lastUsedAt: '2026-03-02T09:00:00.000Z',
  revokedAt: null,
  expiresAt: '2026-03-05T16:00:00.000Z',
};

const teams = {
  id: 'team_01jnq3z8r4y6w2k5t7v9x1b3d5',
  name: 'Kundendienst Nord',
  parentId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
};

/** Per operationId: the example request body and/or 2xx answer. */
export const authExamples = {
  createSession: {
    body: { email: 'anna.agent@autohaus-beispiel.de', password: 'correct horse battery staple' },
    response: login,
  },
  getMe: { response: login },
  listMyApiTokens: { response: { items: [myApiTokens] } },
  createApiToken: { body: { name: 'ERP-Anbindung', expiresInDays: 365 }, response: apiToken },
  listUsers: { response: { items: [users] } },
  createUser: {
    body: {
      email: 'anna.agent@autohaus-beispiel.de',
      name: 'Anna Agent',
      role: 'agent',
      locale: 'de',
      password: 'Herbst-Laub-Kaffee-42',
      teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
      managerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
    },
    response: users,
  },
  getUser: { response: users },
  updateUser: {
    body: {
      name: 'Anna Agent',
      role: 'agent',
      locale: 'de',
      password: 'Herbst-Laub-Kaffee-42',
      teamId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t',
      managerId: 'usr_01jnq40c2m8e5f7h9k3n6p4r2t',
      approvalLimitMinor: 150_000,
      active: true,
    },
    response: users,
  },
  listUserApiTokens: { response: { items: [userApiTokens] } },
  listTeams: { response: { items: [teams] } },
  createTeam: {
    body: { name: 'Kundendienst Nord', parentId: 'team_01jnq40c2m8e5f7h9k3n6p4r2t' },
    response: teams,
  },
};
