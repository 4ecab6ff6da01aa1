import { Injectable, Logger } from '@nestjs/common';
import { MailDeliveryError, MailTransport } from './mail-transport';
import { MessageComposers } from './message-composers';
import { MessagesRepository } from './messages.repository';
import { MessagesErrors } from './messages.errors';
import { Language, RenderedMessage, renderMessage } from './templates';

/** A message as its recipient would see it, with the files it carries (named, not included). */
export interface MessagePreview extends RenderedMessage {
  language: Language;
  attachments: Array<{ filename: string; contentType: string; inline: boolean; size: number }>;
}

/**
 * What became of one try. `retry`: a temporary failure with tries left; the job should throw to be
 * retried. `withdrawn`: no longer wanted (its composer said why), left unsent for good.
 */
export type SendOutcome = 'sent' | 'skipped' | 'failed' | 'retry' | 'withdrawn';

/**
 * Sends one queued message: composes it from the owning library's data, renders it in the recipient's
 * language and hands it to SMTP. A temporary failure (4xx, server unreachable) is retried with backoff
 * while tries are left; a permanent one (5xx), or the last try, leaves the message `failed` with the
 * server's reason for the admin. Nothing of the body is logged.
 */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger(MessageSender.name);

  constructor(
    private readonly repository: MessagesRepository,
    private readonly composers: MessageComposers,
    private readonly transport: MailTransport,
  ) {}

  /**
   * What the message says, as it would be sent now (or was, for a sent one): subject, HTML, text and the
   * files it carries, composed from today's data; 404 when what it was about is gone.
   */
  async preview(messageId: string): Promise<MessagePreview> {
    const message = await this.repository.find(messageId);
    if (!message) throw MessagesErrors.notFound(messageId);
    const composed = await this.composers.get(message.template).compose(message);
    if (!composed) throw MessagesErrors.subjectGone(messageId);
    const rendered = renderMessage(composed.data, { edition: composed.edition, recipientName: message.recipientName, language: message.language });
    return { ...rendered, language: message.language, attachments: (composed.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, inline: Boolean(a.cid), size: Buffer.byteLength(a.content) })) };
  }

  /** `finalAttempt`: no retry follows this one. */
  async send(messageId: string, finalAttempt: boolean): Promise<SendOutcome> {
    const message = await this.repository.find(messageId);
    if (!message || message.status !== 'queued') return 'skipped';
    const composer = this.composers.get(message.template);
    const withdrawn = await composer.withdrawnBecause?.(message);
    if (withdrawn) {
      await this.repository.withdraw(messageId, `no longer needed: ${withdrawn}`);
      return 'withdrawn';
    }
    const composed = await composer.compose(message);
    if (!composed) {
      await this.repository.recordFailure(messageId, 'what the message was about no longer exists', true);
      return 'failed';
    }
    if (!(await this.repository.startAttempt(messageId))) return 'skipped';
    const rendered = renderMessage(composed.data, { edition: composed.edition, recipientName: message.recipientName, language: message.language });
    try {
      const { messageId: smtpId } = await this.transport.send({
        to: { name: message.recipientName, address: message.recipientEmail },
        ...rendered,
        language: message.language,
        attachments: composed.attachments,
        messageRef: message.id,
      });
      // Crash window: the server has accepted the message but this line has not run; a retry sends it again.
      await this.repository.markSent(messageId, smtpId);
      return 'sent';
    } catch (error) {
      if (!(error instanceof MailDeliveryError)) throw error;
      const final = finalAttempt || !error.temporary;
      await this.repository.recordFailure(messageId, error.message, final);
      this.logger.warn({ messageId, template: message.template, temporary: error.temporary, responseCode: error.responseCode, final }, 'message not accepted by the SMTP server');
      return final ? 'failed' : 'retry';
    }
  }
}
