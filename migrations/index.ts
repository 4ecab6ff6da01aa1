import { Foundation1764300000000 } from './1764300000000-Foundation';
import { Exhibitors1764400000000 } from './1764400000000-Exhibitors';
import { Attendees1764500000000 } from './1764500000000-Attendees';
import { Sessions1764600000000 } from './1764600000000-Sessions';
import { Awards1764700000000 } from './1764700000000-Awards';
import { Badges1764800000000 } from './1764800000000-Badges';
import { AccountSecurity1764900000000 } from './1764900000000-AccountSecurity';
import { BadgeVerdictAndRegistrationWindow1765000000000 } from './1765000000000-BadgeVerdictAndRegistrationWindow';
import { AuditRedaction1765100000000 } from './1765100000000-AuditRedaction';
import { ExhibitorStaffUsed1765200000000 } from './1765200000000-ExhibitorStaffUsed';
import { Messages1765300000000 } from './1765300000000-Messages';
import { ImportOptions1765400000000 } from './1765400000000-ImportOptions';
import { InvitedUsers1765500000000 } from './1765500000000-InvitedUsers';
import { ScanOtherEdition1765600000000 } from './1765600000000-ScanOtherEdition';
import { MessageWithdrawn1765700000000 } from './1765700000000-MessageWithdrawn';
import { ScanDeskAnswer1765800000000 } from './1765800000000-ScanDeskAnswer';

/** Every migration, in order. Listed explicitly so the same list runs from TypeScript (tests) and from dist/. */
export const MIGRATIONS = [
  Foundation1764300000000,
  Exhibitors1764400000000,
  Attendees1764500000000,
  Sessions1764600000000,
  Awards1764700000000,
  Badges1764800000000,
  AccountSecurity1764900000000,
  BadgeVerdictAndRegistrationWindow1765000000000,
  AuditRedaction1765100000000,
  ExhibitorStaffUsed1765200000000,
  Messages1765300000000,
  ImportOptions1765400000000,
  InvitedUsers1765500000000,
  ScanOtherEdition1765600000000,
  MessageWithdrawn1765700000000,
  ScanDeskAnswer1765800000000,
];
