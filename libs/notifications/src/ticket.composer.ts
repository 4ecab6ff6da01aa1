import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@fairops/core';
import { AttendeesRepository, AttendeesService, AttendeeView } from '@fairops/attendees';
import { BadgeData, renderSheetPdf } from '@fairops/badges';
import { EditionsService, EditionView } from '@fairops/editions';
import { ComposedMessage, MessageComposer, MessageComposers, MessageToSend, QR_CID } from '@fairops/messages';
import { editionFacts } from './edition-facts';
import { fairDaysCalendar, qrPng } from './ticket-files';

/** The fair as the badge's band names it (as the badges library prints it: `SICCAM 16 · Oujda`). */
const fairOnBadge = (e: EditionView) => `${e.name} ${e.editionNumber} · ${e.city}`;

/** The badge the ticket carries, as the printed one: same renderer, same data, same signed code. */
export function ticketBadge(attendee: AttendeeView, edition: EditionView, code: string): BadgeData {
  return {
    attendeeId: attendee.id,
    badgeVersion: attendee.badgeVersion,
    firstName: attendee.firstName,
    lastName: attendee.lastName,
    organisation: attendee.organisation,
    country: attendee.country,
    category: attendee.category,
    days: attendee.days,
    code,
    fair: fairOnBadge(edition),
    exhibitor: null,
  };
}

/**
 * The e-ticket and "already registered": the badge code as an inline QR image (cid `badge-qr`), the
 * badge as a PDF to print at home (an A6 badge on an A4 sheet with crop marks, the badges library's own
 * renderer) and the fair days as `fair-days.ics`. Composed at send time from the attendee's current
 * badge: a ticket for a badge version that is no longer current, or for someone cancelled or erased
 * since, is not sent (a newer ticket carries the new code).
 */
@Injectable()
export class TicketComposer implements MessageComposer, OnModuleInit {
  constructor(
    private readonly composers: MessageComposers,
    private readonly attendees: AttendeesService,
    private readonly repository: AttendeesRepository,
    private readonly editions: EditionsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.composers.register(['ticket', 'already_registered'], this);
  }

  async compose(message: MessageToSend): Promise<ComposedMessage | undefined> {
    const attendee = message.attendeeId ? await this.repository.get(message.attendeeId) : undefined;
    if (!attendee || attendee.erased || attendee.status !== 'registered') return undefined;
    if (message.template === 'ticket' && message.data.version !== attendee.badgeVersion) return undefined;
    const edition = await this.editions.get(attendee.editionId);
    const { code } = this.attendees.sign(attendee);
    const facts = editionFacts(edition);
    const data: ComposedMessage['data'] =
      message.template === 'ticket'
        ? { template: 'ticket', category: attendee.category, badgeCode: code, reissued: message.data.reissued === true }
        : { template: 'already_registered', badgeCode: code };
    return {
      data,
      edition: facts,
      attachments: [
        { filename: 'badge-qr.png', content: await qrPng(code), contentType: 'image/png', cid: QR_CID },
        { filename: 'badge.pdf', content: await renderSheetPdf([ticketBadge(attendee, edition, code)]), contentType: 'application/pdf' },
        { filename: 'fair-days.ics', content: fairDaysCalendar(facts, this.clock.now()), contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
      ],
    };
  }
}
