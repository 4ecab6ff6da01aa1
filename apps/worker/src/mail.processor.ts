import { Processor } from '@nestjs/bullmq';
import { JobHandlers, isFinalAttempt } from '@fairops/core';
import { MessageSender } from '@fairops/messages';
import { FairopsWorkerHost } from './fairops-worker-host';

/** The `mail` queue: one message a job, at the configured rate (MAIL_PER_SECOND, shared by every worker). */
@Processor('mail')
export class MailProcessor extends FairopsWorkerHost<'mail'> {
  protected readonly queue = 'mail';
  protected readonly handlers: JobHandlers<'mail'> = {
    'messages.send': async ({ messageId }, attempt) => {
      const outcome = await this.sender.send(messageId, isFinalAttempt(attempt));
      // A temporary refusal with tries left: fail this run so that BullMQ tries again after the backoff.
      if (outcome === 'retry') throw new Error('the SMTP server refused the message for now; it will be tried again');
      return { outcome };
    },
  };

  constructor(private readonly sender: MessageSender) {
    super();
  }
}
