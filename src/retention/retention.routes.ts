// HTTP routes of the retention domain.
import { readerLanguage } from '../platform/http/reader-language.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import { buildDigest, sendWeeklyDigest } from './digest.service.js';
import { exportFigureCsv, exportFigures } from './retention.csv.js';
import { economics } from './economics.service.js';
import * as lost from './lost-customers.service.js';
import * as proposals from './lost-proposals.service.js';
import * as loyalty from './loyalty-penalty.service.js';
import { queueFairness } from './queue-fairness.service.js';
import {
  confirmLostSchema,
  dismissProposalSchema,
  digestPreviewQuery,
  digestPreviewSchema,
  digestSendSchema,
  dismissSchema,
  economicsSchema,
  effectQuery,
  loyaltyDecisionSchema,
  loyaltyPenaltyItemSchema,
  loyaltyPenaltySummarySchema,
  lostCustomerSchema,
  lostProposalSchema,
  lostReasonsSchema,
  periodQuery,
  progressQuery,
  progressSchema,
  queueFairnessSchema,
  surpriseEffectSchema,
  surpriseSchema,
  createSurpriseSchema,
  winBackCheckSchema,
  winBackSchema,
} from './retention.schema.js';
import { getRetentionSettings, retentionSettingsSchema, setRetentionSettings } from './retention.settings.js';
import { periodOf } from './retention.stats.js';
import * as surprises from './surprises.service.js';
import * as winBack from './win-back.service.js';

const contractParams = z.object({ contractId: z.string() });

export const retentionRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['retention'];
  const period = (ctx: Ctx, q: { from?: string; to?: string }) => periodOf(ctx.clock.now(), q);

  app.post(
    '/retention/lost-customers',
    {
      config: { roles: MANAGERS },
      schema: { tags, body: confirmLostSchema, response: { 201: lostCustomerSchema } },
    },
    async (req, reply) => reply.code(201).send(await lost.confirmLost(req.ctx(), req.body)),
  );
  app.get(
    '/retention/lost-customers',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        description: 'Customers confirmed lost in the period (default: the last 30 days), oldest first',
        querystring: periodQuery,
        response: { 200: z.object({ items: z.array(lostCustomerSchema) }) },
      },
    },
    async (req) => {
      const p = period(req.ctx(), req.query);
      return { items: await lost.listLostBetween(req.ctx(), p.from, p.to, readerLanguage(req)) };
    },
  );
  app.get(
    '/retention/lost-proposals',
    {
      config: { roles: MANAGERS },
      schema: { tags, response: { 200: z.object({ items: z.array(lostProposalSchema) }) } },
    },
    async (req) => proposals.listLostProposals(req.ctx()),
  );
  app.post(
    '/retention/lost-proposals/dismiss',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        description: 'A manager decides a proposed customer is not lost; the reason is audited',
        body: dismissProposalSchema,
      },
    },
    async (req, reply) => {
      await proposals.dismissLostProposal(req.ctx(), req.body);
      return reply.code(204).send();
    },
  );
  app.get(
    '/retention/lost-reasons',
    {
      config: { roles: MANAGERS },
      schema: { tags, querystring: periodQuery, response: { 200: lostReasonsSchema } },
    },
    async (req) => {
      const p = period(req.ctx(), req.query);
      return winBack.lostReasons(req.ctx(), p.from, p.to);
    },
  );
  app.get(
    '/retention/win-back',
    {
      config: { roles: MANAGERS },
      schema: { tags, querystring: periodQuery, response: { 200: winBackSchema } },
    },
    async (req) => {
      const p = period(req.ctx(), req.query);
      return winBack.winBackReport(req.ctx(), p.from, p.to);
    },
  );
  app.post(
    '/retention/win-back/check',
    {
      config: { roles: MANAGERS },
      schema: { tags, response: { 200: winBackCheckSchema } },
    },
    async (req) => ({ wonBack: await winBack.checkAllWinBacks(req.ctx()) }),
  );

  app.get(
    '/retention/loyalty-penalty',
    {
      config: { roles: MANAGERS },
      schema: { tags, response: { 200: z.object({ items: z.array(loyaltyPenaltyItemSchema) }) } },
    },
    async (req) => ({ items: await loyalty.listLoyaltyPenalties(req.ctx()) }),
  );
  app.get(
    '/retention/loyalty-penalty/summary',
    { config: { roles: MANAGERS }, schema: { tags, response: { 200: loyaltyPenaltySummarySchema } } },
    async (req) => loyalty.loyaltyPenaltySummary(req.ctx()),
  );
  app.post(
    '/retention/loyalty-penalty/:contractId/apply-new-price',
    {
      config: { roles: MANAGERS },
      schema: { tags, params: contractParams, response: { 200: loyaltyDecisionSchema } },
    },
    async (req) => loyalty.applyNewCustomerPrice(req.ctx(), req.params.contractId),
  );
  app.post(
    '/retention/loyalty-penalty/:contractId/dismiss',
    {
      config: { roles: MANAGERS },
      schema: { tags, params: contractParams, body: dismissSchema, response: { 200: loyaltyDecisionSchema } },
    },
    async (req) => loyalty.dismissLoyaltyPenalty(req.ctx(), req.params.contractId, req.body.reason),
  );
  app.get(
    '/retention/loyalty-penalty/:contractId/decisions',
    {
      config: { roles: MANAGERS },
      schema: {
        tags,
        params: contractParams,
        response: { 200: z.object({ items: z.array(loyaltyDecisionSchema) }) },
      },
    },
    async (req) => ({ items: await loyalty.listLoyaltyDecisions(req.ctx(), req.params.contractId) }),
  );

  app.get(
    '/retention/queue-fairness',
    {
      config: { roles: MANAGERS },
      schema: { tags, querystring: periodQuery, response: { 200: queueFairnessSchema } },
    },
    async (req) => {
      const p = period(req.ctx(), req.query);
      return queueFairness(req.ctx(), p.from, p.to, readerLanguage(req));
    },
  );

  app.post(
    '/retention/surprises',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, body: createSurpriseSchema, response: { 201: surpriseSchema } },
    },
    async (req, reply) => reply.code(201).send(await surprises.logSurprise(req.ctx(), req.body)),
  );
  app.get(
    '/retention/surprises/progress',
    {
      config: { roles: ALL_STAFF },
      schema: { tags, querystring: progressQuery, response: { 200: progressSchema } },
    },
    async (req) => surprises.surpriseProgress(req.ctx(), req.query),
  );
  app.get(
    '/retention/surprises/effect',
    {
      config: { roles: MANAGERS },
      schema: { tags, querystring: effectQuery, response: { 200: surpriseEffectSchema } },
    },
    async (req) => surprises.surpriseEffect(req.ctx(), req.query),
  );
  app.post(
    '/retention/recognition/run',
    {
      config: { roles: ADMINS },
      schema: {
        tags,
        response: { 200: z.object({ anniversaries: z.number().int(), tierUpgrades: z.number().int() }) },
      },
    },
    async (req) => surprises.runRecognition(req.ctx()),
  );

  app.get(
    '/retention/economics',
    {
      config: { roles: MANAGERS },
      schema: { tags, querystring: periodQuery, response: { 200: economicsSchema } },
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
      schema: { tags, querystring: digestPreviewQuery, response: { 200: digestPreviewSchema } },
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
        tags,
        description: 'A figure as CSV (text/csv), as `stammkunde export <figure>` writes it',
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
      schema: { tags: ['settings'], response: { 200: retentionSettingsSchema } },
    },
    async (req) => getRetentionSettings(req.ctx()),
  );
  app.put(
    '/settings/retention',
    {
      config: { roles: ADMINS },
      schema: {
        tags: ['settings'],
        body: retentionSettingsSchema.partial(),
        response: { 200: retentionSettingsSchema },
      },
    },
    async (req) => setRetentionSettings(req.ctx(), req.body),
  );
};
