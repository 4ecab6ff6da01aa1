import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PG, pgCode } from '../database/database-errors';
import { sqlRows } from '../database/sql-rows';
import { inTransaction } from '../database/transactions';
import { DomainError } from '../errors/domain-error';
import { AuthErrors } from './auth.errors';
import { PasswordHasher } from './password-hasher';
import { Actor, Role } from './roles';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  exhibitorId?: string | null;
  organisation?: string | null;
}

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  exhibitorId: string | null;
  organisation: string | null;
  disabled: boolean;
  createdAt: Date;
}

export function toUserView(u: User): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    exhibitorId: u.exhibitorId,
    organisation: u.organisation,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt,
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /** Creates a user; `by` is the admin who asked (null for the demo seed). */
  async create(input: NewUser, by: Actor | null, manager?: EntityManager): Promise<UserView> {
    if ((input.role === 'exhibitor') !== Boolean(input.exhibitorId)) {
      throw DomainError.validation('an exhibitor user needs an exhibitorId, and only an exhibitor user may have one', [
        { field: 'exhibitorId', reasons: [input.role === 'exhibitor' ? 'is required for the exhibitor role' : 'is only allowed for the exhibitor role'] },
      ]);
    }
    const passwordHash = await this.hasher.hash(input.password);
    const work = async (m: EntityManager) => {
      try {
        const rows: User[] = await m.query(
          `INSERT INTO users (email, display_name, password_hash, role, exhibitor_id, organisation)
           VALUES ($1, $2, $3, $4, $5, $6)
           RETURNING id, email, display_name AS "displayName", role, exhibitor_id AS "exhibitorId",
                     organisation, disabled_at AS "disabledAt", created_at AS "createdAt"`,
          [input.email.trim(), input.displayName, passwordHash, input.role, input.exhibitorId ?? null, input.organisation ?? null],
        );
        const view = toUserView(rows[0]);
        await this.audit.record(m, { actor: by, action: 'user.created', entityType: 'user', entityId: view.id, after: { ...view } });
        return view;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw AuthErrors.emailTaken();
        if (pgCode(error) === PG.foreignKeyViolation) throw DomainError.notFound('exhibitor', input.exhibitorId ?? undefined);
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async list(filter: { role?: Role; limit: number; offset: number }): Promise<{ items: UserView[]; total: number }> {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      where: filter.role ? { role: filter.role } : {},
      order: { email: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items: users.map(toUserView), total };
  }

  /** The active user behind a token, or null when unknown or disabled. */
  async findActive(id: string): Promise<Actor | null> {
    const rows = await sqlRows<Actor>(this.dataSource, `SELECT id, email, role, exhibitor_id AS "exhibitorId" FROM users WHERE id = $1 AND disabled_at IS NULL`, [id]);
    return rows[0] ?? null;
  }

  async findForLogin(email: string): Promise<(Actor & { passwordHash: string }) | null> {
    const rows: Array<Actor & { passwordHash: string }> = await this.dataSource.query(
      `SELECT id, email, role, exhibitor_id AS "exhibitorId", password_hash AS "passwordHash"
         FROM users WHERE email = $1 AND disabled_at IS NULL`,
      [email.trim()],
    );
    return rows[0] ?? null;
  }
}
