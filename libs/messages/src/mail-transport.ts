import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@fairops/core';

/** A message ready to go: what the templates render, addressed. */
export interface OutgoingMail {
  to: { name?: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** BCP 47 language of the body: `fr`, `en`, `ar` (Content-Language). */
  language: string;
  /** Files and inline images (an inline one has a `cid` the HTML refers to as `cid:…`). */
  attachments?: Array<{ filename: string; content: Buffer | string; contentType: string; cid?: string }>;
  /** Our own id of the message, sent as a header so a bounce or a complaint can be traced to it. */
  messageRef?: string;
}

/**
 * Why a message was not accepted. `temporary`: try again later (a 4xx reply, the server unreachable,
 * the connection dropped); otherwise the server refused it for good (a 5xx reply) and retrying would
 * only be refused again.
 */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  constructor(
    message: string,
    readonly temporary: boolean,
    /** The SMTP reply code, when the server answered. */
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

/** Network failures nodemailer reports by code: the server could not be reached or went away. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH']);

/** The classification of a failed send, from nodemailer's error (its `responseCode` or `code`). */
export function deliveryError(error: unknown): MailDeliveryError {
  const e = error as { message?: string; responseCode?: number; code?: string };
  const reason = (e.message ?? String(error)).slice(0, 500);
  if (typeof e.responseCode === 'number') return new MailDeliveryError(reason, e.responseCode < 500, e.responseCode);
  return new MailDeliveryError(reason, e.code === undefined || UNREACHABLE.has(e.code));
}

/**
 * The SMTP client: one pooled nodemailer transport to `SMTP_URL`, or to the local mailbox when none is
 * configured. Every failure comes back as a `MailDeliveryError` saying whether to retry.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;
  /** Sends under way, waited for before the pool closes; `closing`: no new send starts. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = new URL(config.mail.smtpUrl ?? `smtp://127.0.0.1:${config.mail.localSmtpPort}`);
    const secure = url.protocol === 'smtps:';
    this.transporter = createTransport({
      pool: true,
      maxConnections: 2,
      host: url.hostname,
      port: Number(url.port) || (secure ? 465 : 587),
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /** Sends one message; answers the server's message id. */
  async send(mail: OutgoingMail): Promise<{ messageId: string; response: string }> {
    // A job that starts while the process stops tries again later (here after a restart, or in another worker).
    if (this.closing) throw new MailDeliveryError('the mail transport is shutting down', true);
    const sending = this.sendNow(mail);
    this.inFlight.add(sending);
    try {
      return await sending;
    } finally {
      this.inFlight.delete(sending);
    }
  }

  private async sendNow(mail: OutgoingMail): Promise<{ messageId: string; response: string }> {
    try {
      const info = await this.transporter.sendMail({
        from: this.config.mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        attachments: mail.attachments,
        headers: { 'Content-Language': mail.language, ...(mail.messageRef ? { 'X-FairOps-Message': mail.messageRef } : {}) },
      });
      return { messageId: info.messageId, response: String(info.response ?? '') };
    } catch (error) {
      throw deliveryError(error);
    }
  }

  /**
   * Closes the pool once the sends under way are done: closing it under a send leaves that send, and the
   * job waiting for it, unanswered, and the workers (closed later, at application shutdown) wait for it.
   */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
    this.transporter.close();
  }
}
