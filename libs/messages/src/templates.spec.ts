import { EditionFacts, LANGUAGES, MessageData, TEMPLATES, renderMessage } from './templates';

const EDITION: EditionFacts = {
  name: 'SICCAM 2026',
  editionNumber: 16,
  venue: 'Palais des Congrès',
  city: 'Oujda',
  timeZone: 'Africa/Casablanca',
  days: [
    { date: '2026-11-27', opensAt: '09:00', closesAt: '18:00' },
    { date: '2026-11-28', opensAt: '09:00', closesAt: '17:00' },
  ],
};
const SESSION = { title: 'Ouverture officielle', startsAt: '2026-11-27T09:30:00Z', endsAt: '2026-11-27T10:15:00Z', room: 'Salle Atlas' };
const PRIZE = { name: 'Prix de l’innovation', scoringClosesAt: '2026-11-26T20:00:00Z' };

const EXAMPLES: Record<(typeof TEMPLATES)[number], MessageData> = {
  ticket: { template: 'ticket', category: 'visitor', badgeCode: 'FO1.abc', reissued: false },
  already_registered: { template: 'already_registered', badgeCode: 'FO1.abc' },
  invitation: { template: 'invitation', role: 'jury', link: 'https://fair.example/invite?t=abc&x=1', expiresAt: '2026-11-30T10:00:00Z' },
  password_reset: { template: 'password_reset', link: 'https://fair.example/reset?t=abc', expiresAt: '2026-11-30T10:00:00Z' },
  session_confirmed: { template: 'session_confirmed', session: SESSION },
  session_waitlisted: { template: 'session_waitlisted', session: SESSION },
  session_promoted: { template: 'session_promoted', session: SESSION },
  jury_assigned: { template: 'jury_assigned', prize: PRIZE, link: 'https://fair.example/jury' },
  jury_reminder: { template: 'jury_reminder', prize: PRIZE, link: 'https://fair.example/jury' },
  prize_won: { template: 'prize_won', prizeName: 'Prix de l’innovation', nomineeName: 'Atlas Relation Client' },
};

const HOSTILE_NAME = '<script>alert(1)</script> Zoé & فاطمة';

describe('message templates', () => {
  const cases = TEMPLATES.flatMap((template) => LANGUAGES.map((language) => [template, language] as const));

  it.each(cases)('%s in %s: a subject, both parts, the name escaped in HTML and verbatim in text, laid out in the right direction', (template, language) => {
    const rendered = renderMessage(EXAMPLES[template], { edition: EDITION, recipientName: HOSTILE_NAME, language });
    expect(rendered.subject.length).toBeGreaterThan(5);
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.html).toContain(`<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">`);
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; Zoé &#38; فاطمة');
    expect(rendered.text).toContain(HOSTILE_NAME);
    expect(rendered.text.split(HOSTILE_NAME).join('')).not.toMatch(/<[a-z]/i);
    expect(rendered.text).toContain('SICCAM 2026');
  });

  it('gives every template a subject of its own in each language', () => {
    for (const language of LANGUAGES) {
      const subjects = TEMPLATES.map((t) => renderMessage(EXAMPLES[t], { edition: EDITION, recipientName: 'A', language }).subject);
      expect(new Set(subjects).size).toBe(TEMPLATES.length);
    }
  });

  it('writes times on the fair’s clock (Oujda), dates in the recipient’s language', () => {
    const fr = renderMessage(EXAMPLES.session_confirmed, { edition: EDITION, recipientName: 'A', language: 'fr' }).text;
    expect(fr).toContain('vendredi 27 novembre 2026');
    expect(fr).toMatch(/10:30.*11:15/); // 09:30Z is 10:30 in Oujda (UTC+1)
    const en = renderMessage(EXAMPLES.ticket, { edition: EDITION, recipientName: 'A', language: 'en' }).text;
    expect(en).toMatch(/Friday,? 27 November 2026: 09:00–18:00/);
    const ar = renderMessage(EXAMPLES.ticket, { edition: EDITION, recipientName: 'A', language: 'ar' }).text;
    expect(ar).toContain('الجمعة');
    expect(ar).toContain('09:00–18:00');
  });

  it('puts the QR inline in tickets only, and links as buttons with the link in the text part', () => {
    const ticket = renderMessage(EXAMPLES.ticket, { edition: EDITION, recipientName: 'A', language: 'fr' });
    expect(ticket.html).toContain('src="cid:badge-qr"');
    expect(ticket.text).toContain('FO1.abc');
    const invitation = renderMessage(EXAMPLES.invitation, { edition: EDITION, recipientName: 'A', language: 'fr' });
    expect(invitation.html).toContain('href="https://fair.example/invite?t=abc&#38;x=1"');
    expect(invitation.text).toContain('https://fair.example/invite?t=abc&x=1');
    expect(invitation.html).not.toContain('cid:');
    const reissued = renderMessage({ ...EXAMPLES.ticket, reissued: true } as MessageData, { edition: EDITION, recipientName: 'A', language: 'en' });
    expect(reissued.text).toContain('The previous code no longer works');
  });
});
