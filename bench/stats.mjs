// Small statistics for the benchmark: percentiles and medians of samples in ms.
export function percentile(samples, p) {
  if (!samples.length) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(values) {
  const present = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  return present.length ? percentile(present, 50) : undefined;
}

export function summary(samples) {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: percentile(samples, 100) };
}

/** Medians, metric by metric, of several runs' flat records (numbers; lists are kept run by run; others from the first run). */
export function medianOfRuns(runs) {
  if (!runs.length) return undefined;
  const out = {};
  for (const key of Object.keys(runs[0])) {
    const values = runs.map((r) => r[key]);
    out[key] = typeof values[0] === 'number' || values[0] === undefined ? median(values) : Array.isArray(values[0]) ? values : values[0];
  }
  out.runs = runs.length;
  return out;
}
