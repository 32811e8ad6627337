// HTTP routes of the retention reports: economics, the Monday digest, CSV exports and the settings
// (registered by retentionRoutes, which holds the lost-customer, win-back and loyalty routes).
import { doc } from '../platform/http/api-doc.js';
import { retentionExamples } from './retention.examples.js';
import { readerLanguage } from '../platform/http/reader-language.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { ADMINS, MANAGERS } from '../platform/http/auth-hook.js';
import { buildDigest, sendWeeklyDigest } from './digest.service.js';
import { exportFigureCsv, exportFigures } from './retention.csv.js';
import { economics } from './economics.service.js';
import {
  digestPreviewQuery,
  digestPreviewSchema,
  digestSendSchema,
  economicsSchema,
  periodQuery,
} from './retention.schema.js';
import { getRetentionSettings, retentionSettingsSchema, setRetentionSettings } from './retention.settings.js';
import { periodOf } from './retention.stats.js';

const _contractParams = z.object({ contractId: z.string() });

export type RetentionApp = Parameters<FastifyPluginAsyncZod>[0];

/** The report and settings routes of the retention domain, on the retention plugin's instance. */
export function registerRetentionReportRoutes(app: RetentionApp): void {
  const tags = ['retention'];
  const period = (ctx: Ctx, q: { from?: string; to?: string }) => periodOf(ctx.clock.now(), q);

  app.get(
    '/retention/economics',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'getRetentionEconomics',
          summary: 'Read retention economics',
          description:
            "Value lost to churn in the period, value at risk now, goodwill cost against the value of complainants retained, the recovery rate and the word-of-mouth estimate with its assumptions, worded in the reader's language.",
          ...retentionExamples.getRetentionEconomics,
        }),
        tags,
        querystring: periodQuery,
        response: { 200: economicsSchema },
      },
    },
    async (req) => {
      const p = period(req.ctx(), req.query);
      return economics(req.ctx(), p.from, p.to, readerLanguage(req));
    },
  );

  app.get(
    '/retention/digest/preview',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'previewDigest',
          summary: 'Preview the Monday digest',
          description: 'The weekly digest as it would be mailed now, in the chosen language.',
          ...retentionExamples.previewDigest,
        }),
        tags,
        querystring: digestPreviewQuery,
        response: { 200: digestPreviewSchema },
      },
    },
    async (req) => {
      const ctx = req.ctx();
      return buildDigest(ctx, { locale: req.query.locale, recipientName: ctx.actor.name });
    },
  );
  app.post(
    '/retention/digest/send',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'sendDigest',
          summary: 'Send the Monday digest now',
          description:
            'Queues the digest of the last complete week as a mail to every active manager in their language (outbox), at most once per ISO week and recipient; answers the counts. Normally sent by the weekly job.',
          ...retentionExamples.sendDigest,
        }),
        tags,
        response: { 200: digestSendSchema },
      },
    },
    async (req) => sendWeeklyDigest(req.ctx()),
  );

  app.get(
    '/retention/exports/:figure',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'exportRetentionFigure',
          summary: 'Export a figure as CSV',
          description: 'A figure of the period as CSV (text/csv), as `stammkunde export <figure>` writes it.',
          file: 'text/csv',
        }),
        tags,
        params: z.object({ figure: z.enum(exportFigures) }),
        querystring: periodQuery,
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      const p = period(ctx, req.query);
      const csv = await exportFigureCsv(ctx, req.params.figure, p.from, p.to, readerLanguage(req));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.params.figure}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/settings/retention',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'getRetentionSettings',
          summary: 'Read the retention settings',
          description:
            'Silence thresholds for lost proposals, win-back window, Wow-moment goal and digest schedule.',
          ...retentionExamples.getRetentionSettings,
        }),
        tags: ['settings'],
        response: { 200: retentionSettingsSchema },
      },
    },
    async (req) => getRetentionSettings(req.ctx()),
  );
  app.put(
    '/settings/retention',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'updateRetentionSettings',
          summary: 'Change the retention settings',
          description: 'Changes the retention settings sent; audited.',
          ...retentionExamples.updateRetentionSettings,
        }),
        tags: ['settings'],
        body: retentionSettingsSchema.partial(),
        response: { 200: retentionSettingsSchema },
      },
    },
    async (req) => setRetentionSettings(req.ctx(), req.body),
  );
}
