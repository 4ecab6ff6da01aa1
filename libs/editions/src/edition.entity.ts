import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, ManyToOne, JoinColumn, PrimaryColumn } from 'typeorm';

/** One edition of the fair: every other record belongs to one. */
@Entity({ name: 'editions' })
export class Edition {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() slug: string;
  @Column() name: string;
  @Column({ type: 'int' }) editionNumber: number;
  @Column({ type: 'text', nullable: true }) theme: string | null;
  @Column() venue: string;
  @Column() city: string;
  @Column({ type: 'char', length: 2 }) country: string;
  /** IANA zone; local times are converted with it, never with a fixed offset. */
  @Column() timeZone: string;
  /** Public self-registration opens then; null: as soon as the edition exists. */
  @Column({ type: 'timestamptz', nullable: true }) registrationOpensAt: Date | null;
  /** Public self-registration closes then; null: at the end of the last fair day, local time. */
  @Column({ type: 'timestamptz', nullable: true }) registrationClosesAt: Date | null;
  @OneToMany(() => EditionDay, (d) => d.edition) days: EditionDay[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A fair day with its local opening hours. */
@Entity({ name: 'edition_days' })
export class EditionDay {
  @PrimaryColumn('uuid') editionId: string;
  /** Local calendar date, YYYY-MM-DD. */
  @PrimaryColumn({ type: 'date' }) day: string;
  /** Local wall-clock times, HH:mm:ss. */
  @Column({ type: 'time' }) opensAt: string;
  @Column({ type: 'time' }) closesAt: string;
  @ManyToOne(() => Edition, (e) => e.days, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition: Edition;
}
