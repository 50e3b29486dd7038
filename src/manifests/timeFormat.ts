/**
 * Simulated time as kubectl shows it. Times in the cluster state are integer milliseconds since the
 * start of the run; the printers place that start at a fixed instant, {@link SIMULATION_EPOCH}, so
 * that a run prints the same bytes everywhere (no wall clock, no time zone: everything is UTC).
 *
 * Calendar arithmetic is done by hand (Howard Hinnant's `civil_from_days`) because the core may not
 * use the global `Date` (DESIGN.md, principle 1).
 */

/** The instant simulated time 0 stands for, 2025-01-01T00:00:00Z (a Wednesday), in seconds since the Unix epoch. */
const SIMULATION_EPOCH_UNIX_SECONDS = 1_735_689_600;

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
const SECONDS_PER_DAY = 86_400;

/** Broken-down UTC time of a simulated instant (second precision). */
export interface CivilTime {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

/**
 * Splits simulated `ms` into a UTC calendar date and time. Sub-second parts are dropped (floored),
 * as metav1.Time keeps whole seconds on the wire.
 */
export function toCivil(ms: number): CivilTime {
  const unix = SIMULATION_EPOCH_UNIX_SECONDS + Math.floor(ms / MS_PER_SECOND);
  const days = Math.floor(unix / SECONDS_PER_DAY);
  const secs = unix - days * SECONDS_PER_DAY;
  // civil_from_days (http://howardhinnant.github.io/date_algorithms.html#civil_from_days)
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  // 1970-01-01 was a Thursday (4).
  const weekday = (((days + 4) % 7) + 7) % 7;
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
    weekday,
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * RFC 3339 in UTC with whole seconds, e.g. `2025-01-01T00:02:30Z`: the JSON form of a
 * metav1.Time (k8s.io/apimachinery/pkg/apis/meta/v1/time.go MarshalJSON uses time.RFC3339 after
 * truncating to seconds).
 */
export function toRFC3339(ms: number): string {
  const c = toCivil(ms);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}T${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}Z`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Go's time.RFC1123Z in UTC, e.g. `Wed, 01 Jan 2025 00:00:05 +0000`: the format `kubectl describe`
 * uses for Start Time, Started and Finished (k8s.io/kubectl/pkg/describe/describe.go).
 */
export function toRFC1123Z(ms: number): string {
  const c = toCivil(ms);
  const wd = WEEKDAYS[c.weekday] ?? '';
  const mon = MONTHS[c.month - 1] ?? '';
  return `${wd}, ${pad2(c.day)} ${mon} ${c.year} ${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)} +0000`;
}

/**
 * kubectl's AGE / LAST SEEN text for a duration in ms: a port of HumanDuration from
 * k8s.io/apimachinery/pkg/util/duration/duration.go. About 2-3 significant figures:
 * `45s`, `119s`, `2m30s`, `10m`, `179m`, `3h5m`, `8h`, `47h`, `2d3h`, `8d`, `729d`, `2y15d`, `8y`.
 * Up to 2 s in the future still reads as `0s` (clock skew); further is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  // Go's int(d.Seconds()) truncates toward zero.
  const seconds = Math.trunc(ms / MS_PER_SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(ms / MS_PER_MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(ms / MS_PER_HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    const y = Math.floor(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/**
 * kubectl's translateTimestampSince (K pkg/printers/internalversion/printers.go): the age of a
 * timestamp at `now`, or `<unknown>` when the timestamp is unset.
 */
export function age(timestamp: number | undefined, now: number): string {
  if (timestamp === undefined) return '<unknown>';
  return humanDuration(now - timestamp);
}
