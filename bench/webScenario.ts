/** The generated scenarios of `npm run bench:web` (also used by the lab's unit tests). */
export interface Size {
  nodes: number;
  pods: number;
  traffic: boolean;
}

/** A scenario with `nodes` nodes and a Deployment of `pods` replicas; one node fails at 30 s. */
export function benchScenario({ nodes, pods, traffic }: Size): string {
  const lines = [
    `name: bench-${nodes}-${pods}`,
    `title: Benchmark, ${nodes} nodes and ${pods} pods`,
    'seed: 1',
    'nodes:',
    ...Array.from(
      { length: nodes },
      (_, i) => `  - { name: node-${i + 1}, capacity: { cpu: "32", memory: 128Gi, pods: 110 } }`,
    ),
    'settings: { nodeMonitorGracePeriod: 20s, defaultTolerationSeconds: 10, imagePullTime: 2s }',
    'apply:',
    '  - apiVersion: apps/v1',
    '    kind: Deployment',
    '    metadata: { name: web }',
    '    spec:',
    `      replicas: ${pods}`,
    '      selector: { matchLabels: { app: web } }',
    '      template:',
    '        metadata: { labels: { app: web } }',
    '        spec:',
    '          containers:',
    '            - { name: web, image: "nginx:1.27", ports: [{ containerPort: 80 }], resources: { requests: { cpu: 100m, memory: 64Mi } } }',
  ];
  if (traffic)
    lines.push(
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata: { name: web }',
      '    spec: { type: NodePort, selector: { app: web }, ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] }',
      'traffic:',
      '  - { name: visitors, from: external, to: "http://node-2:30080/", rate: 50/s, start: 10s }',
    );
  lines.push(
    'timeline:',
    '  - { at: 30s, action: failNode, node: node-1, say: "node-1 loses power." }',
    'duration: 120s',
  );
  return `${lines.join('\n')}\n`;
}
