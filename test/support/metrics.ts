import { Readable } from 'node:stream';
import { PromMetrics, getMetricsFromStream } from 'prom2javascript';

export type Families = PromMetrics;

/**
 * Parses a /metrics answer with a Prometheus text-format parser (prom2javascript: it keeps a labelled
 * histogram's series apart, which parse-prometheus-text-format 1.1.1 merges into one).
 */
export function parseMetrics(text: string): Promise<Families> {
  return getMetricsFromStream(Readable.from([text]));
}

const matches = (have: Record<string, string>, want: Record<string, string>) => Object.entries(want).every(([k, v]) => have[k] === v);

/**
 * The value of a counter or gauge, summed over the series whose labels include `labels`; for a
 * histogram, its count of observations. undefined when the metric is absent, 0 when no series matches.
 */
export function metricValue(families: Families, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families[name];
  if (!family) return undefined;
  const series = (family.data as Array<{ labels: Record<string, string>; value?: number; count?: number }>).filter((m) => matches(m.labels, labels));
  return series.reduce((sum, m) => sum + Number(family.type === 'histogram' ? m.count : m.value), 0);
}

/** The label values a metric's series carry for `label`. */
export function labelValues(families: Families, name: string, label: string): string[] {
  return ((families[name]?.data ?? []) as Array<{ labels: Record<string, string> }>).map((m) => m.labels[label]);
}
