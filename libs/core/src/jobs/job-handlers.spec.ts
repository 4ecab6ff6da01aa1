import { JobHandlers, isFinalAttempt, missingHandlers, recordingFinalFailure } from './job-handlers';

describe('typed job handlers', () => {
  it('names the jobs of a queue that a handler map lacks', () => {
    expect(missingHandlers('imports', { 'exhibitors.import': async () => undefined })).toEqual(['attendees.import']);
    expect(missingHandlers('badges', {})).toEqual(['badges.render', 'badges.forget-attendee']);
    // Another queue's job does not stand in for one of this queue's.
    expect(missingHandlers('awards', { 'system.probe': async () => undefined })).toEqual(['awards.render-certificate']);
    expect(missingHandlers('awards', { 'awards.render-certificate': async () => undefined })).toEqual([]);
  });

  it('types the map by queue: a missing handler or a wrong payload does not compile', () => {
    // @ts-expect-error: attendees.import has no handler
    const incomplete: JobHandlers<'imports'> = { 'exhibitors.import': async () => undefined };
    const typed: JobHandlers<'awards'> = {
      // @ts-expect-error: the payload of awards.render-certificate has no importId
      'awards.render-certificate': async ({ importId }) => importId,
    };
    expect([incomplete, typed]).toHaveLength(2);
  });

  it('knows the final attempt', () => {
    expect(isFinalAttempt({ attemptsMade: 0, attempts: 3 })).toBe(false);
    expect(isFinalAttempt({ attemptsMade: 1, attempts: 3 })).toBe(false);
    expect(isFinalAttempt({ attemptsMade: 2, attempts: 3 })).toBe(true);
    expect(isFinalAttempt({ attemptsMade: 0, attempts: 1 })).toBe(true);
  });

  it('records a failure on the final attempt only, then fails as before', async () => {
    const recorded: string[] = [];
    const handler = recordingFinalFailure<'badges.render'>(
      async () => {
        throw new Error('printer on fire');
      },
      async ({ printJobId }) => recorded.push(printJobId),
    );
    await expect(handler({ printJobId: 'p1' }, { attemptsMade: 0, attempts: 3 })).rejects.toThrow('printer on fire');
    expect(recorded).toEqual([]);
    await expect(handler({ printJobId: 'p1' }, { attemptsMade: 2, attempts: 3 })).rejects.toThrow('printer on fire');
    expect(recorded).toEqual(['p1']);
  });

  it('passes a success through untouched', async () => {
    const handler = recordingFinalFailure<'system.probe'>(async ({ probeId }) => ({ marked: probeId }), async () => {
      throw new Error('not called');
    });
    await expect(handler({ probeId: 'x' }, { attemptsMade: 2, attempts: 3 })).resolves.toEqual({ marked: 'x' });
  });
});
