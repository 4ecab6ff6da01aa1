import { coreFail as fail } from '../errors/core.errors';

export const JobErrors = {
  notFailed: (id: string, state: string) => fail('job_not_failed', 'conflict', `job ${id} is ${state}; only a failed job can be retried`, { state }),
  active: (id: string, state: string) => fail('job_active', 'conflict', `job ${id} is running; wait until it has finished`, { state }),
  queueNotFound: (name: string) => fail.notFound('queue_not_found', 'queue', name),
  jobNotFound: (id: string) => fail.notFound('job_not_found', 'job', id),
  probeNotFound: (id: string) => fail.notFound('job_probe_not_found', 'job probe', id),
};
