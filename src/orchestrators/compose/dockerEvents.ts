/**
 * Docker's events (`docker events`: `container die <id> (exitCode=1, image=..., name=...)`), as
 * trace events from the `dockerd` of the host. The reason is Docker's action (`create`, `start`,
 * `die`, `oom`, `health_status: healthy`, `pull`), the object the container (or image, network).
 */
import { type DockerContainer, type EventIntent, fnv32a } from '../../model';

/** A 12-hex-digit container ID as `docker ps` shows it, derived from the pod's uid. */
export function shortId(uid: string): string {
  const a = fnv32a(uid).toString(16).padStart(8, '0');
  const b = fnv32a(uid, 0x2545f491).toString(16).padStart(8, '0');
  return `${a}${b}`.slice(0, 12);
}

/** Attributes as Docker prints them: sorted by key, `key=value` joined by ", ". */
function attrs(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${k}=${values[k]}`)
    .join(', ');
}

/** An event about a container. */
export function containerEvent(
  rec: DockerContainer,
  uid: string,
  action: string,
  extra: Record<string, string> = {},
  type: 'Normal' | 'Warning' = 'Normal',
): EventIntent {
  const a = attrs({ image: rec.image, name: rec.name, ...extra });
  return {
    op: 'event',
    object: { kind: 'Container', namespace: 'default', name: rec.name, uid },
    type,
    reason: action,
    message: `container ${action} ${shortId(uid)} (${a})`,
    source: { component: 'dockerd', host: rec.host },
  };
}

/** An event about an image, a network or a volume on a host. */
export function hostObjectEvent(
  host: string,
  kind: 'Image' | 'Network' | 'Volume',
  name: string,
  action: string,
  extra: Record<string, string> = {},
): EventIntent {
  return {
    op: 'event',
    object: { kind, name, uid: `${host}/${kind.toLowerCase()}/${name}` },
    type: 'Normal',
    reason: action,
    message: `${kind.toLowerCase()} ${action} ${name}${Object.keys(extra).length > 0 ? ` (${attrs(extra)})` : ''}`,
    source: { component: 'dockerd', host },
  };
}
