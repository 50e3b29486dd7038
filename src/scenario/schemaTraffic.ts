/**
 * The scenario's network keys: `network:` (kube-proxy mode, hop latencies, timeouts), `traffic:`
 * (flows of requests) and the `flow` expectation. schema.ts builds the expectation with its own
 * shared parts (a function, not an import of schema.ts, so the two modules do not import each other).
 *
 *   network: { proxyMode: ipvs, crossNodeLatency: 0.5ms }
 *   traffic:
 *     - { name: web, from: external, to: "http://node-1:30080", rate: 20/s,
 *         calls: [{ name: db, to: "mysql:3306" }] }
 *     - { name: rogue, from: app=rogue, to: "mysql.default.svc.cluster.local:3306", rate: 2/s }
 *   expect:
 *     - { within: 2m, flow: { name: web, successRate: { min: 0.99 }, over: 10s } }
 */
import { z } from 'zod';
import { DNS1123_LABEL } from '../manifests';
import { parseSelector, SelectorSyntaxError } from '../model';
import { parseDuration } from './duration';

/** A latency: `0.5ms`, `500us`, `2ms`, `1s` (fractions of a millisecond allowed). */
const LATENCY_PATTERN = '^\\d+(\\.\\d+)?(us|µs|ms|s)$';
const LATENCY_UNITS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000 };

/** A latency string in ms (validated by the schema). */
export function parseLatency(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(us|µs|ms|s)$/.exec(text);
  if (m === null) throw new Error(`invalid latency "${text}"`);
  return Number(m[1]) * (LATENCY_UNITS[m[2] as string] as number);
}

const latency = z
  .string()
  .regex(new RegExp(LATENCY_PATTERN), { error: 'expected a latency such as 0.5ms, 500us or 2ms' })
  .meta({ description: 'A latency such as 0.5ms, 500us or 2ms.' });

const duration = z
  .string()
  .superRefine((v, ctx) => {
    try {
      parseDuration(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
    }
  })
  .meta({ description: 'A duration such as 30s, 5m, 250ms.' });

export const networkSchema = z
  .strictObject({
    proxyMode: z.enum(['iptables', 'ipvs']).optional().meta({
      description: 'kube-proxy mode: iptables (random backend, the default) or ipvs (round robin).',
    }),
    sameNodeLatency: latency
      .optional()
      .meta({ description: 'One hop between pods on one node (default 0.05ms).' }),
    crossNodeLatency: latency
      .optional()
      .meta({ description: 'One hop across nodes over the overlay (default 0.5ms).' }),
    externalLatency: latency
      .optional()
      .meta({ description: 'From an outside client to a node (default 2ms).' }),
    serviceTime: latency
      .optional()
      .meta({ description: 'How long a backend takes to answer, on average (default 5ms).' }),
    requestTimeout: duration
      .optional()
      .meta({ description: 'How long a client waits for an answer (default 1s).' }),
  })
  .meta({ description: 'The pod network and the service proxy.' });

const RATE = /^(\d+(\.\d+)?)\/(s|m|min)$/;

/** Requests per second from `20/s`, `30/m` or a number (per second). */
export function parseRate(v: string | number): number {
  if (typeof v === 'number') return v;
  const m = RATE.exec(v) as RegExpExecArray;
  return m[3] === 's' ? Number(m[1]) : Number(m[1]) / 60;
}

const fromSchema = z
  .string()
  .superRefine((v, ctx) => {
    if (v === 'external') return;
    try {
      parseSelector(v);
    } catch (e) {
      if (!(e instanceof SelectorSyntaxError)) throw e;
      ctx.addIssue({
        code: 'custom',
        message: `invalid selector "${v}": ${e.message}`,
        params: { expected: '"external" or a pod selector such as app=tooling' },
      });
    }
  })
  .meta({
    description: '"external" (a client outside the cluster), or the pods that send, by label selector.',
  });

const flowName = z.string().max(63).regex(DNS1123_LABEL, { error: 'flow names are DNS labels, like "web"' });

export const trafficSchema = z
  .array(
    z.strictObject({
      name: flowName,
      from: fromSchema,
      namespace: z
        .string()
        .regex(DNS1123_LABEL)
        .optional()
        .meta({ description: 'Namespace of the sending pods (default "default").' }),
      to: z.string().min(1).meta({
        description:
          'A URL: http://tooling.default.svc.cluster.local:80, mysql:3306, or (from external) http://node-1:30080.',
      }),
      rate: z
        .union([
          z.number().positive(),
          z.string().regex(RATE, { error: 'expected a rate such as 20/s or 30/m' }),
        ])
        .meta({ description: 'Requests per second (20/s), per minute (30/m), or a number per second.' }),
      calls: z
        .array(z.strictObject({ name: flowName, to: z.string().min(1) }))
        .optional()
        .meta({ description: 'Downstream calls each served request makes from its backend pod.' }),
      start: duration.optional().meta({ description: 'When the flow starts (default 0).' }),
      stop: duration.optional().meta({ description: 'When it stops (default: never).' }),
      sample: z
        .number()
        .int()
        .min(0)
        .max(100)
        .optional()
        .meta({ description: 'Request records traced per second (default 1).' }),
    }),
  )
  .meta({ description: 'Traffic flows: requests per second from a client to a URL.' });

/** The `flow` expectation, over schema.ts's window fields. */
export function flowExpectationSchema<W extends z.ZodRawShape>(window: W) {
  const range = z.strictObject({ min: z.number().min(0).optional(), max: z.number().min(0).optional() });
  return z.strictObject({
    ...window,
    flow: z.strictObject({
      name: z.string().min(1).meta({ description: 'A flow name, or flow/call for a downstream call.' }),
      successRate: range.optional().meta({ description: 'Successes / requests over the window, 0..1.' }),
      requests: range.optional().meta({ description: 'Requests over the window.' }),
      p99: z
        .strictObject({ max: z.number().min(0) })
        .optional()
        .meta({ description: 'Worst p99 latency (ms) of a second in the window.' }),
      over: duration.optional().meta({ description: 'The window: the last this long (default 10s).' }),
    }),
  });
}
