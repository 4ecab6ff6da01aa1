import { randomBytes } from 'node:crypto';
import { Actor, Role, UsersService, addDays, localDate, localToInstant, withTransaction } from '@fairops/core';
import { AttendeeInput, AttendeeView, AttendeesService } from '@fairops/attendees';
import { EditionView, EditionsService, NewEdition } from '@fairops/editions';
import { ExhibitorFields, ExhibitorView, ExhibitorsService, HallView, StandView, StandsService } from '@fairops/exhibitors';
import { TestApp } from './test-app';

const unique = () => randomBytes(4).toString('hex');

/** An edition made through the real service; the days default to two days around 2027-04-16. */
export async function makeEdition(t: TestApp, overrides: Partial<NewEdition> = {}): Promise<EditionView> {
  const id = unique();
  return t.get(EditionsService).create(
    {
      slug: `fair-${id}`,
      name: `Fair ${id}`,
      editionNumber: 1,
      theme: null,
      venue: 'Parc Oujda Shore',
      city: 'Oujda',
      country: 'MA',
      timeZone: 'Africa/Casablanca',
      days: [
        { date: '2027-04-16', opensAt: '09:00', closesAt: '18:00' },
        { date: '2027-04-17', opensAt: '09:00', closesAt: '18:00' },
      ],
      ...overrides,
    },
    null,
  );
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface LoggedIn {
  actor: Actor;
  token: string;
  /** `{ Authorization: 'Bearer …' }` */
  auth: { Authorization: string };
}

/** A user made through the real service, logged in through the real API. */
export async function makeUser(t: TestApp, role: Role, overrides: { exhibitorId?: string; email?: string; organisation?: string } = {}): Promise<LoggedIn> {
  const email = overrides.email ?? `${role}-${unique()}@test.fairops`;
  const user = await t.get(UsersService).create(
    { email, password: TEST_PASSWORD, displayName: `${role} ${email}`, role, exhibitorId: overrides.exhibitorId ?? null, organisation: overrides.organisation },
    null,
  );
  const res = await t.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  const token = res.body.accessToken as string;
  return { actor: { id: user.id, email, role, exhibitorId: user.exhibitorId }, token, auth: { Authorization: `Bearer ${token}` } };
}

/** An exhibitor made through the real service. */
export async function makeExhibitor(t: TestApp, editionId: string, overrides: Partial<ExhibitorFields> = {}): Promise<ExhibitorView> {
  return t.get(ExhibitorsService).create(editionId, { name: `Exhibitor ${unique()}`, country: 'MA', sector: 'contact_centre', ...overrides }, null);
}

export async function makeHall(t: TestApp, editionId: string, name = `Hall ${unique()}`): Promise<HallView> {
  return t.get(StandsService).createHall(editionId, name, null);
}

export async function makeStand(t: TestApp, editionId: string, hallId: string, overrides: { code?: string; areaM2?: number } = {}): Promise<StandView> {
  return t.get(StandsService).createStand(
    { editionId, hallId, code: overrides.code ?? `S-${unique().slice(0, 6)}`, areaM2: overrides.areaM2 ?? 9, type: 'shell_scheme' },
    null,
  );
}

/** Today and tomorrow in Oujda, as fair days: desks scan "now" in tests. */
export function fairDaysFromToday(): string[] {
  const today = localDate(new Date(), 'Africa/Casablanca');
  return [today, addDays(today, 1)];
}

/**
 * A past instant `msAgo` before now, but never before today's local midnight in Oujda: an offline scan
 * dated with it lies on today's fair day of a live edition, whatever the hour the tests run at.
 */
export function earlierToday(msAgo: number): Date {
  const midnight = localToInstant(localDate(new Date(), 'Africa/Casablanca'), '00:00', 'Africa/Casablanca').getTime();
  return new Date(Math.max(Date.now() - msAgo, midnight + 1));
}

/** An edition whose fair is today and tomorrow, open all day, so scans made now are on a fair day. */
export async function makeLiveEdition(t: TestApp): Promise<EditionView> {
  return makeEdition(t, { days: fairDaysFromToday().map((date) => ({ date, opensAt: '00:00', closesAt: '23:59' })) });
}

export async function makeAttendee(t: TestApp, editionId: string, overrides: Partial<AttendeeInput> = {}): Promise<AttendeeView> {
  return t.get(AttendeesService).create(editionId, { category: 'visitor', firstName: 'Visiteur', lastName: `N${unique()}`, ...overrides }, null, 'back_office');
}

/** `count` visitors made in one batch through the real service (one transaction), in order. */
export async function makeAttendees(t: TestApp, editionId: string, count: number, overrides: Partial<AttendeeInput> = {}): Promise<AttendeeView[]> {
  const inputs = Array.from({ length: count }, () => ({ category: 'visitor' as const, firstName: 'Visiteur', lastName: `N${unique()}`, ...overrides }));
  const outcomes = await withTransaction(t.dataSource, undefined, (m) => t.get(AttendeesService).createMany(m, { editionId, inputs, by: null, source: 'back_office' }));
  return outcomes.map((outcome) => {
    if (outcome.refused) throw outcome.refused;
    return outcome.view;
  });
}
