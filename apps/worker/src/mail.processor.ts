import { Processor } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { JobHandlers, isFinalAttempt } from '@fairops/core';
import { MessageComposers, MessageSender } from '@fairops/messages';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `mail` queue: one message a job, at the configured rate (MAIL_PER_SECOND, shared by every worker). */
@Processor('mail')
export class MailProcessor extends FairopsWorkerHost<'mail'> implements OnApplicationBootstrap {
  protected readonly queue = 'mail';
  protected readonly handlers: JobHandlers<'mail'> = {
    'messages.send': async ({ messageId }, attempt) => {
      const outcome = await this.sender.send(messageId, isFinalAttempt(attempt));
      // A temporary refusal with tries left: fail this run so that BullMQ tries again after the backoff.
      if (outcome === 'retry') throw new Error('the SMTP server refused the message for now; it will be tried again');
      return { outcome };
    },
  };

  constructor(
    private readonly sender: MessageSender,
    private readonly composers: MessageComposers,
  ) {
    super();
  }

  /** Every template has its composer once every module has started: a gap fails the start, not the fair's morning. */
  onApplicationBootstrap(): void {
    const missing = this.composers.missing();
    if (missing.length) throw new Error(`MailProcessor: no composer for the message template(s) ${missing.join(', ')}`);
  }
}
