import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobProducer, Paged } from '@fairops/core';
import { MessagesErrors } from './messages.errors';
import { MessageFilter, MessageRequest, MessagesRepository, MessageView } from './messages.repository';

/**
 * Asking for a message: the row and its `messages.send` job are written in the caller's transaction, so
 * a message exists exactly when what caused it commits, and a repeated cause (same key) sends nothing new.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly repository: MessagesRepository,
    private readonly jobs: JobProducer,
  ) {}

  /** Queues the message; answers its id, or undefined when a message with this key already exists. */
  async enqueue(manager: EntityManager, request: MessageRequest): Promise<string | undefined> {
    const id = await this.repository.insert(manager, request);
    if (id) await this.jobs.enqueue(manager, 'messages.send', { messageId: id });
    return id;
  }

  /** Queues many messages in one statement each for the rows and their jobs; answers the ids of the new ones (keys already used send nothing). */
  async enqueueMany(manager: EntityManager, requests: readonly MessageRequest[]): Promise<string[]> {
    const ids = await this.repository.insertMany(manager, requests);
    await this.jobs.enqueueMany(manager, 'messages.send', ids.map((messageId) => ({ messageId })));
    return ids;
  }

  list(filter: MessageFilter): Promise<Paged<MessageView>> {
    return this.repository.list(filter);
  }

  async get(id: string): Promise<MessageView> {
    const found = await this.repository.find(id);
    if (!found) throw MessagesErrors.notFound(id);
    const { data: _data, ...view } = found;
    return view;
  }
}
