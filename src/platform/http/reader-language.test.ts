import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localizeIssueMessage, requestLang } from './reader-language.js';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues as unknown as Array<{ code: string; message: string }>;
};

describe('validation messages in the reader language', () => {
  it('takes German only when the first language asked for is German', () => {
    expect(requestLang('de-DE,de;q=0.9')).toBe('de');
    expect(requestLang('en-GB,de;q=0.8')).toBe('en');
    expect(requestLang(undefined)).toBe('en');
  });

  it("renders Zod's own wording in German and keeps the received type of a wrong type", () => {
    const [tooShort] = issuesOf(z.string().min(3), 'ab');
    expect(localizeIssueMessage(tooShort, 'de')).toBe('Zu klein: erwartet, dass string >=3 Zeichen hat');
    const [wrongType] = issuesOf(z.string(), 42);
    expect(wrongType.message).toBe('Invalid input: expected string, received number');
    expect(localizeIssueMessage(wrongType, 'de')).toBe('Ungültige Eingabe: erwartet string, erhalten number');
  });

  it('leaves a message the schema wrote itself and every English message unchanged', () => {
    const [custom] = issuesOf(z.string().regex(/^a/, 'must start with a'), 'b');
    expect(localizeIssueMessage(custom, 'de')).toBe('must start with a');
    const [tooShort] = issuesOf(z.string().min(3), 'ab');
    expect(localizeIssueMessage(tooShort, 'en')).toBe(tooShort.message);
  });
});
