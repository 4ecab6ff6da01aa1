import { Injectable } from '@nestjs/common';
import { OutgoingMail } from './mail-transport';
import { MessageToSend } from './messages.repository';
import { EditionFacts, MessageData, TEMPLATES, TemplateName } from './templates';

/** What a composer gives the sender: the template's data, the edition, and any files to attach. */
export interface ComposedMessage {
  data: MessageData;
  edition: EditionFacts;
  attachments?: OutgoingMail['attachments'];
}

/**
 * Builds a message's content from the ids its row holds, reading the owning library's data at send
 * time (a job carries ids only). Returns undefined when what the message was about is gone (erased,
 * cancelled): the message is then dropped as failed, not retried.
 */
export interface MessageComposer {
  compose(message: MessageToSend): Promise<ComposedMessage | undefined>;
  /**
   * Why the message is no longer wanted, checked when its turn to be sent comes (a reminder to do what
   * has been done meanwhile); undefined when it is still wanted. The message is then withdrawn, not sent.
   */
  withdrawnBecause?(message: MessageToSend): Promise<string | undefined>;
}

/**
 * Which library composes which template. Each library registers its composers when its module starts;
 * a process that sends mail checks at start that every template has one, so a template nobody composes
 * fails at start-up, not on the fair's morning.
 */
@Injectable()
export class MessageComposers {
  private readonly composers = new Map<TemplateName, MessageComposer>();

  register(templates: readonly TemplateName[], composer: MessageComposer): void {
    for (const template of templates) {
      if (this.composers.has(template)) throw new Error(`two composers for the message template ${template}`);
      this.composers.set(template, composer);
    }
  }

  get(template: string): MessageComposer {
    const composer = this.composers.get(template as TemplateName);
    if (!composer) throw new Error(`no composer for the message template ${template}`);
    return composer;
  }

  /** The templates without a composer (none, once every library has registered). */
  missing(): TemplateName[] {
    return TEMPLATES.filter((t) => !this.composers.has(t));
  }
}
