/**
 * `flotilla netpol FILE [--at T] [--port P] [--protocol TCP|UDP|SCTP] [--json]`: the pod-to-pod
 * reachability matrix NetworkPolicy allows at time T (default: the end of the run); rows are the
 * sources, columns the destinations. `--json` prints
 * `{"port", "protocol", "pods": ["ns/name", ...], "matrix": {"ns/from": {"ns/to": true|false}}}`.
 */
import type { Protocol } from '../model';
import { formatNetpolMatrix, netpolMatrix } from '../network';
import { runScenario } from '../scenario';
import { EXIT, loadOrReport, type Output } from './io';

export interface NetpolOptions {
  at?: number;
  seed?: number;
  port?: number;
  protocol: Protocol;
  json: boolean;
}

/** Checks `--port` and `--protocol`; returns an error message or the values. */
export function parseNetpolFlags(
  port: string | undefined,
  protocol: string | undefined,
): { port?: number; protocol: Protocol } | string {
  const proto = (protocol ?? 'TCP').toUpperCase();
  if (proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP')
    return `--protocol: expected TCP, UDP or SCTP, got "${protocol}"`;
  if (port === undefined) return { protocol: proto };
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    return `--port: expected a port from 1 to 65535, got "${port}"`;
  return { port: Number(port), protocol: proto };
}

export function netpolCommand(file: string, options: NetpolOptions, io: Output): number {
  const scenario = loadOrReport(file, io, true);
  if (!scenario) return EXIT.invalid;
  const run = runScenario(scenario, {
    journal: false,
    ...(options.at === undefined ? {} : { until: options.at }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const m = netpolMatrix(run.sim.state, options.port, options.protocol);
  io.out(options.json ? JSON.stringify(m) : formatNetpolMatrix(m).trimEnd());
  return EXIT.ok;
}
