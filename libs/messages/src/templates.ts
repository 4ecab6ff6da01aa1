/**
 * The messages FairOps sends, in French, English and Arabic. Each template says what a message holds
 * as blocks (paragraphs, facts, a button, the ticket's QR); one layout turns the blocks into the HTML
 * part and the plain-text part, so the two always say the same thing. Every value from the database is
 * escaped; Arabic messages are laid out right to left.
 */

export const LANGUAGES = ['fr', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The edition as a message speaks of it. */
export interface EditionFacts {
  name: string;
  editionNumber: number;
  venue: string;
  city: string;
  timeZone: string;
  /** Fair days, local dates and hours: `2026-11-27`, `09:00`, `18:00`. */
  days: Array<{ date: string; opensAt: string; closesAt: string }>;
}

export interface SessionFacts {
  title: string;
  /** Instants (ISO 8601). */
  startsAt: string;
  endsAt: string;
  room: string | null;
}

export interface PrizeFacts {
  name: string;
  /** Instant (ISO 8601) after which ballots are locked. */
  scoringClosesAt: string;
}

/** What a message is about, by template. */
export type MessageData =
  | { template: 'ticket'; category: string; badgeCode: string; reissued: boolean }
  | { template: 'already_registered'; badgeCode: string }
  | { template: 'invitation'; role: string; link: string; expiresAt: string }
  | { template: 'password_reset'; link: string; expiresAt: string }
  | { template: 'session_confirmed' | 'session_waitlisted' | 'session_promoted'; session: SessionFacts }
  | { template: 'jury_assigned' | 'jury_reminder'; prize: PrizeFacts; link: string }
  | { template: 'prize_won'; prizeName: string; nomineeName: string };

export type TemplateName = MessageData['template'];
export const TEMPLATES: readonly TemplateName[] = [
  'ticket',
  'already_registered',
  'invitation',
  'password_reset',
  'session_confirmed',
  'session_waitlisted',
  'session_promoted',
  'jury_assigned',
  'jury_reminder',
  'prize_won',
];

export interface RenderContext {
  edition: EditionFacts;
  recipientName: string;
  language: Language;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

/** The content id of the ticket's QR image, which the sender attaches inline. */
export const QR_CID = 'badge-qr';

type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: Array<[string, string]> }
  | { kind: 'button'; label: string; href: string }
  | { kind: 'qr'; alt: string; code: string };

interface Phrases {
  greeting: (name: string) => string;
  signature: (edition: string) => string;
  when: string;
  where: string;
  hours: string;
  room: string;
  code: string;
  locale: string;
}

const COMMON: Record<Language, Phrases> = {
  fr: {
    greeting: (n) => `Bonjour ${n},`,
    signature: (e) => `L’équipe d’organisation — ${e}`,
    when: 'Quand',
    where: 'Où',
    hours: 'Horaires',
    room: 'Salle',
    code: 'Code du badge',
    locale: 'fr-MA',
  },
  en: {
    greeting: (n) => `Hello ${n},`,
    signature: (e) => `The organising team — ${e}`,
    when: 'When',
    where: 'Where',
    hours: 'Opening hours',
    room: 'Room',
    code: 'Badge code',
    locale: 'en-GB',
  },
  ar: {
    greeting: (n) => `مرحبا ${n}،`,
    signature: (e) => `فريق التنظيم — ${e}`,
    when: 'الموعد',
    where: 'المكان',
    hours: 'أوقات الفتح',
    room: 'القاعة',
    code: 'رمز الشارة',
    locale: 'ar-MA',
  },
};

/** `vendredi 27 novembre 2026` in the recipient's language; a local date has no time zone to apply. */
function longDate(date: string, p: Phrases): string {
  return new Intl.DateTimeFormat(p.locale, { dateStyle: 'full', timeZone: 'UTC', numberingSystem: 'latn' }).format(new Date(`${date}T12:00:00Z`));
}

/** An instant as the fair's clock shows it, in the recipient's language. */
function localDateTime(instant: string, edition: EditionFacts, p: Phrases): string {
  return new Intl.DateTimeFormat(p.locale, { dateStyle: 'full', timeStyle: 'short', timeZone: edition.timeZone, numberingSystem: 'latn' }).format(new Date(instant));
}

function localTime(instant: string, edition: EditionFacts, p: Phrases): string {
  return new Intl.DateTimeFormat(p.locale, { timeStyle: 'short', timeZone: edition.timeZone, numberingSystem: 'latn' }).format(new Date(instant));
}

const fairName = (e: EditionFacts) => e.name;
const place = (e: EditionFacts) => `${e.venue}, ${e.city}`;
const fairDays = (e: EditionFacts, p: Phrases): Array<[string, string]> =>
  e.days.map((d) => [longDate(d.date, p), `${d.opensAt.slice(0, 5)}–${d.closesAt.slice(0, 5)}`]);

type Body = { subject: string; blocks: Block[] };

/** The ticket: what the visitor shows at the desk. */
function ticket(data: Extract<MessageData, { template: 'ticket' }>, c: RenderContext, p: Phrases): Body {
  const e = c.edition;
  const intro = {
    fr: data.reissued
      ? `Votre badge pour ${fairName(e)} a été réémis. Le code précédent ne fonctionne plus : présentez celui-ci à l’accueil.`
      : `Votre inscription à ${fairName(e)} est confirmée. Présentez ce code à l’accueil, sur votre téléphone ou imprimé : votre badge y sera imprimé.`,
    en: data.reissued
      ? `Your badge for ${fairName(e)} has been reissued. The previous code no longer works: show this one at the desk.`
      : `You are registered for ${fairName(e)}. Show this code at the check-in desk, on your phone or printed, and your badge is printed there.`,
    ar: data.reissued
      ? `أُعيد إصدار شارتك لـ ${fairName(e)}. الرمز السابق لم يعد صالحا: قدّم هذا الرمز عند الاستقبال.`
      : `تم تأكيد تسجيلك في ${fairName(e)}. قدّم هذا الرمز عند الاستقبال، على هاتفك أو مطبوعا، وستُطبع شارتك هناك.`,
  }[c.language];
  const after = {
    fr: 'Votre badge est joint en PDF pour l’imprimer chez vous, et les journées du salon en fichier calendrier (.ics).',
    en: 'Your badge is attached as a PDF to print at home, with the fair days as a calendar file (.ics).',
    ar: 'شارتك مرفقة بصيغة PDF لطباعتها في المنزل، مع أيام المعرض في ملف تقويم (.ics).',
  }[c.language];
  const subject = {
    fr: data.reissued ? `Votre nouveau badge — ${fairName(e)}` : `Votre badge — ${fairName(e)}`,
    en: data.reissued ? `Your new badge — ${fairName(e)}` : `Your badge — ${fairName(e)}`,
    ar: data.reissued ? `شارتك الجديدة — ${fairName(e)}` : `شارتك — ${fairName(e)}`,
  }[c.language];
  return {
    subject,
    blocks: [
      { kind: 'paragraph', text: intro },
      { kind: 'qr', alt: `${p.code}: ${data.badgeCode}`, code: data.badgeCode },
      { kind: 'facts', rows: [[p.where, place(e)], ...fairDays(e, p)] },
      { kind: 'paragraph', text: after },
    ],
  };
}

function alreadyRegistered(data: Extract<MessageData, { template: 'already_registered' }>, c: RenderContext, p: Phrases): Body {
  const e = c.edition;
  return {
    subject: { fr: `Vous êtes déjà inscrit — ${fairName(e)}`, en: `You are already registered — ${fairName(e)}`, ar: `أنت مسجل بالفعل — ${fairName(e)}` }[c.language],
    blocks: [
      {
        kind: 'paragraph',
        text: {
          fr: `Quelqu’un (peut-être vous) a demandé à s’inscrire à ${fairName(e)} avec cette adresse, qui est déjà inscrite. Rien n’a changé : voici de nouveau votre badge.`,
          en: `Someone (perhaps you) asked to register for ${fairName(e)} with this address, which is already registered. Nothing has changed: here is your badge again.`,
          ar: `طلب شخص ما (ربما أنت) التسجيل في ${fairName(e)} بهذا العنوان، وهو مسجل بالفعل. لم يتغير شيء: إليك شارتك مرة أخرى.`,
        }[c.language],
      },
      { kind: 'qr', alt: `${p.code}: ${data.badgeCode}`, code: data.badgeCode },
      { kind: 'facts', rows: [[p.where, place(e)], ...fairDays(e, p)] },
    ],
  };
}

const ROLE_NAMES: Record<Language, Record<string, string>> = {
  fr: { admin: 'organisateur', desk: 'agent d’accueil', jury: 'membre du jury', exhibitor: 'responsable exposant' },
  en: { admin: 'organiser', desk: 'check-in desk agent', jury: 'jury member', exhibitor: 'exhibitor manager' },
  ar: { admin: 'منظم', desk: 'موظف الاستقبال', jury: 'عضو لجنة التحكيم', exhibitor: 'مسؤول العارض' },
};

function invitation(data: Extract<MessageData, { template: 'invitation' }>, c: RenderContext, p: Phrases): Body {
  const e = c.edition;
  const role = ROLE_NAMES[c.language][data.role] ?? data.role;
  const until = localDateTime(data.expiresAt, e, p);
  return {
    subject: { fr: `Votre accès à FairOps — ${fairName(e)}`, en: `Your FairOps account — ${fairName(e)}`, ar: `حسابك على FairOps — ${fairName(e)}` }[c.language],
    blocks: [
      {
        kind: 'paragraph',
        text: {
          fr: `Un compte ${role} vous a été ouvert pour ${fairName(e)}. Choisissez votre mot de passe avec ce lien, valable une seule fois, jusqu’au ${until}.`,
          en: `An account as ${role} has been opened for you for ${fairName(e)}. Choose your password with this link; it works once, until ${until}.`,
          ar: `فُتح لك حساب بصفة ${role} في ${fairName(e)}. اختر كلمة المرور عبر هذا الرابط، وهو صالح لمرة واحدة حتى ${until}.`,
        }[c.language],
      },
      { kind: 'button', label: { fr: 'Choisir mon mot de passe', en: 'Choose my password', ar: 'اختيار كلمة المرور' }[c.language], href: data.link },
    ],
  };
}

function passwordReset(data: Extract<MessageData, { template: 'password_reset' }>, c: RenderContext, p: Phrases): Body {
  const until = localDateTime(data.expiresAt, c.edition, p);
  return {
    subject: { fr: 'Réinitialiser votre mot de passe FairOps', en: 'Reset your FairOps password', ar: 'إعادة تعيين كلمة مرور FairOps' }[c.language],
    blocks: [
      {
        kind: 'paragraph',
        text: {
          fr: `Une réinitialisation du mot de passe a été demandée pour ce compte. Ce lien, valable une seule fois jusqu’au ${until}, vous permet d’en choisir un nouveau. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste le même.`,
          en: `A password reset was asked for this account. This link, which works once until ${until}, lets you choose a new one. If you did not ask, ignore this message: your password stays as it is.`,
          ar: `طُلبت إعادة تعيين كلمة المرور لهذا الحساب. يتيح لك هذا الرابط، الصالح لمرة واحدة حتى ${until}، اختيار كلمة مرور جديدة. إن لم تطلب ذلك فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.`,
        }[c.language],
      },
      { kind: 'button', label: { fr: 'Choisir un nouveau mot de passe', en: 'Choose a new password', ar: 'اختيار كلمة مرور جديدة' }[c.language], href: data.link },
    ],
  };
}

function session(data: Extract<MessageData, { template: 'session_confirmed' | 'session_waitlisted' | 'session_promoted' }>, c: RenderContext, p: Phrases): Body {
  const s = data.session;
  const title = s.title;
  const words = {
    session_confirmed: {
      fr: [`Inscription confirmée : ${title}`, `Votre place à « ${title} » est réservée.`],
      en: [`Registration confirmed: ${title}`, `Your seat at “${title}” is booked.`],
      ar: [`تأكيد التسجيل: ${title}`, `تم حجز مقعدك في «${title}».`],
    },
    session_waitlisted: {
      fr: [`Liste d’attente : ${title}`, `« ${title} » est complet ; vous êtes sur la liste d’attente. Si une place se libère, elle vous est attribuée dans l’ordre d’arrivée et vous recevez un message.`],
      en: [`Waiting list: ${title}`, `“${title}” is full; you are on the waiting list. If a seat frees up it goes to you in order of arrival, and you will hear from us.`],
      ar: [`قائمة الانتظار: ${title}`, `«${title}» مكتملة؛ أنت على قائمة الانتظار. إذا شغر مقعد فسيُمنح لك حسب ترتيب التسجيل وستصلك رسالة.`],
    },
    session_promoted: {
      fr: [`Une place s’est libérée : ${title}`, `Une place s’est libérée à « ${title} » : elle est à vous. Le créneau est joint en fichier calendrier (.ics).`],
      en: [`A seat is yours: ${title}`, `A seat freed up at “${title}” and it is yours. The session is attached as a calendar file (.ics).`],
      ar: [`شغر مقعد لك: ${title}`, `شغر مقعد في «${title}» وهو لك الآن. الموعد مرفق في ملف تقويم (.ics).`],
    },
  }[data.template][c.language];
  const rows: Array<[string, string]> = [[p.when, `${localDateTime(s.startsAt, c.edition, p)} – ${localTime(s.endsAt, c.edition, p)}`]];
  if (s.room) rows.push([p.room, s.room]);
  rows.push([p.where, place(c.edition)]);
  return { subject: words[0], blocks: [{ kind: 'paragraph', text: words[1] }, { kind: 'facts', rows }] };
}

function jury(data: Extract<MessageData, { template: 'jury_assigned' | 'jury_reminder' }>, c: RenderContext, p: Phrases): Body {
  const prize = data.prize.name;
  const closes = localDateTime(data.prize.scoringClosesAt, c.edition, p);
  const words = {
    jury_assigned: {
      fr: [`Jury : ${prize}`, `Vous êtes membre du jury du ${prize}. Vos notes restent confidentielles : aucun autre juré ne les voit. Le vote ferme le ${closes}.`, 'Ouvrir mon bulletin'],
      en: [`Jury: ${prize}`, `You are on the jury of the ${prize}. Your scores stay private: no other juror sees them. Scoring closes on ${closes}.`, 'Open my ballot'],
      ar: [`لجنة التحكيم: ${prize}`, `أنت عضو في لجنة تحكيم ${prize}. تبقى تقييماتك سرية: لا يراها أي عضو آخر. يُغلق التقييم يوم ${closes}.`, 'فتح بطاقة التقييم'],
    },
    jury_reminder: {
      fr: [`Rappel : votre bulletin pour le ${prize}`, `Votre bulletin pour le ${prize} n’est pas encore soumis. Le vote ferme le ${closes} ; après, il ne pourra plus être modifié.`, 'Terminer mon bulletin'],
      en: [`Reminder: your ballot for the ${prize}`, `Your ballot for the ${prize} is not submitted yet. Scoring closes on ${closes}; after that it can no longer be changed.`, 'Finish my ballot'],
      ar: [`تذكير: بطاقة تقييمك لـ ${prize}`, `لم تُرسل بطاقة تقييمك لـ ${prize} بعد. يُغلق التقييم يوم ${closes}، ولا يمكن تعديلها بعد ذلك.`, 'إكمال بطاقة التقييم'],
    },
  }[data.template][c.language];
  return { subject: words[0], blocks: [{ kind: 'paragraph', text: words[1] }, { kind: 'button', label: words[2], href: data.link }] };
}

function prizeWon(data: Extract<MessageData, { template: 'prize_won' }>, c: RenderContext): Body {
  const e = fairName(c.edition);
  const words = {
    fr: [`${data.nomineeName} remporte le ${data.prizeName}`, `Félicitations : le jury de ${e} a décerné le ${data.prizeName} à ${data.nomineeName}. Le certificat est joint.`],
    en: [`${data.nomineeName} wins the ${data.prizeName}`, `Congratulations: the jury of ${e} has awarded the ${data.prizeName} to ${data.nomineeName}. The certificate is attached.`],
    ar: [`${data.nomineeName} يفوز بـ ${data.prizeName}`, `تهانينا: منحت لجنة تحكيم ${e} ${data.prizeName} إلى ${data.nomineeName}. الشهادة مرفقة.`],
  }[c.language];
  return { subject: words[0], blocks: [{ kind: 'paragraph', text: words[1] }] };
}

function body(data: MessageData, c: RenderContext, p: Phrases): Body {
  switch (data.template) {
    case 'ticket':
      return ticket(data, c, p);
    case 'already_registered':
      return alreadyRegistered(data, c, p);
    case 'invitation':
      return invitation(data, c, p);
    case 'password_reset':
      return passwordReset(data, c, p);
    case 'session_confirmed':
    case 'session_waitlisted':
    case 'session_promoted':
      return session(data, c, p);
    case 'jury_assigned':
    case 'jury_reminder':
      return jury(data, c, p);
    case 'prize_won':
      return prizeWon(data, c);
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Bidirectional isolation: a Latin name inside Arabic text (or the reverse) keeps its own direction. */
const isolate = (s: string) => `<bdi>${escapeHtml(s)}</bdi>`;

function blockHtml(block: Block, rtl: boolean): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${block.rows
        .map(([k, v]) => `<tr><th style="text-align:${rtl ? 'right' : 'left'};padding:4px 12px 4px 0;font-weight:600">${escapeHtml(k)}</th><td style="padding:4px 0">${isolate(v)}</td></tr>`)
        .join('')}</table>`;
    case 'button':
      return `<p style="margin:24px 0"><a href="${escapeHtml(block.href)}" style="background:#0b5394;color:#fff;padding:12px 20px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(block.label)}</a></p>`;
    case 'qr':
      return `<p style="margin:16px 0;text-align:center"><img src="cid:${QR_CID}" width="240" height="240" alt="${escapeHtml(block.alt)}"><br><code style="display:block;font-size:12px;color:#555;word-break:break-all;overflow-wrap:anywhere" dir="ltr">${escapeHtml(block.code)}</code></p>`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.rows.map(([k, v]) => `${k}: ${v}`).join('\n');
    case 'button':
      return `${block.label}: ${block.href}`;
    case 'qr':
      return block.alt;
  }
}

/** The subject, the HTML part and the plain-text part of one message. */
export function renderMessage(data: MessageData, context: RenderContext): RenderedMessage {
  const p = COMMON[context.language];
  const { subject, blocks } = body(data, context, p);
  const rtl = context.language === 'ar';
  const all: Block[] = [{ kind: 'paragraph', text: p.greeting(context.recipientName) }, ...blocks, { kind: 'paragraph', text: p.signature(fairName(context.edition)) }];
  const html = `<!doctype html>
<html lang="${context.language}" dir="${rtl ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:'DejaVu Sans',Arial,sans-serif;font-size:15px;line-height:1.5;color:#222;text-align:${rtl ? 'right' : 'left'}">
<div style="max-width:600px;margin:0 auto">
${all.map((b) => blockHtml(b, rtl)).join('\n')}
</div></body></html>`;
  const text = all.map(blockText).join('\n\n') + '\n';
  return { subject, html, text };
}
