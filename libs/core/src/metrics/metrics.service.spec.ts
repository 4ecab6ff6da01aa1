import { Gauge } from 'prom-client';
import { parseMetrics } from '../../../../test/support/metrics';
import { loadConfig } from '../config/app-config';
import { Metrics } from './metrics.service';

describe('Metrics exposition', () => {
  it('spells a NaN sample as the text format does, so a strict parser reads every line', async () => {
    const metrics = new Metrics(loadConfig({}));
    const gauge = new Gauge({ name: 'fairops_test_unsampled', help: 'a figure with no sample yet', registers: [metrics.registry] });
    gauge.set(Number.NaN);
    const { body } = await metrics.exposition();
    expect(body).toMatch(/^fairops_test_unsampled NaN$/m);
    expect(body).not.toMatch(/ Nan$/m);
    const families = await parseMetrics(body);
    expect(families.fairops_test_unsampled?.data ?? []).toEqual([]);
    expect(families.process_cpu_user_seconds_total.data.length).toBe(1);
  });
});
