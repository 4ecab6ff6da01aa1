import { Readable } from 'node:stream';
import { PromMetrics, getMetricsFromStream } from 'prom2javascript';

export type Families = PromMetrics;

/** A sample line whose value is NaN, as the text format spells it: `name{labels} NaN [timestamp]`. */
const NAN_SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? NaN( -?\d+)?$/;

/**
 * Parses a /metrics answer with a Prometheus text-format parser (prom2javascript: it keeps a labelled
 * histogram's series apart, which parse-prometheus-text-format 1.1.1 merges into one).
 * prom2javascript refuses NaN, which the format allows (the event-loop lag mean is NaN when no delay was
 * sampled since the last scrape): such lines are checked for shape here and left out of the families.
 */
export function parseMetrics(text: string): Promise<Families> {
  const lines = text.split('\n').filter((line) => !NAN_SAMPLE.test(line));
  return getMetricsFromStream(Readable.from([lines.join('\n')]));
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
