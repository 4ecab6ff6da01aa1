/** Badge sizes, regions and category colours. Points: 1/72 inch. */

const MM = 72 / 25.4;

export const LAYOUTS = ['a6', 'label_4x3', 'id1'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export interface BadgeLayout {
  name: LayoutName;
  width: number;
  height: number;
  /** The coloured band with the category and the fair. */
  band: { height: number; labelSize: number; fairSize: number };
  /** Where the text goes. */
  text: { x: number; y: number; width: number; nameMax: number; nameMin: number; orgSize: number; detailSize: number };
  /** The QR code, a square. */
  qr: { x: number; y: number; size: number };
}

function a6(): BadgeLayout {
  const width = 105 * MM;
  const height = 148 * MM;
  const margin = 16;
  const qr = 44 * MM;
  return {
    name: 'a6',
    width,
    height,
    band: { height: 64, labelSize: 20, fairSize: 10 },
    text: { x: margin, y: 84, width: width - 2 * margin, nameMax: 30, nameMin: 12, orgSize: 14, detailSize: 10 },
    qr: { x: (width - qr) / 2, y: height - qr - 16, size: qr },
  };
}

function label4x3(): BadgeLayout {
  const width = 4 * 72;
  const height = 3 * 72;
  const qr = 33 * MM;
  return {
    name: 'label_4x3',
    width,
    height,
    band: { height: 34, labelSize: 14, fairSize: 8 },
    text: { x: 12, y: 46, width: width - qr - 34, nameMax: 24, nameMin: 10, orgSize: 11, detailSize: 8 },
    qr: { x: width - qr - 12, y: 46, size: qr },
  };
}

function id1(): BadgeLayout {
  const width = 85.6 * MM;
  const height = 53.98 * MM;
  const qr = 24 * MM;
  return {
    name: 'id1',
    width,
    height,
    band: { height: 24, labelSize: 10, fairSize: 6 },
    text: { x: 8, y: 32, width: width - qr - 22, nameMax: 15, nameMin: 7, orgSize: 8, detailSize: 6 },
    qr: { x: width - qr - 8, y: height - qr - 8, size: qr },
  };
}

export function layout(name: LayoutName): BadgeLayout {
  return name === 'a6' ? a6() : name === 'label_4x3' ? label4x3() : id1();
}

/** Colour and label of each category: readable at a glance, in French first. */
export const CATEGORY_STYLE: Record<string, { colour: string; label: string }> = {
  visitor: { colour: '#1565c0', label: 'VISITEUR' },
  exhibitor_staff: { colour: '#2e7d32', label: 'EXPOSANT' },
  speaker: { colour: '#6a1b9a', label: 'INTERVENANT' },
  press: { colour: '#ef6c00', label: 'PRESSE' },
  official: { colour: '#b71c1c', label: 'OFFICIEL' },
  jury: { colour: '#4e342e', label: 'JURY' },
  organiser: { colour: '#212121', label: 'ORGANISATION' },
};

export interface BadgeData {
  attendeeId: string;
  badgeVersion: number;
  firstName: string;
  lastName: string;
  organisation: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  category: string;
  /** Local fair days, YYYY-MM-DD. */
  days: string[];
  /** The signed badge code for the QR. */
  code: string;
  fair: string;
  /** For bulk sorting. */
  exhibitor: string | null;
}

const countryNames = new Intl.DisplayNames(['fr'], { type: 'region' });
const dayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'long', timeZone: 'UTC' });

export function countryName(code: string | null): string | null {
  if (!code) return null;
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** « ven. 16 avril · sam. 17 avril » */
export function daysText(days: string[]): string {
  return days.map((d) => dayFormat.format(new Date(`${d}T12:00:00Z`))).join(' · ');
}
