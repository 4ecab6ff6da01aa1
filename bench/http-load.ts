import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

function post(agent: Agent, port: number, path: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Sends requests to `port`: with `rate`, an open loop at that many per second (latency as a desk
 * would see it); without, a closed loop of `concurrency` workers as fast as the server answers.
 */
export async function load(options: {
  port: number;
  path: string;
  headers?: Record<string, string>;
  body: (i: number) => string;
  seconds: number;
  concurrency: number;
  rate?: number;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const one = async () => {
    const i = sent++;
    const t0 = performance.now();
    const status = await post(agent, options.port, options.path, options.body(i), options.headers ?? {});
    latencies.push(performance.now() - t0);
    if (status !== 200) errors++;
  };
  if (options.rate) {
    const inflight = new Set<Promise<void>>();
    const interval = 1000 / options.rate;
    for (let k = 0; started + k * interval < deadline; k++) {
      const wait = started + k * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const p = one().then(() => void inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
  } else {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < deadline) await one();
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}
