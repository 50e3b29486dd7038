import { defaultDeployment } from '../src/manifests/defaults';
import type { Container, Deployment } from '../src/model/objects';

/**
 * A benchmark Deployment as the API server would store it (defaults from src/manifests/defaults.ts):
 * `replicas` pods of one small container (50m, 64Mi) labelled `app: <name>`, with `ports` if given.
 */
export function benchDeployment(name: string, replicas: number, ports?: Container['ports']): Deployment {
  const labels = { app: name };
  return defaultDeployment(
    { name, namespace: 'default', uid: '', creationTimestamp: 0, labels },
    {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              image: `${name}:1`,
              ...(ports === undefined ? {} : { ports }),
              resources: { requests: { cpu: '50m', memory: '64Mi' } },
            },
          ],
        },
      },
    },
  );
}
