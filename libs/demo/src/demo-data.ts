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

export interface DemoExhibitor {
  name: string;
  legalName?: string;
  country: string;
  city: string;
  sector: 'contact_centre' | 'it_services' | 'recruitment' | 'training' | 'public_institution' | 'solution_vendor' | 'telecom_equipment' | 'furniture';
  /** Stand codes assigned to it. */
  stands: string[];
  status: 'applied' | 'approved' | 'confirmed';
}

/** The 25 exhibitors from 8 countries of shared/DOMAIN.md (companies fictional, institutions real). */
export const DEMO_EXHIBITORS: DemoExhibitor[] = [
  { name: 'Atlas Relation Client', country: 'MA', city: 'Oujda', sector: 'contact_centre', stands: ['A-01', 'A-02'], status: 'confirmed' },
  { name: 'Oriental Contact Services', legalName: 'مركز الشرق للاتصال', country: 'MA', city: 'Oujda', sector: 'contact_centre', stands: ['A-03'], status: 'confirmed' },
  { name: 'Nador Nearshore BPO', country: 'MA', city: 'Nador', sector: 'contact_centre', stands: ['A-04'], status: 'confirmed' },
  { name: 'Casablanca Digital Services', country: 'MA', city: 'Casablanca', sector: 'it_services', stands: ['B-01'], status: 'confirmed' },
  { name: 'Berkane Tech Solutions', country: 'MA', city: 'Berkane', sector: 'it_services', stands: ['B-02'], status: 'confirmed' },
  { name: 'Oujda Talents Recrutement', country: 'MA', city: 'Oujda', sector: 'recruitment', stands: ['A-05'], status: 'confirmed' },
  { name: 'Académie des Métiers de la Relation Client', country: 'MA', city: 'Oujda', sector: 'training', stands: ['A-06'], status: 'confirmed' },
  { name: "CRI de l'Oriental", legalName: "Centre Régional d'Investissement de l'Oriental", country: 'MA', city: 'Oujda', sector: 'public_institution', stands: ['A-07'], status: 'confirmed' },
  { name: 'ANAPEC', legalName: "Agence Nationale de Promotion de l'Emploi et des Compétences", country: 'MA', city: 'Oujda', sector: 'public_institution', stands: ['A-08'], status: 'confirmed' },
  { name: 'Saïdia Mobilier Pro', country: 'MA', city: 'Saïdia', sector: 'furniture', stands: ['B-03'], status: 'confirmed' },
  { name: 'Téléphonie Maghreb Équipements', country: 'MA', city: 'Casablanca', sector: 'telecom_equipment', stands: ['B-04'], status: 'confirmed' },
  { name: 'Rif Cloud Software', country: 'MA', city: 'Al Hoceïma', sector: 'solution_vendor', stands: ['B-05'], status: 'approved' },
  { name: 'Parole & Service', country: 'FR', city: 'Lyon', sector: 'contact_centre', stands: ['A-09'], status: 'confirmed' },
  { name: 'Lyon Voice Technologies', country: 'FR', city: 'Lyon', sector: 'telecom_equipment', stands: ['B-06'], status: 'confirmed' },
  { name: 'CX Logiciels', country: 'FR', city: 'Paris', sector: 'solution_vendor', stands: ['B-07'], status: 'confirmed' },
  { name: 'Formacall France', country: 'FR', city: 'Lille', sector: 'training', stands: ['A-10'], status: 'approved' },
  { name: 'Andalucía Contact Center', country: 'ES', city: 'Málaga', sector: 'contact_centre', stands: ['A-11'], status: 'confirmed' },
  { name: 'Iberia Sillas Ergonómicas', country: 'ES', city: 'Valencia', sector: 'furniture', stands: ['B-08'], status: 'confirmed' },
  { name: 'Dakar Relation Clients', country: 'SN', city: 'Dakar', sector: 'contact_centre', stands: ['A-12'], status: 'confirmed' },
  { name: 'Teranga Digital', country: 'SN', city: 'Dakar', sector: 'it_services', stands: ['B-09'], status: 'approved' },
  { name: 'Tunis Offshore Services', country: 'TN', city: 'Tunis', sector: 'contact_centre', stands: ['A-13'], status: 'confirmed' },
  { name: 'Carthage Solutions Logicielles', country: 'TN', city: 'Tunis', sector: 'solution_vendor', stands: ['B-10'], status: 'confirmed' },
  { name: 'Abidjan Call Partners', country: 'CI', city: 'Abidjan', sector: 'contact_centre', stands: ['A-14'], status: 'confirmed' },
  { name: 'Bruxelles Omnicanal', country: 'BE', city: 'Bruxelles', sector: 'solution_vendor', stands: ['B-11'], status: 'approved' },
  { name: 'Montréal Expérience Client', country: 'CA', city: 'Montréal', sector: 'recruitment', stands: [], status: 'applied' },
];

/** Stands of the floor plan: code → hall, m², type. */
export const DEMO_STANDS: Array<{ code: string; hall: 'Hall A' | 'Hall B'; areaM2: number; type: 'shell_scheme' | 'raw_space' }> = [
  ...Array.from({ length: 16 }, (_, i) => ({
    code: `A-${String(i + 1).padStart(2, '0')}`,
    hall: 'Hall A' as const,
    areaM2: i < 2 ? 36 : i % 3 === 0 ? 18 : 12,
    type: (i < 2 ? 'raw_space' : 'shell_scheme') as 'raw_space' | 'shell_scheme',
  })),
  ...Array.from({ length: 14 }, (_, i) => ({
    code: `B-${String(i + 1).padStart(2, '0')}`,
    hall: 'Hall B' as const,
    areaM2: i % 4 === 0 ? 24 : 9,
    type: 'shell_scheme' as const,
  })),
];

export const DEMO_EXHIBITOR_MANAGER = {
  email: 'exhibitor@atlas-relation-client.demo',
  displayName: 'Yasmine Alaoui (Atlas Relation Client)',
  exhibitor: 'Atlas Relation Client',
};

export const DEMO_ROOMS = [
  { name: 'Grand Auditorium', capacity: 400 },
  { name: 'Salle Angad', capacity: 120 },
  { name: 'Salle Oriental', capacity: 60 },
  { name: 'Hall A', capacity: 800 },
];

/** The programme of shared/DOMAIN.md; `day` 0 is Friday, 1 Saturday; speakers by their function. */
export const DEMO_SESSIONS: Array<{
  day: 0 | 1;
  starts: string;
  ends: string;
  room: string;
  title: string;
  type: 'ceremony' | 'keynote' | 'panel' | 'workshop' | 'job_dating';
  language: 'fr' | 'ar' | 'en';
  description: string;
  speakers: string[];
  registrationRequired?: boolean;
  capacity?: number;
}> = [
  {
    day: 0, starts: '10:00', ends: '11:30', room: 'Grand Auditorium', type: 'ceremony', language: 'fr',
    title: "Cérémonie d'ouverture et remise des prix",
    description: "Allocutions officielles et remise des cinq prix aux opérateurs de l'offshoring.",
    speakers: ["Secrétaire d'État chargé de l'Investissement", "Wali de la région de l'Oriental, gouverneur de la préfecture d'Oujda-Angad", "Directrice générale de l'ANAPEC", "Vice-président du Conseil régional de l'Oriental"],
  },
  { day: 0, starts: '11:30', ends: '12:00', room: 'Hall A', type: 'ceremony', language: 'fr', title: "Inauguration de l'exposition", description: 'Visite officielle des stands.', speakers: [] },
  {
    day: 0, starts: '14:00', ends: '15:30', room: 'Salle Angad', type: 'panel', language: 'fr',
    title: "Orientaliser l'offshoring : les atouts de la région",
    description: "Foncier, talents et incitations de l'Oriental pour les centres de contacts.",
    speakers: ["Directrice générale de l'Agence de l'Oriental", 'Directeur général de MedZ Sourcing'],
  },
  {
    day: 0, starts: '16:00', ends: '17:00', room: 'Salle Oriental', type: 'workshop', language: 'fr',
    title: 'Atelier « Cités des Métiers et des Compétences »', description: "Présenté par l'ANAPEC.",
    speakers: ["Directrice générale de l'ANAPEC"],
  },
  { day: 1, starts: '10:00', ends: '11:00', room: 'Salle Angad', type: 'panel', language: 'fr', title: "Le digital et l'IA dans la relation client", description: 'Bots, analyse des conversations et nouveaux métiers.', speakers: [] },
  { day: 1, starts: '11:30', ends: '12:30', room: 'Salle Oriental', type: 'workshop', language: 'fr', title: 'Former aux métiers des centres de contacts', description: "Atelier de l'OFPPT.", speakers: [] },
  {
    day: 1, starts: '14:00', ends: '16:00', room: 'Salle Oriental', type: 'job_dating', language: 'fr', title: 'Job dating', description: 'Rencontres candidats–recruteurs, sur inscription.',
    speakers: [], registrationRequired: true, capacity: 60,
  },
];

/** The five operator prizes of shared/DOMAIN.md: criteria (weights sum to 100) and nominees among the demo exhibitors. */
export const DEMO_PRIZES: Array<{ name: string; description: string; criteria: Array<[string, number]>; nominees: string[] }> = [
  {
    name: 'Excellence de la relation client',
    description: 'La meilleure qualité de service rendue aux clients.',
    criteria: [['Qualité de service mesurée', 30], ['Satisfaction client', 25], ['Multilinguisme', 15], ['Formation des conseillers', 15], ['Innovation de service', 15]],
    nominees: ['Atlas Relation Client', 'Oriental Contact Services', 'Nador Nearshore BPO', 'Dakar Relation Clients'],
  },
  {
    name: "Employeur de l'année",
    description: "L'opérateur qui a le plus et le mieux recruté.",
    criteria: [['Emplois créés', 35], ['Conditions de travail', 25], ['Formation et promotion interne', 20], ['Égalité des chances', 20]],
    nominees: ['Atlas Relation Client', 'Oujda Talents Recrutement', 'Tunis Offshore Services', 'Abidjan Call Partners'],
  },
  {
    name: 'Innovation digitale',
    description: "L'usage le plus utile du digital et de l'IA dans la relation client.",
    criteria: [['Originalité', 25], ['Impact mesuré', 30], ['Maturité technique', 20], ['Protection des données', 15], ['Accessibilité', 10]],
    nominees: ['Rif Cloud Software', 'CX Logiciels', 'Casablanca Digital Services', 'Berkane Tech Solutions', 'Carthage Solutions Logicielles'],
  },
  {
    name: "Investissement dans l'Oriental",
    description: "Un site nouveau ou agrandi dans la région de l'Oriental.",
    criteria: [['Montant investi', 30], ['Emplois dans la région', 35], ['Partenariats locaux', 20], ['Durabilité du site', 15]],
    nominees: ['Oriental Contact Services', 'Nador Nearshore BPO', 'Andalucía Contact Center'],
  },
  {
    name: 'Responsabilité sociale',
    description: 'Engagement social et environnemental.',
    criteria: [['Inclusion', 30], ['Environnement', 25], ['Engagement local', 25], ['Gouvernance', 20]],
    nominees: ['Parole & Service', 'Atlas Relation Client', 'Académie des Métiers de la Relation Client', 'Saïdia Mobilier Pro'],
  },
];

/** Every demo account and its role (password DEMO_PASSWORD), as the banner and the docs page list them. */
export const DEMO_LOGINS: ReadonlyArray<{ email: string; role: string }> = [
  ...DEMO_USERS.map((u) => ({ email: u.email, role: u.role })),
  { email: DEMO_EXHIBITOR_MANAGER.email, role: 'exhibitor' },
];
