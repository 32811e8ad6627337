// Examples of the single sign-on routes for the OpenAPI document (doc() in sso.routes.ts);
// src/platform/http/openapi.test.ts checks each against its schema.
const settings = {
  enabled: true,
  displayName: 'Autohaus Beispiel',
  issuer: 'https://sso.autohaus-beispiel.de/realms/staff',
  clientId: 'stammkunde',
  scopes: 'openid email profile',
  roleClaim: 'groups',
  roleMapping: [
    { value: 'kundendienst', role: 'agent' },
    { value: 'teamleitung', role: 'manager' },
    { value: 'it-admins', role: 'admin' },
  ],
  justInTime: 'domains',
  allowedDomains: ['autohaus-beispiel.de'],
};

export const ssoExamples = {
  getSsoLoginOption: {
    response: { enabled: true, displayName: 'Autohaus Beispiel', loginUrl: '/api/v1/auth/sso/login' },
  },
  getSsoSettings: {
    response: {
      ...settings,
      clientSecretSet: true,
      clientSecretFromEnvironment: false,
      redirectUri: 'https://stammkunde.autohaus-beispiel.de/api/v1/auth/sso/callback',
    },
  },
  updateSsoSettings: {
    body: { ...settings, clientSecret: 'kc-3f9a1c7e5b2d4e6f8a0b1c2d3e4f5a6b' },
    response: {
      ...settings,
      clientSecretSet: true,
      clientSecretFromEnvironment: false,
      redirectUri: 'https://stammkunde.autohaus-beispiel.de/api/v1/auth/sso/callback',
    },
  },
};
