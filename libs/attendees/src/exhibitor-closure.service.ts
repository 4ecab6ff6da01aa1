import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, UsersService, inTransaction } from '@fairops/core';
import { ExhibitorStatus, ExhibitorView, ExhibitorsService, STATUSES_NEEDING_REASON } from '@fairops/exhibitors';
import { AttendeesService } from './attendees.service';

/**
 * An exhibitor's status change, with what cancelling or withdrawing it means for its people, in one
 * transaction: its stands are freed (ExhibitorsService), its manager accounts are disabled (their
 * tokens end at once), and its registered staff are cancelled, each badge revoked as a cancellation
 * does (one batch through the attendees' write path). Leads already captured are kept; new ones are
 * refused (LeadsService).
 */
@Injectable()
export class ExhibitorClosureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exhibitors: ExhibitorsService,
    private readonly attendees: AttendeesService,
    private readonly users: UsersService,
  ) {}

  async changeStatus(id: string, to: ExhibitorStatus, reason: string | undefined, by: Actor): Promise<ExhibitorView> {
    const { view, disabledUsers } = await inTransaction(this.dataSource, async (m) => {
      const view = await this.exhibitors.changeStatus(id, to, reason, by, m);
      if (!STATUSES_NEEDING_REASON.includes(to)) return { view, disabledUsers: [] };
      const why = `exhibitor ${to}`;
      const disabledUsers = await this.users.disableExhibitorManagers(m, id, why, by);
      await this.attendees.cancelStaffOf(m, id, by, why);
      return { view, disabledUsers };
    });
    this.users.forgetTokens(disabledUsers);
    return view;
  }
}
