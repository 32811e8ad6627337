// A real HTTP server on 127.0.0.1 that receives webhooks: it keeps every request (headers and raw
// body) and answers with the status codes it is told to, in order (then 200), or hangs when told.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedWebhook = { headers: Record<string, string>; body: string; at: number };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** The next answers, in order; 'hang' never answers (the sender's timeout must end it). */
  respondWith(...statuses: Array<number | 'hang'>): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  /** Forgets what was received and the answers still queued. */
  reset(): void;
  close(): Promise<void>;
};

export async function startWebhookReceiver(path = '/hook'): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const queue: Array<number | 'hang'> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      const status = queue.shift() ?? 200;
      if (status === 'hang') return;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    respondWith: (...statuses) => queue.push(...statuses),
    reset() {
      received.length = 0;
      queue.length = 0;
    },
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
