// The webhook benchmark's receiver, run as its own process (so it does not share the event loop of
// the worker it measures): answers 200 to every POST and reports each arrival — webhook-id, the
// event's customerId and the arrival time on the machine's clock (timeOrigin + now, comparable
// across processes) — to the parent over IPC, in batches.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type Arrival = { at: number; customerId: string; msgId: string };
let pending: Arrival[] = [];
const flush = () => {
  if (pending.length > 0) process.send?.({ arrivals: pending });
  pending = [];
};
setInterval(flush, 50);

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const at = performance.timeOrigin + performance.now();
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { customerId: string } };
    pending.push({ at, customerId: body.data.customerId, msgId: String(req.headers['webhook-id']) });
    res.writeHead(200).end();
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', (m: { stop?: boolean }) => {
  if (m.stop) {
    flush();
    process.exit(0);
  }
});
