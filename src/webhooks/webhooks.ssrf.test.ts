// Which addresses a webhook may reach, the check after DNS resolution, and the pinned connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/helpers/webhook-receiver.js';
import { postWebhook } from './webhooks.http.js';
import { isNonPublicAddress, resolveTarget } from './webhooks.ssrf.js';

const closed = { allowHttp: true, allowPrivate: false };

describe('webhook target addresses', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '0.0.0.0',
    '10.0.0.1',
    '100.64.0.1',
    '169.254.169.254',
    '172.31.255.255',
    '192.168.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    '2002:c0a8:0101::1',
    'fc00::1',
    'fd12:3456:789a::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('allows the public address %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });

  it('refuses a host name that resolves to a loopback address at delivery time', async () => {
    const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];
    await expect(resolveTarget('https://hooks.example.com/in', closed, toLoopback)).rejects.toThrow(
      /private or local address/,
    );
  });

  it('refuses a host name when one of its addresses is private, even if another is public', async () => {
    const mixed = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:192.168.1.1', family: 6 },
    ];
    await expect(resolveTarget('https://hooks.example.com/in', closed, mixed)).rejects.toThrow(/private/);
  });

  it('pins the checked address when private targets are allowed', async () => {
    const target = await resolveTarget(
      'http://hooks.example.com:8080/in',
      { allowHttp: true, allowPrivate: true },
      async () => [{ address: '127.0.0.1', family: 4 }],
    );
    expect(target).toMatchObject({ address: '127.0.0.1', family: 4 });
    expect(target.url.host).toBe('hooks.example.com:8080');
  });
});

describe('the pinned connection', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  it('connects to the checked address without a second lookup and keeps the host name in Host', async () => {
    const port = new URL(receiver.url).port;
    // `.invalid` never resolves (RFC 2606): the request can only arrive through the pinned address.
    const url = new URL(`http://hooks.invalid:${port}/hook`);
    const result = await postWebhook(
      { url, address: '127.0.0.1', family: 4 },
      '{"a":1}',
      { 'webhook-id': 'msg_1' },
      {
        timeoutMs: 2000,
        userAgent: 'test',
      },
    );
    expect(result).toMatchObject({ ok: true, statusCode: 200, error: null });
    const got = receiver.received.at(-1)!;
    expect(got.headers.host).toBe(`hooks.invalid:${port}`);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.body).toBe('{"a":1}');
  });

  it('reports a non-2xx answer as a failure with its status', async () => {
    receiver.respondWith(410);
    const result = await postWebhook(
      { url: new URL(receiver.url), address: '127.0.0.1', family: 4 },
      '{}',
      {},
      {
        timeoutMs: 2000,
        userAgent: 'test',
      },
    );
    expect(result).toMatchObject({ ok: false, statusCode: 410, error: 'HTTP 410' });
  });

  it('gives up on a receiver that does not answer within the time limit', async () => {
    receiver.respondWith('hang');
    const result = await postWebhook(
      { url: new URL(receiver.url), address: '127.0.0.1', family: 4 },
      '{}',
      {},
      {
        timeoutMs: 300,
        userAgent: 'test',
      },
    );
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'timeout after 300 ms' });
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
  });
});
