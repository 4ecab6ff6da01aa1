import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';

/** Seconds: a scan answers in a few milliseconds; imports and bulk sheets take seconds to minutes. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180, 600];

/** A row of a figure read from PostgreSQL at scrape time: its labels and its value. */
export interface LabelledValue<L extends string> {
  labels: Record<L, string>;
  value: number;
}

/**
 * The process's Prometheus metrics, in a registry of its own (not prom-client's global one, so that
 * several apps in one test process do not share figures).
 *
 * Figures the database already holds (scans, check-ins, registrations, print jobs, imports, queue
 * counts, outbox lag) are read when Prometheus scrapes, never counted on the hot path: a scan costs
 * nothing more with metrics on than off, besides the HTTP timing. A figure whose query fails is left
 * out of that scrape and counted in `fairops_metrics_collect_failures_total`, so the scrape still answers.
 * Those reads run one at a time, so a scrape never takes more than one of the pool's connections
 * from the requests being served.
 */
@Injectable()
export class Metrics {
  private readonly logger = new Logger(Metrics.name);
  readonly registry = new Registry();
  /** Served at all: a token or a port of its own is configured. */
  readonly enabled: boolean;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly httpChildren = new Map<string, { observe(value: number): void }>();
  private readonly jobDuration: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly collectFailures: Counter<'collector'>;
  private lastFailureLog = 0;
  /** The reads of a scrape run one after another: a scrape holds at most one pooled connection at a time. */
  private reads: Promise<unknown> = Promise.resolve();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = Boolean(config.metrics.token || config.metrics.port);
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'fairops_http_request_duration_seconds',
      help: 'HTTP requests by method, route template (not the raw path: ids would explode the series) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_BUCKETS,
      registers: [this.registry],
    });
    this.jobDuration = new Histogram({
      name: 'fairops_job_duration_seconds',
      help: 'Time a worker spent on a job, from start to completion or failure, by queue, job name and outcome',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: JOB_BUCKETS,
      registers: [this.registry],
    });
    this.collectFailures = new Counter({
      name: 'fairops_metrics_collect_failures_total',
      help: 'Scrapes in which a figure read from PostgreSQL or the job backend could not be read (left out of that scrape)',
      labelNames: ['collector'],
      registers: [this.registry],
    });
  }

  /** One HTTP request. The child series is cached per label set: the scan path pays a map look-up and an observe. */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let child = this.httpChildren.get(key);
    if (!child) {
      child = this.httpDuration.labels(method, route, String(status));
      this.httpChildren.set(key, child);
    }
    child.observe(seconds);
  }

  observeJob(queue: string, job: string, outcome: 'completed' | 'failed', seconds: number): void {
    this.jobDuration.labels(queue, job, outcome).observe(seconds);
  }

  /**
   * A gauge (or, with `counter`, a counter: a count of rows that only grows) whose values are read by
   * `read` at each scrape. The series are replaced on every scrape, so a label set that disappears
   * from the rows disappears from the output.
   */
  fromQuery<L extends string>(options: {
    name: string;
    help: string;
    labelNames: readonly L[];
    read: () => Promise<Array<LabelledValue<L>>>;
    counter?: boolean;
  }): void {
    const collector = options.name;
    const guard = async (apply: (rows: Array<LabelledValue<L>>) => void, reset: () => void) => {
      try {
        const rows = await this.oneAtATime(options.read);
        reset();
        apply(rows);
      } catch (error) {
        reset();
        this.collectFailures.inc({ collector });
        if (Date.now() - this.lastFailureLog > 10000) {
          this.lastFailureLog = Date.now();
          this.logger.warn({ collector, err: { message: (error as Error).message } }, 'a metric could not be read; left out of this scrape');
        }
      }
    };
    if (options.counter) {
      new Counter<L>({
        name: options.name,
        help: options.help,
        labelNames: options.labelNames,
        registers: [this.registry],
        async collect() {
          await guard((rows) => rows.forEach((r) => this.inc(r.labels as never, r.value)), () => this.reset());
        },
      });
    } else {
      new Gauge<L>({
        name: options.name,
        help: options.help,
        labelNames: options.labelNames,
        registers: [this.registry],
        async collect() {
          await guard((rows) => rows.forEach((r) => this.set(r.labels as never, r.value)), () => this.reset());
        },
      });
    }
  }

  private oneAtATime<T>(read: () => Promise<T>): Promise<T> {
    const run = this.reads.then(read, read);
    this.reads = run.catch(() => undefined);
    return run;
  }

  /** The text exposition of every metric of this process. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: spellNaN(await this.registry.metrics()) };
  }
}

/**
 * prom-client writes a NaN sample as `Nan` (the event-loop lag mean is NaN when no delay was sampled since
 * the last scrape); the text format spells it `NaN`, and strict parsers refuse anything else.
 */
export function spellNaN(exposition: string): string {
  return exposition.replace(/ Nan$/gm, ' NaN');
}
