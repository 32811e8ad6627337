// A real SMTP server on a free loopback port that keeps every message it receives, parsed.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TestSmtp = {
  url: string;
  port: number;
  messages: ParsedMail[];
  stop(): Promise<void>;
  start(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
};

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  let boundPort = port;
  const start = async () => {
    server = new SMTPServer({
      authOptional: true,
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((m) => {
            messages.push(m);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => server!.listen(boundPort, '127.0.0.1', () => resolve()));
    boundPort = ((server as any).server.address() as AddressInfo).port;
  };
  await start();
  const self: TestSmtp = {
    get url() {
      return `smtp://127.0.0.1:${boundPort}`;
    },
    get port() {
      return boundPort;
    },
    messages,
    start,
    async stop() {
      if (server) await new Promise<void>((r) => server!.close(() => r()));
      server = null;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      return messages;
    },
  };
  return self;
}
