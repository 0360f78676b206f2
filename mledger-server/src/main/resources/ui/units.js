// Human-readable sizes and ages for tables; the exact value goes into the cell's title.
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function fmtBytes(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0)) + ' ' + UNITS[unit];
}

export function fmtAge(ms, now = Date.now()) {
  if (!ms) return '—';
  const seconds = Math.max(0, (now - Number(ms)) / 1000);
  const steps = [[60, 's'], [60, 'min'], [24, 'h'], [7, 'd'], [Infinity, 'w']];
  let value = seconds;
  for (const [size, unit] of steps) {
    if (value < size) return Math.floor(value) + ' ' + unit + ' ago';
    value /= size;
  }
  return '—';
}
