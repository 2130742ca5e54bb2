/** How the console writes digests and times. */

export function shortDigest(digest: string | undefined): string {
  if (!digest) {
    return '—';
  }
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}

export function when(instant: string | undefined): string {
  if (!instant) {
    return '—';
  }
  const seconds = Math.round((Date.now() - Date.parse(instant)) / 1000);
  if (seconds < 60) {
    return 'just now';
  }
  const steps: [number, string][] = [[60, 'min'], [60, 'h'], [24, 'd'], [30, 'mo'], [12, 'y']];
  let value = seconds;
  let unit = 's';
  for (const [size, name] of steps) {
    if (value < size) {
      break;
    }
    value = Math.floor(value / size);
    unit = name;
  }
  return `${value} ${unit} ago`;
}

export function exact(instant: string | undefined): string {
  return instant ? new Date(instant).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '';
}

/** "1 wave", "3 waves". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "512 B", "1.5 MiB". */
export function bytes(count: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
