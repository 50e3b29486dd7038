/** Scenario texts and runs for the network tests. */
import { loadScenarioText } from '../../src/scenario/loadScenario';
import { runScenario, type ScenarioRun } from '../../src/scenario/run';
import type { Scenario } from '../../src/scenario/scenario';

export const APP = `
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: web }
    spec:
      replicas: 3
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec:
          containers:
            - name: web
              image: nginx:1.27
              ports: [{ containerPort: 8080, name: http }]
              resources: { requests: { cpu: 100m, memory: 64Mi } }
  - apiVersion: v1
    kind: Service
    metadata: { name: web }
    spec:
      selector: { app: web }
      ports: [{ name: http, port: 80, targetPort: http }]
  - apiVersion: v1
    kind: Service
    metadata: { name: web-headless }
    spec:
      clusterIP: None
      selector: { app: web }
      ports: [{ name: http, port: 8080 }]
  - apiVersion: v1
    kind: Namespace
    metadata: { name: other, labels: { team: b } }
  - apiVersion: v1
    kind: Pod
    metadata: { name: probe, namespace: other, labels: { app: probe } }
    spec:
      containers: [{ name: sh, image: "busybox:1.36" }]
`;

export function scenarioText(extra = '', apply = APP): string {
  return `name: net
seed: 3
nodes:
  - { name: node-1, capacity: { cpu: "2", memory: 4Gi } }
  - { name: node-2, capacity: { cpu: "2", memory: 4Gi } }
  - { name: node-3, capacity: { cpu: "2", memory: 4Gi } }
apply:${apply}${extra}`;
}

export function load(text: string): Scenario {
  const r = loadScenarioText(text, 'net.yaml', () => {
    throw new Error('no files');
  });
  if (!r.ok) throw new Error(r.errors.map(String).join('\n'));
  return r.scenario;
}

export function errorsOf(text: string): string[] {
  const r = loadScenarioText(text, 'net.yaml', () => {
    throw new Error('no files');
  });
  return r.ok ? [] : r.errors.map(String);
}

export function run(text: string, until: number): ScenarioRun {
  return runScenario(load(text), { until });
}
