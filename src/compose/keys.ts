/**
 * The keys of the compose specification (https://github.com/compose-spec/compose-spec/blob/main/spec.md,
 * and 05-services.md for services), so the loader can tell three cases apart: a key Flotilla
 * models, a valid key it does not model (a located warning: "ignored"), and a key Compose does not
 * know (a located warning with a "did you mean" hint). `x-` extensions are ignored silently.
 */
import type { FieldPath } from '../model';
import { type Checker, closest } from '../manifests';

/** Top-level keys. `version` is obsolete (Compose v2 ignores it with a warning). */
export const TOP_LEVEL_KEYS = [
  'version',
  'name',
  'services',
  'networks',
  'volumes',
  'configs',
  'secrets',
  'include',
  'models',
];

/** Service keys Flotilla reads (see loadService.ts). */
export const SERVICE_MODELLED = [
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  'expose',
  'volumes',
  'tmpfs',
  'depends_on',
  'restart',
  'healthcheck',
  'deploy',
  'scale',
  'networks',
  'container_name',
  'hostname',
  'labels',
  'profiles',
  'stop_grace_period',
  'cpus',
  'mem_limit',
  'mem_reservation',
];

/** Every other service key of the compose specification (valid, not modelled). */
export const SERVICE_UNMODELLED = [
  'annotations',
  'attach',
  'blkio_config',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'configs',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpuset',
  'credential_spec',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'driver_opts',
  'extends',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'init',
  'ipc',
  'isolation',
  'label_file',
  'links',
  'logging',
  'mac_address',
  'mem_swappiness',
  'memswap_limit',
  'models',
  'network_mode',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'post_start',
  'pre_stop',
  'privileged',
  'provider',
  'pull_policy',
  'read_only',
  'runtime',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tty',
  'ulimits',
  'use_api_socket',
  'user',
  'userns_mode',
  'uts',
  'volumes_from',
  'working_dir',
];

/**
 * Warns about every key of `m` that is not in `known` (unknown to Compose, with a hint), and about
 * those in `unmodelled` (valid but ignored). Keys starting with `x-` are extensions: silent.
 */
export function warnUnknownKeys(
  c: Checker,
  m: Record<string, unknown>,
  path: FieldPath,
  known: readonly string[],
  unmodelled: readonly string[] = [],
): void {
  for (const k of Object.keys(m)) {
    if (k.startsWith('x-')) continue;
    if (unmodelled.includes(k)) {
      c.warnings.push(
        c.loc.keyError([...path, k], 'not modelled by Flotilla: ignored', undefined, 'warning'),
      );
    } else if (!known.includes(k) && !unmodelled.includes(k)) {
      const hint = closest(k, [...known, ...unmodelled]);
      c.warnings.push(
        c.loc.keyError(
          [...path, k],
          `unknown field "${k}": ignored`,
          hint === undefined ? undefined : `"${hint}"`,
          'warning',
        ),
      );
    }
  }
}
