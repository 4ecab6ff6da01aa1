/** Fictional people for the demo fair: names in Latin script with accents and in Arabic script. */

const FIRST = ['Aïcha', 'Youssef', 'Fatima-Zahra', 'Mehdi', 'Salma', 'Omar', 'Khadija', 'Hamza', 'Nadia', 'Rachid', 'Imane', 'Anas', 'Zineb', 'Karim',
  'Hélène', 'Jérôme', 'Léa', 'François', 'Inès', 'José', 'Mamadou', 'Awa', 'Sofiane', 'Chloé', 'Noémie', 'Saïd', 'Ghizlane', 'Amine'];
const LAST = ['Benali', 'El Amrani', 'Ouazzani', 'Berrada', 'Tazi', 'Alaoui', 'Bennani', 'Chraïbi', 'El Idrissi', 'Lahlou', 'Saïdi', 'Ziani',
  'Dupont', 'Lefèvre', 'Müller', 'García', 'Diop', 'Ndiaye', 'Traoré', 'Ben Salah', 'Trabelsi', 'Kouassi', 'Gagné', 'Pérez'];
const ARABIC = [
  ['محمد', 'العلوي'],
  ['فاطمة', 'الزهراء'],
  ['يوسف', 'المرابط'],
  ['خديجة', 'بنعلي'],
  ['عمر', 'الإدريسي'],
  ['سلمى', 'التازي'],
];
const ORGS = ['Université Mohammed Premier', 'OFPPT Oujda', 'Webhelp Maroc', 'Majorel Oujda', 'Intelcia', 'Chambre de Commerce de l’Oriental',
  'Orange Business', 'Maroc Telecom', 'ENSA Oujda', 'Cabinet RH Oriental', 'مركز الاتصال الشرقي', null];
const JOBS = ['Responsable plateau', 'Chargée de recrutement', 'Directeur des opérations', 'Étudiant', 'Superviseur', 'Consultante CX', 'Chef de projet', null];
const COUNTRIES = ['MA', 'MA', 'MA', 'MA', 'FR', 'SN', 'TN', 'ES', 'CI', 'BE', 'CA'];

/** A deterministic pseudo-random sequence, so the demo is the same every time it is loaded. */
export function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

export interface DemoPerson {
  firstName: string;
  lastName: string;
  organisation: string | null;
  jobTitle: string | null;
  country: string;
}

export function demoPerson(n: number, next: () => number): DemoPerson {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const arabic = n % 9 === 0;
  const [firstName, lastName] = arabic ? pick(ARABIC) : [pick(FIRST), pick(LAST)];
  return { firstName, lastName, organisation: pick(ORGS), jobTitle: pick(JOBS), country: pick(COUNTRIES) };
}

/** The officials of the opening ceremony (functions from the report; the names are made up). */
export const DEMO_OFFICIALS: DemoPerson[] = [
  { firstName: 'Mounir', lastName: 'Haddaoui', jobTitle: "Secrétaire d'État chargé de l'Investissement", organisation: 'Gouvernement du Maroc', country: 'MA' },
  { firstName: 'Abdelkrim', lastName: 'Bouziane', jobTitle: "Wali de la région de l'Oriental, gouverneur de la préfecture d'Oujda-Angad", organisation: "Wilaya de l'Oriental", country: 'MA' },
  { firstName: 'Latifa', lastName: 'Zerouali', jobTitle: "Directrice générale de l'ANAPEC", organisation: 'ANAPEC', country: 'MA' },
  { firstName: 'Driss', lastName: 'Amraoui', jobTitle: "Vice-président du Conseil régional de l'Oriental", organisation: "Conseil régional de l'Oriental", country: 'MA' },
  { firstName: 'Samira', lastName: 'Kettani', jobTitle: "Directrice générale de l'Agence de l'Oriental", organisation: "Agence de l'Oriental", country: 'MA' },
  { firstName: 'Hicham', lastName: 'Fassi Fihri', jobTitle: 'Directeur général de MedZ Sourcing', organisation: 'MedZ Sourcing', country: 'MA' },
];
