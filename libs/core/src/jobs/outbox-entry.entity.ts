import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A job waiting to be handed to BullMQ, written in the transaction of the change it follows. */
@Entity({ name: 'outbox' })
export class OutboxEntry {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() queue: string;
  @Column() jobName: string;
  @Column({ type: 'jsonb' }) payload: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) relayedAt: Date | null;
  @Column({ type: 'int', default: 0 }) relayAttempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
}
