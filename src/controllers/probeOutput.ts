/**
 * What a failed probe reports, per probe handler (HTTP, TCP, gRPC, exec), as the kubelet's prober
 * words it (the Unhealthy event's message).
 */
import type { AppFailureCause, Container, Pod, Probe } from '../model';

/** The container port a probe names (a number, or the name of one of the container's ports). */
function portOf(spec: Container, port: number | string): string {
  if (typeof port === 'number') return String(port);
  const named = spec.ports?.find((p) => p.name === port);
  return named !== undefined ? String(named.containerPort) : port;
}

/**
 * What the kubelet's prober reports for a failure (K pkg/probe/http, tcp, grpc, exec): connection
 * refused while the app is not listening yet, a timeout while it hangs, a 503 (or NOT_SERVING)
 * while it says it is not ready. An exec probe's output is the command's own; the simulator
 * writes what the command would have said.
 */
export function failureOutput(
  pod: Pod,
  spec: Container,
  p: Probe,
  cause: AppFailureCause,
  timeoutMs: number,
): string {
  const ip = pod.status.podIP ?? '10.244.0.2';
  const secs = `${timeoutMs / 1000}s`;
  if (p.httpGet !== undefined) {
    const host = p.httpGet.host ?? ip;
    const port = portOf(spec, p.httpGet.port);
    const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${p.httpGet.path ?? '/'}`;
    if (cause === 'starting') return `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`;
    if (cause === 'hung')
      return `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
    return 'HTTP probe failed with statuscode: 503';
  }
  if (p.tcpSocket !== undefined) {
    const host = p.tcpSocket.host ?? ip;
    const port = portOf(spec, p.tcpSocket.port);
    return cause === 'hung'
      ? `dial tcp ${host}:${port}: i/o timeout`
      : `dial tcp ${host}:${port}: connect: connection refused`;
  }
  if (p.grpc !== undefined) {
    const addr = `${ip}:${p.grpc.port}`;
    if (cause === 'starting') return `timeout: failed to connect service "${addr}" within ${secs}`;
    if (cause === 'hung') return `timeout: health rpc did not complete within ${secs}`;
    return 'service unhealthy (responded with "NOT_SERVING")';
  }
  const cmd = (p.exec?.command ?? []).join(' ');
  if (cause === 'hung') return `command "${cmd}" timed out`;
  return `command "${cmd}" exited with code 1`;
}
