// The admin's privacy notice of the public complaint form (GDPR Art. 13), under /api/v1.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ADMINS, ALL_STAFF } from '../platform/http/auth-hook.js';
import { doc } from '../platform/http/api-doc.js';
import { getPrivacyNotice, privacyNoticeSchema, setPrivacyNotice } from './case-privacy-notice.js';

const example = {
  de: 'Verantwortlich: Autohaus Beispiel GmbH, Hauptstraße 1, 80331 München. Wir verwenden Ihre Angaben, um Ihre Beschwerde zu bearbeiten (Art. 6 Abs. 1 lit. b DSGVO).',
  en: 'Controller: Autohaus Beispiel GmbH, Hauptstraße 1, 80331 Munich. We use your details to handle your complaint (Art. 6(1)(b) GDPR).',
};

export const casePrivacyNoticeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/settings/complaint-privacy-notice',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getComplaintPrivacyNotice',
          summary: 'Read the privacy notice of the public complaint form',
          description:
            'The privacy notice (GDPR Art. 13) shown under the public complaint form at /complaint, in German and English; the default wording until an admin changes it.',
          response: example,
        }),
        tags: ['settings'],
        response: { 200: privacyNoticeSchema },
      },
    },
    async (req) => getPrivacyNotice(req.ctx()),
  );
  app.put(
    '/settings/complaint-privacy-notice',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateComplaintPrivacyNotice',
          summary: 'Change the privacy notice of the public complaint form',
          description:
            'Replaces the privacy notice (both languages, plain text; a blank line starts a new paragraph). The form shows it at once. Audited.',
          body: example,
          response: example,
        }),
        tags: ['settings'],
        body: privacyNoticeSchema,
        response: { 200: privacyNoticeSchema },
      },
    },
    async (req) => setPrivacyNotice(req.ctx(), req.body),
  );
};
