import { demoCheckinWindow } from './demo-checkins';

// Oujda is at UTC+1 on these dates.
describe('demoCheckinWindow', () => {
  it('on the first fair day itself, before the doors open (09:00 in Oujda): no check-in yet', () => {
    expect(demoCheckinWindow('2027-04-16', new Date('2027-04-16T07:40:00Z'))).toBeUndefined();
    expect(demoCheckinWindow('2027-04-16', new Date('2027-04-16T08:00:00Z'))).toBeUndefined();
  });

  it('on the first fair day itself, in the morning: from 09:00 until now, never in the future', () => {
    expect(demoCheckinWindow('2027-04-16', new Date('2027-04-16T09:15:00Z'))).toEqual({ from: new Date('2027-04-16T08:00:00Z'), to: new Date('2027-04-16T09:15:00Z') });
  });

  it('on the first fair day itself, after noon or at night: the morning, 09:00 to 12:00', () => {
    const morning = { from: new Date('2027-04-16T08:00:00Z'), to: new Date('2027-04-16T11:00:00Z') };
    expect(demoCheckinWindow('2027-04-16', new Date('2027-04-16T16:30:00Z'))).toEqual(morning);
    expect(demoCheckinWindow('2027-04-16', new Date('2027-04-16T22:50:00Z'))).toEqual(morning);
  });

  it('on a first day pinned in the past or the future: that morning, 09:00 to 12:00', () => {
    const morning = { from: new Date('2027-04-16T08:00:00Z'), to: new Date('2027-04-16T11:00:00Z') };
    expect(demoCheckinWindow('2027-04-16', new Date('2026-11-29T07:00:00Z'))).toEqual(morning);
    expect(demoCheckinWindow('2027-04-16', new Date('2027-05-01T07:00:00Z'))).toEqual(morning);
  });
});
