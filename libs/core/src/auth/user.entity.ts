import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role, UserLanguage } from './roles';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'citext' }) email: string;
  @Column() displayName: string;
  /** NULL for an invited user who has not chosen a password yet (a log-in is refused). */
  @Column({ type: 'text', select: false, nullable: true }) passwordHash: string | null;
  @Column({ type: 'text' }) role: Role;
  @Column({ type: 'uuid', nullable: true }) exhibitorId: string | null;
  @Column({ type: 'text', nullable: true }) organisation: string | null;
  /** The language of the user's messages; NULL: the edition's default. */
  @Column({ type: 'text', nullable: true }) language: UserLanguage | null;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
