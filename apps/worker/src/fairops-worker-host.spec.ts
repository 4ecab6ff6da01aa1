import { Job, UnrecoverableError } from 'bullmq';
import { JobHandlers } from '@fairops/core';
import { FairopsWorkerHost } from './fairops-worker-host';
import { MessageComposers } from '@fairops/messages';
import { MailProcessor } from './mail.processor';

class BadgesHost extends FairopsWorkerHost<'badges'> {
  protected readonly queue = 'badges';
  constructor(protected readonly handlers: JobHandlers<'badges'>) {
    super();
  }
}

const job = (name: string, data: unknown, attemptsMade = 0) => ({ id: '7', name, data, attemptsMade, opts: { attempts: 3 } }) as unknown as Job;

describe('the worker host: one handler per job name', () => {
  it('refuses to start when a job of its queue has no handler', () => {
    const host = new BadgesHost({ 'badges.render': async () => 'rendered' } as unknown as JobHandlers<'badges'>);
    expect(() => host.onModuleInit()).toThrow('BadgesHost: no handler for badges.forget-attendee on queue badges');
  });

  it('starts with a whole map and dispatches each job to its handler with its payload and attempt', async () => {
    const seen: unknown[] = [];
    const host = new BadgesHost({
      'badges.render': async (payload, attempt) => seen.push(['render', payload, attempt]),
      'badges.forget-attendee': async (payload) => seen.push(['forget', payload]),
    });
    expect(() => host.onModuleInit()).not.toThrow();
    await host.process(job('badges.render', { printJobId: 'p1' }, 1));
    await host.process(job('badges.forget-attendee', { attendeeId: 'a1' }));
    expect(seen).toEqual([
      ['render', { printJobId: 'p1' }, { id: '7', attemptsMade: 1, attempts: 3 }],
      ['forget', { attendeeId: 'a1' }],
    ]);
  });

  it('gives up at once on a job name it does not carry (no retry)', async () => {
    const host = new BadgesHost({ 'badges.render': async () => 1, 'badges.forget-attendee': async () => 2 });
    await expect(host.process(job('system.probe', { probeId: 'x' }))).rejects.toThrow(UnrecoverableError);
    await expect(host.process(job('nope', {}))).rejects.toThrow('unknown job nope on queue badges');
  });
});

describe('the mail worker at start', () => {
  it('refuses to start while a message template has no composer', () => {
    const composers = new MessageComposers();
    const processor = new MailProcessor({} as never, composers);
    expect(() => processor.onApplicationBootstrap()).toThrow(/no composer for the message template\(s\) ticket, already_registered, invitation/);
    const compose = async () => undefined;
    composers.register(['ticket', 'already_registered', 'invitation', 'password_reset', 'session_confirmed', 'session_waitlisted', 'session_promoted', 'jury_assigned', 'jury_reminder'], { compose });
    expect(() => processor.onApplicationBootstrap()).toThrow(/prize_won$/);
    composers.register(['prize_won'], { compose });
    expect(() => processor.onApplicationBootstrap()).not.toThrow();
  });
});
