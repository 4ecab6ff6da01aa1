/** The demo fair of shared/DOMAIN.md: the 16th SICCAM. People and companies are fictional. */

export const DEMO_PASSWORD = 'siccam2027';
export const DEMO_TIME_ZONE = 'Africa/Casablanca';

export const DEMO_EDITION = {
  slug: 'siccam-16',
  name: 'SICCAM',
  editionNumber: 16,
  theme: "Orientaliser l'offshoring et le digital",
  venue: 'Parc Oujda Shore',
  city: 'Oujda',
  country: 'MA',
  timeZone: DEMO_TIME_ZONE,
  opensAt: '09:00',
  closesAt: '18:00',
};

export interface DemoUser {
  email: string;
  displayName: string;
  role: 'admin' | 'desk' | 'jury';
  organisation?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@siccam.demo', displayName: 'Organisation SICCAM (CRI de l’Oriental)', role: 'admin', organisation: "CRI de l'Oriental" },
  { email: 'desk1@siccam.demo', displayName: 'Accueil 1 – Hall A', role: 'desk' },
  { email: 'desk2@siccam.demo', displayName: 'Accueil 2 – Hall B', role: 'desk' },
  { email: 'jury1@siccam.demo', displayName: 'Nadia Benjelloun', role: 'jury', organisation: 'Université Mohammed Premier' },
  { email: 'jury2@siccam.demo', displayName: 'Karim El Fassi', role: 'jury', organisation: 'Association Marocaine de la Relation Client' },
  { email: 'jury3@siccam.demo', displayName: 'Aïcha Ouazzani', role: 'jury', organisation: 'Atlas Relation Client' },
  { email: 'jury4@siccam.demo', displayName: 'Hélène Mercier', role: 'jury', organisation: 'Cabinet Mercier Conseil' },
  { email: 'jury5@siccam.demo', displayName: 'يوسف المرابط', role: 'jury', organisation: 'Chambre de Commerce de l’Oriental' },
];
