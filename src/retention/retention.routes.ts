// HTTP routes of the retention domain.
import { doc } from '../platform/http/api-doc.js';
import { registerRetentionReportRoutes } from './retention-reports.routes.js';
import { retentionExamples } from './retention.examples.js';
import { readerLanguage } from '../platform/http/reader-language.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../platform/context.js';
import { ADMINS, ALL_STAFF, MANAGERS } from '../platform/http/auth-hook.js';
import * as lost from './lost-customers.service.js';
import * as proposals from './lost-proposals.service.js';
import * as loyalty from './loyalty-penalty.service.js';
import { queueFairness } from './queue-fairness.service.js';
import {
  confirmLostSchema,
  dismissProposalSchema,
  dismissSchema,
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
      schema: {
        ...doc({
          id: 'confirmLostCustomer',
          summary: 'Confirm a customer as lost',
          description:
            'Marks the customer lost with reason and value; emits `customer.lost` (exit-interview survey) and queues the win-back follow-up job for the configured number of days later. Audited.',
          errors: ['CONFLICT', 'CUSTOMER_ERASED'],
          ...retentionExamples.confirmLostCustomer,
        }),
        tags,
        body: confirmLostSchema,
        response: { 201: lostCustomerSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await lost.confirmLost(req.ctx(), req.body)),
  );
  app.get(
    '/retention/lost-customers',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'listLostCustomers',
          summary: 'List lost customers',
          description: 'Customers confirmed lost in the period (default: the last 30 days), oldest first.',
          ...retentionExamples.listLostCustomers,
        }),
        tags,
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
      schema: {
        ...doc({
          id: 'listLostProposals',
          summary: 'List lost-customer proposals',
          description:
            'Customers a manager may confirm as lost: open proposals from cancelled contracts, and customers of the latest churn run whose probability of being alive is below the setting. Already lost customers are left out.',
          ...retentionExamples.listLostProposals,
        }),
        tags,
        response: { 200: z.object({ items: z.array(lostProposalSchema) }) },
      },
    },
    async (req) => proposals.listLostProposals(req.ctx()),
  );
  app.post(
    '/retention/lost-proposals/dismiss',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'dismissLostProposal',
          summary: 'Dismiss a lost-customer proposal',
          description: 'A manager decides a proposed customer is not lost; the reason is audited.',
          noContent: true,
          ...retentionExamples.dismissLostProposal,
        }),
        tags,
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
      schema: {
        ...doc({
          id: 'getLostReasons',
          summary: 'Read why customers left',
          description: 'Lost customers in the period by reason, with count and revenue.',
          ...retentionExamples.getLostReasons,
        }),
        tags,
        querystring: periodQuery,
        response: { 200: lostReasonsSchema },
      },
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
      schema: {
        ...doc({
          id: 'getWinBackReport',
          summary: 'Read the win-back report',
          description: 'Lost customers in the period and how many were won back, with revenue regained.',
          ...retentionExamples.getWinBackReport,
        }),
        tags,
        querystring: periodQuery,
        response: { 200: winBackSchema },
      },
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
      schema: {
        ...doc({
          id: 'checkWinBacks',
          summary: 'Check for won-back customers',
          description:
            'Checks every open lost record for a purchase since its confirmation and marks those customers won back (status active again, audited); answers how many.',
          ...retentionExamples.checkWinBacks,
        }),
        tags,
        response: { 200: winBackCheckSchema },
      },
    },
    async (req) => ({ wonBack: await winBack.checkAllWinBacks(req.ctx()) }),
  );

  app.get(
    '/retention/loyalty-penalty',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'listLoyaltyPenalties',
          summary: 'List loyalty penalties',
          description:
            'Contracts whose long-standing customers pay more than new customers for the same product, largest gap first.',
          ...retentionExamples.listLoyaltyPenalties,
        }),
        tags,
        response: { 200: z.object({ items: z.array(loyaltyPenaltyItemSchema) }) },
      },
    },
    async (req) => ({ items: await loyalty.listLoyaltyPenalties(req.ctx()) }),
  );
  app.get(
    '/retention/loyalty-penalty/summary',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'getLoyaltyPenaltySummary',
          summary: 'Read the loyalty-penalty summary',
          description:
            'How many contracts pay more than the new-customer price and the yearly sum of the gaps.',
          ...retentionExamples.getLoyaltyPenaltySummary,
        }),
        tags,
        response: { 200: loyaltyPenaltySummarySchema },
      },
    },
    async (req) => loyalty.loyaltyPenaltySummary(req.ctx()),
  );
  app.post(
    '/retention/loyalty-penalty/:contractId/apply-new-price',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'applyNewCustomerPrice',
          summary: 'Give a contract the new-customer price',
          description:
            "Lowers the contract's price to the current new-customer price and records the decision; audited.",
          errors: ['CONFLICT'],
          ...retentionExamples.applyNewCustomerPrice,
        }),
        tags,
        params: contractParams,
        response: { 200: loyaltyDecisionSchema },
      },
    },
    async (req) => loyalty.applyNewCustomerPrice(req.ctx(), req.params.contractId),
  );
  app.post(
    '/retention/loyalty-penalty/:contractId/dismiss',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'dismissLoyaltyPenalty',
          summary: "Keep a contract's price",
          description: 'Records the decision to keep the price, with a reason; audited.',
          ...retentionExamples.dismissLoyaltyPenalty,
        }),
        tags,
        params: contractParams,
        body: dismissSchema,
        response: { 200: loyaltyDecisionSchema },
      },
    },
    async (req) => loyalty.dismissLoyaltyPenalty(req.ctx(), req.params.contractId, req.body.reason),
  );
  app.get(
    '/retention/loyalty-penalty/:contractId/decisions',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'listLoyaltyDecisions',
          summary: "List a contract's price decisions",
          description: "The decisions taken on the contract's loyalty penalty, newest first.",
          ...retentionExamples.listLoyaltyDecisions,
        }),
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
      schema: {
        ...doc({
          id: 'getQueueFairness',
          summary: 'Read queue fairness',
          description:
            'Acknowledgement and first-response times in the period by customer tenure, to show whether loyal customers wait longer than new ones.',
          ...retentionExamples.getQueueFairness,
        }),
        tags,
        querystring: periodQuery,
        response: { 200: queueFairnessSchema },
      },
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
      schema: {
        ...doc({
          id: 'logSurprise',
          summary: 'Log a Wow moment',
          description: 'Records a small surprise for a customer (a card, an upgrade) with its cost; audited.',
          errors: ['CUSTOMER_ERASED'],
          ...retentionExamples.logSurprise,
        }),
        tags,
        body: createSurpriseSchema,
        response: { 201: surpriseSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await surprises.logSurprise(req.ctx(), req.body)),
  );
  app.get(
    '/retention/surprises/progress',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'getSurpriseProgress',
          summary: 'Read Wow-moment progress',
          description:
            "A local day's surprises (default today) per team against the daily goal; per person only when the company turned on per-person figures.",
          ...retentionExamples.getSurpriseProgress,
        }),
        tags,
        querystring: progressQuery,
        response: { 200: progressSchema },
      },
    },
    async (req) => surprises.surpriseProgress(req.ctx(), req.query),
  );
  app.get(
    '/retention/surprises/effect',
    {
      config: { roles: MANAGERS },
      schema: {
        ...doc({
          id: 'getSurpriseEffect',
          summary: 'Read the effect of Wow moments',
          description:
            'Surprised customers against never-surprised customers of the same tier and tenure band: repurchase within `days` and mean CSAT in that window.',
          ...retentionExamples.getSurpriseEffect,
        }),
        tags,
        querystring: effectQuery,
        response: { 200: surpriseEffectSchema },
      },
    },
    async (req) => surprises.surpriseEffect(req.ctx(), req.query),
  );
  app.post(
    '/retention/recognition/run',
    {
      config: { roles: ADMINS },
      schema: {
        ...doc({
          id: 'runRecognition',
          summary: 'Run customer recognition now',
          description:
            'Suggests recognition as tasks for the owner (one open task per customer and occasion): anniversaries today and tier upgrades since the last run. Answers how many tasks were created.',
          ...retentionExamples.runRecognition,
        }),
        tags,
        response: { 200: z.object({ anniversaries: z.number().int(), tierUpgrades: z.number().int() }) },
      },
    },
    async (req) => surprises.runRecognition(req.ctx()),
  );

  registerRetentionReportRoutes(app);
};
