/**
 * The trace record of one sampled request (`type: 'request'`), which the browser animates and
 * `flotilla explain`-style readers show: what the name resolved to, the Service, the endpoint that
 * served it, the nodes crossed, the policy verdict, the outcome and the latency.
 */
import type { FailureCause } from '../model';
import { pathOf, type Plan, type RequestSender } from './sendRequest';

/** The downstream calls' outcomes of a request, as its record lists them. */
export type RequestRecordCalls = { name: string; ok: boolean; cause?: FailureCause }[];

/** A latency in ms as the trace keeps it: three decimals (a microsecond). */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The trace record of one sampled request: what it resolved, which endpoint served it, the nodes crossed, the policy verdict. */
export function requestRecord(
  flow: string,
  to: string,
  id: number,
  sent: RequestSender,
  plan: Plan,
  now: number,
  calls: RequestRecordCalls | undefined,
): Record<string, unknown> {
  const client = plan.client;
  const dnsAnswer = plan.route.dns;
  const svc = plan.svc;
  const r = {
    dns:
      dnsAnswer === undefined
        ? undefined
        : {
            query: plan.target.host,
            answer: dnsAnswer.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : dnsAnswer.addresses,
            tried: dnsAnswer.tried.length,
          },
    service: svc === undefined ? undefined : `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`,
    backend: sent.backend,
    nodes: pathOf(plan, sent.backend),
    crossNode: sent.crossNode,
    policy: sent.policy,
  };
  const ok = sent.ok;
  const cause = sent.cause;
  const latencyMs = sent.latency;
  const p = r.policy;
  const denied = p === undefined || p.allowed ? undefined : !p.egress.allowed ? p.egress : p.ingress;
  return {
    t: now,
    type: 'request',
    flow,
    id,
    client: client.kind === 'pod' ? client.key : `external ${client.ip}`,
    to,
    ...(r.dns === undefined ? {} : { dns: r.dns }),
    ...(r.service === undefined ? {} : { service: r.service }),
    ...(r.backend === undefined
      ? {}
      : {
          endpoint: {
            ip: r.backend.ip,
            port: r.backend.port,
            ...(r.backend.pod ? { pod: `${r.backend.pod.namespace}/${r.backend.pod.name}` } : {}),
            ...(r.backend.nodeName ? { node: r.backend.nodeName } : {}),
          },
        }),
    nodes: r.nodes,
    crossNode: r.crossNode,
    ...(p === undefined
      ? {}
      : {
          policy: {
            verdict: p.allowed ? 'allowed' : 'dropped',
            ...(denied === undefined
              ? {}
              : {
                  isolatedBy: `${denied === p.egress ? 'egress' : 'ingress'} of ${denied.pod ?? '?'}`,
                  policies: denied.policies,
                }),
            ...(p.egress.isolated ? { egress: p.egress.allowedBy ?? null } : {}),
            ...(p.ingress.isolated ? { ingress: p.ingress.allowedBy ?? null } : {}),
          },
        }),
    outcome: ok ? 'success' : cause,
    latencyMs: round3(latencyMs),
    ...(calls === undefined ? {} : { calls }),
  };
}
