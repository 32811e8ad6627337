// HTTP routes of the case conversation: messages, attachments, and the full-text search over cases.
import { doc } from '../platform/http/api-doc.js';
import { caseMessagesExamples } from './case-messages.examples.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_STAFF } from '../platform/http/auth-hook.js';
import { pageOf } from '../platform/http/pagination.js';
import {
  attachmentMetaSchema,
  caseMessageSchema,
  createAttachmentSchema,
  createMessageSchema,
  listMessagesQuery,
  searchQuery,
  searchResultSchema,
} from './case-messages.schema.js';
import * as messages from './case-messages.service.js';
import { searchCases } from './case-search.service.js';

const caseParams = z.object({ id: z.string() });
const messageParams = z.object({ id: z.string(), mid: z.string() });
const attachmentParams = z.object({ id: z.string(), mid: z.string(), aid: z.string() });

/** RFC 6266 / 5987 content-disposition for a download, safe for any file name. */
function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const caseMessagesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];
  app.get(
    '/cases/search',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'searchCases',
          summary: 'Search cases by text',
          description:
            'Full-text search over case subjects, points and messages; best matches first with a snippet.',
          ...caseMessagesExamples.searchCases,
        }),
        tags,
        querystring: searchQuery,
        response: { 200: searchResultSchema },
      },
    },
    async (req) => searchCases(req.ctx(), req.query.q, req.query.limit),
  );
  app.get(
    '/cases/:id/messages',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'listCaseMessages',
          summary: "List a case's messages",
          description:
            'The conversation of the case in pages, oldest first: incoming and outgoing messages with their attachments.',
          ...caseMessagesExamples.listCaseMessages,
        }),
        tags,
        params: caseParams,
        querystring: listMessagesQuery,
        response: { 200: pageOf(caseMessageSchema) },
      },
    },
    async (req) => messages.listMessages(req.ctx(), req.params.id, req.query),
  );
  app.post(
    '/cases/:id/messages',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'addCaseMessage',
          summary: 'Add a message to a case',
          description:
            'Records a message from or to the customer. An outgoing e-mail reply is queued as a mail to the customer (outbox) and counts as the first response for the SLA; an incoming message on a resolved case reopens it. Audited.',
          errors: ['CASE_STATE_INVALID', 'CUSTOMER_ERASED'],
          ...caseMessagesExamples.addCaseMessage,
        }),
        tags,
        params: caseParams,
        body: createMessageSchema,
        response: { 201: caseMessageSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await messages.addMessage(req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/cases/:id/messages/:mid/attachments',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'addCaseAttachment',
          summary: 'Attach a file to a message',
          description: 'Stores a file (base64 in JSON, up to the size limit) with a message of the case.',
          ...caseMessagesExamples.addCaseAttachment,
        }),
        tags,
        params: messageParams,
        body: createAttachmentSchema,
        response: { 201: attachmentMetaSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await messages.addAttachment(req.ctx(), req.params.id, req.params.mid, req.body)),
  );
  app.get(
    '/cases/:id/messages/:mid/attachments/:aid',
    {
      config: { roles: ALL_STAFF },
      schema: {
        ...doc({
          id: 'downloadCaseAttachment',
          summary: 'Download an attachment',
          description:
            'The stored file as it was uploaded, as a download (`Content-Disposition: attachment`, sandboxed).',
          file: 'application/octet-stream',
        }),
        tags,
        params: attachmentParams,
      },
    },
    async (req, reply) => {
      const file = await messages.getAttachment(req.ctx(), req.params.id, req.params.mid, req.params.aid);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(file.data);
    },
  );
};
