// API contract of the case conversation: messages, internal notes, attachments and search.
import { z } from 'zod';
import { isoDateTime, pageQuery } from '../platform/http/field-schemas.js';

export const messageDirectionSchema = z
  .enum(['in', 'out', 'internal'])
  .describe('in = from the customer, out = to the customer, internal = a note only staff see');
export const messageChannelSchema = z.enum(['email', 'phone', 'letter', 'web', 'in_person', 'chat', 'note']);
export type MessageDirection = z.infer<typeof messageDirectionSchema>;
export type MessageChannel = z.infer<typeof messageChannelSchema>;

export const attachmentMetaSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;

export const caseMessageSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  direction: messageDirectionSchema,
  channel: messageChannelSchema,
  author: z.object({
    type: z.enum(['staff', 'customer', 'system']),
    userId: z.string().nullable(),
    name: z.string(),
  }),
  body: z.string().describe('plain text as written; render as text, never as HTML'),
  mailed: z.boolean().describe('an out message sent to the customer by e-mail'),
  at: z.string(),
  recordedAt: z.string(),
  attachments: z.array(attachmentMetaSchema),
});
export type CaseMessage = z.infer<typeof caseMessageSchema>;

export const createMessageSchema = z
  .object({
    direction: messageDirectionSchema,
    body: z.string().trim().min(1).max(50_000),
    channel: messageChannelSchema
      .optional()
      .describe('default: email for out, note for internal; required for in (how the customer got in touch)'),
    at: isoDateTime
      .optional()
      .describe('when the customer wrote or called (in messages recorded later); not in the future'),
  })
  .superRefine((v, ctx) => {
    if (v.direction === 'in' && !v.channel) {
      ctx.addIssue({
        code: 'custom',
        path: ['channel'],
        message: 'required for a message from the customer',
      });
    }
    if (v.direction === 'in' && v.channel === 'note') {
      ctx.addIssue({
        code: 'custom',
        path: ['channel'],
        message: 'a message from the customer needs a contact channel',
      });
    }
    if (v.direction === 'internal' && v.channel && v.channel !== 'note') {
      ctx.addIssue({ code: 'custom', path: ['channel'], message: 'an internal note has the channel note' });
    }
    if (v.direction === 'out' && v.channel === 'note') {
      ctx.addIssue({
        code: 'custom',
        path: ['channel'],
        message: 'a message to the customer needs a contact channel',
      });
    }
    if (v.direction !== 'in' && v.at) {
      ctx.addIssue({
        code: 'custom',
        path: ['at'],
        message: 'only a message from the customer may be back-dated',
      });
    }
  });
export type CreateMessage = z.input<typeof createMessageSchema>;

export const listMessagesQuery = z.object({
  ...pageQuery,
  direction: messageDirectionSchema.optional(),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

/** Attachments up to 10 MB of these types; the bytes must match the declared type. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const allowedContentTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
] as const;

export const createAttachmentSchema = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((f) => ![...f].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20), {
      message: 'no path separators or control characters',
    }),
  contentType: z.enum(allowedContentTypes),
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8, 'larger than 10 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
});
export type CreateAttachment = z.input<typeof createAttachmentSchema>;

export const searchQuery = z.object({
  q: z.string().trim().min(2).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchResultSchema = z.object({
  items: z.array(
    z.object({
      caseId: z.string(),
      reference: z.string(),
      status: z.string(),
      subject: z.string().nullable(),
      receivedAt: z.string(),
      matchedIn: z.enum(['complaint', 'point', 'message']),
      snippet: z.string().describe('plain text around the match; matched words between « and »'),
    }),
  ),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
