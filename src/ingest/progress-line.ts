function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "300/1,000 pages done, 2 failed, 45.0/s, 16 s left": what long work reports, bar or not. */
export function progressLine(
  unit: string,
  done: number,
  total: number,
  failed: number,
  seconds: number,
): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 && total >= done ? duration((total - done) / rate) : "?";
  return `${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} ${unit} done, ${failed} failed, ${rate.toFixed(1)}/s, ${left} left`;
}
