// One webhook POST: JSON body, the signature headers, connected to the address that was checked
// (the URL's host name still goes into Host and TLS SNI, so certificates are verified as usual),
// no redirects followed, a time limit for the whole exchange. 2xx is success; anything else,
// a timeout or a network error is a failure with its reason. Connections are kept alive per
// checked address and host name (a reused socket goes to the address that was checked when it was
// opened), which saves a TCP and TLS handshake per delivery.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './webhooks.ssrf.js';

const agents = new Map<string, http.Agent>();

function agentFor(target: ResolvedTarget): http.Agent {
  const key = `${target.url.protocol}//${target.url.host}@${target.address}`;
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= 256) {
      for (const a of agents.values()) a.destroy();
      agents.clear();
    }
    const options = { keepAlive: true, maxSockets: 8, maxFreeSockets: 2, timeout: 30_000 };
    agent = target.url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

export type PostResult = { ok: boolean; statusCode: number | null; durationMs: number; error: string | null };

/** Answers the one checked address to every lookup the socket makes (no second DNS query). */
function pinnedLookup(target: ResolvedTarget): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

export async function postWebhook(
  target: ResolvedTarget,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; signal?: AbortSignal; userAgent: string },
): Promise<PostResult> {
  const started = performance.now();
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  const signal = AbortSignal.any(signals);
  const { url } = target;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<PostResult>((resolve) => {
    const done = (statusCode: number | null, error: string | null) =>
      resolve({
        ok: error === null && statusCode !== null && statusCode >= 200 && statusCode < 300,
        statusCode,
        durationMs: Math.round(performance.now() - started),
        error,
      });
    const req = lib.request(
      url,
      {
        method: 'POST',
        lookup: pinnedLookup(target),
        signal,
        agent: agentFor(target),
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': options.userAgent,
        },
      },
      (res) => {
        // The answer's body is not needed; read (and drop) at most 64 KiB so the socket closes cleanly.
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        const code = res.statusCode ?? null;
        const reason = code !== null && code >= 200 && code < 300 ? null : `HTTP ${code}`;
        res.on('end', () => done(code, reason));
        res.on('close', () => done(code, reason));
        res.on('error', () => done(code, reason));
      },
    );
    req.on('error', (err) => {
      const timedOut = signals[0].aborted;
      done(null, timedOut ? `timeout after ${options.timeoutMs} ms` : err.message || String(err));
    });
    req.end(body);
  });
}
