/** The 40 suppliers of the demo books: who they are, what they bill, how they are paid. */
import type { SupplierDueDateRule, SupplierPaymentMethod } from '../records-purchases.js';

export interface SupplierTemplate {
  readonly name: string;
  /** Expense account (PCG class 6) of its invoice lines. */
  readonly account: string;
  readonly vat: string;
  readonly method: SupplierPaymentMethod | null;
  readonly delay: number | null;
  readonly rule: SupplierDueDateRule | null;
  /** Monthly invoice on this day of month (recurring suppliers). */
  readonly monthlyDay?: number;
  /** Total before tax of one invoice, cents. */
  readonly min: number;
  readonly max: number;
  readonly labels: readonly string[];
  readonly country: 'FR' | 'IE' | 'NL';
  /** Relative frequency of ad hoc invoices (0 for monthly suppliers). */
  readonly weight: number;
}

const T = (
  name: string, account: string, vat: string, method: SupplierPaymentMethod | null, delay: number | null,
  rule: SupplierDueDateRule | null, min: number, max: number, labels: readonly string[], weight: number,
  extra: { monthlyDay?: number; country?: 'FR' | 'IE' | 'NL' } = {},
): SupplierTemplate => ({ name, account, vat, method, delay, rule, min, max, labels, weight, country: extra.country ?? 'FR', ...(extra.monthlyDay ? { monthlyDay: extra.monthlyDay } : {}) });

const DEV = ['Développement', 'Intégration', 'Design UI', 'Gestion de projet', 'Recette fonctionnelle'] as const;

export const SUPPLIER_CATALOGUE: readonly SupplierTemplate[] = [
  T('SCI Les Tilleuls', '613200', 'FR_200', 'manual_transfer', 0, 'days', 340000, 340000, ['Loyer bureaux', 'Provision sur charges'], 0, { monthlyDay: 1 }),
  T('EDF Entreprises', '606100', 'FR_200', 'automatic_debiting', 15, 'days', 18000, 42000, ['Consommation électricité', 'Abonnement'], 0, { monthlyDay: 12 }),
  T('Orange Business Services', '626000', 'FR_200', 'automatic_debiting', 20, 'days', 8900, 14900, ['Forfait fibre pro', 'Forfaits mobiles'], 0, { monthlyDay: 5 }),
  T('Cabinet Moreau Expertise Comptable', '622600', 'FR_200', 'manual_transfer', 30, 'days', 78000, 78000, ['Honoraires mission comptable', 'Mission sociale'], 0, { monthlyDay: 28 }),
  T('Slack Technologies Ltd', '651000', 'crossborder', 'card', 0, 'days', 6700, 26800, ['Slack Pro - licences'], 0, { monthlyDay: 3, country: 'IE' }),
  T('Google Cloud France SARL', '651000', 'FR_200', 'card', 0, 'days', 12000, 48000, ['Google Workspace', 'Google Cloud Platform'], 0, { monthlyDay: 2 }),
  T('Alan SA', '616000', 'exempt', 'automatic_debiting', 0, 'days', 38000, 38000, ['Cotisation mutuelle santé'], 0, { monthlyDay: 6 }),
  T('Lyreco France', '606400', 'FR_200', 'manual_transfer', 30, 'days_or_end_of_month', 4000, 60000, ['Ramettes papier', 'Fournitures de bureau', 'Cartouches toner', 'Classeurs'], 4),
  T('Bureau Vallée', '606400', 'FR_200', 'card', 0, 'days', 2000, 25000, ['Fournitures de bureau', 'Petit matériel'], 3),
  T('Ingram Micro France', '607000', 'FR_200', 'manual_transfer', 45, 'days_or_end_of_month', 80000, 900000, ['Écrans 27 pouces', 'Claviers ergonomiques', "Stations d'accueil USB-C", 'Casques audio', 'Disques SSD'], 5),
  T('TD Synnex France', '607000', 'FR_200', 'manual_transfer', 45, 'days_or_end_of_month', 60000, 700000, ['Routeurs Wi-Fi 6', 'Câbles HDMI', 'Sacs ordinateur', 'Lampes LED'], 4),
  T('Cafés Richard', '607000', 'FR_55', 'bill_of_exchange', 30, 'days', 30000, 150000, ['Café en grains', 'Thé bio', 'Paniers gourmands'], 2),
  T('Materiel.net Pro', '607000', 'FR_200', 'card', 0, 'days', 20000, 250000, ['Chaises de bureau', 'Écrans', 'Accessoires'], 2),
  T('Studio Lambert', '604000', 'FR_200', 'manual_transfer', 30, 'days', 150000, 1200000, DEV, 3),
  T('Julien Mercier Consulting', '604000', 'FR_200', 'manual_transfer', 30, 'days', 150000, 900000, DEV, 3),
  T('Camille Roux Design', '604000', 'FR_200', 'manual_transfer', 30, 'days', 120000, 600000, DEV, 2),
  T('Atelier Fontaine Développement', '604000', 'FR_200', 'manual_transfer', 45, 'days', 200000, 1200000, DEV, 3),
  T('Hugo Garnier Conseil', '604000', 'FR_200', 'manual_transfer', 30, 'days', 100000, 500000, DEV, 2),
  T('Léa Chevalier Rédaction', '604000', 'FR_200', 'check', 30, 'days', 40000, 200000, ['Rédaction web', 'Traduction', 'Relecture'], 2),
  T('SNCF Voyageurs', '625100', 'FR_100', 'card', 0, 'days', 8000, 60000, ['Billets de train'], 3),
  T('Air France', '625100', 'FR_100', 'card', 0, 'days', 15000, 140000, ["Billets d'avion"], 2),
  T('Accor Hotels', '625100', 'FR_100', 'card', 0, 'days', 9000, 80000, ['Hébergement', 'Petit-déjeuner'], 3),
  T('Le Bistrot Gourmand', '625100', 'FR_100', 'card', 0, 'days', 6000, 45000, ['Repas client'], 2),
  T('Google Ireland Ltd', '623000', 'crossborder', 'card', 0, 'days', 20000, 250000, ['Campagne Google Ads'], 3, { country: 'IE' }),
  T('Imprimerie Lefebvre', '623000', 'FR_200', 'manual_transfer', 30, 'days', 30000, 200000, ['Flyers', 'Cartes de visite', 'Kakémonos'], 2),
  T('Agence Nova Médias', '623000', 'FR_200', 'manual_transfer', 45, 'days_or_end_of_month', 100000, 600000, ['Campagne social ads', 'Création graphique', 'Reporting'], 2),
  T('Plomberie Girard', '615000', 'FR_200', 'check', 30, 'days', 12000, 90000, ['Intervention plomberie', 'Pièces'], 1),
  T('Nettoyage Pro Services', '615000', 'FR_200', 'automatic_transfer', 30, 'days', 35000, 60000, ['Entretien des locaux'], 3),
  T('Securitas Alert Services', '615000', 'FR_200', 'automatic_debiting', 15, 'days', 9000, 15000, ['Télésurveillance'], 1),
  T('Bricorama Pro', '615000', 'FR_200', 'card', 0, 'days', 3000, 40000, ['Petit équipement', 'Quincaillerie'], 1),
  T('OVHcloud', '651000', 'FR_200', 'card', 0, 'days', 2000, 30000, ['Serveur dédié', 'Noms de domaine'], 3),
  T('Atlassian B.V.', '651000', 'crossborder', 'card', 0, 'days', 5000, 60000, ['Jira Cloud', 'Confluence Cloud'], 2, { country: 'NL' }),
  T('Adobe Systems Software Ireland', '651000', 'crossborder', 'card', 0, 'days', 6000, 40000, ['Creative Cloud'], 2, { country: 'IE' }),
  T('La Poste Pro', '626000', 'FR_200', 'card', 0, 'days', 1500, 15000, ['Affranchissement', 'Colissimo'], 3),
  T('Chronopost', '626000', 'FR_200', 'manual_transfer', 30, 'days', 2500, 30000, ['Expéditions express'], 2),
  T('Metro Cash & Carry', '606400', 'FR_55', 'card', 0, 'days', 3000, 30000, ['Fournitures cuisine', 'Boissons'], 1),
  T('Kiloutou', '613200', 'FR_200', 'manual_transfer', 30, 'days', 8000, 70000, ['Location matériel'], 1),
  T('Wolters Kluwer France', '606400', 'FR_55', 'manual_transfer', 30, 'days', 9000, 40000, ['Abonnement documentation'], 1),
  T('Hiscox France', '616000', 'exempt', 'manual_transfer', 30, 'days', 60000, 180000, ['Assurance RC Pro'], 1),
  T('Dupont Électricité', '615000', 'FR_200', null, null, null, 15000, 120000, ['Mise aux normes électriques', 'Fournitures'], 1),
];

export const FOREIGN_SUPPLIER_CITIES = {
  IE: { city: 'Dublin', postal_code: 'D02 X285', country_alpha2: 'IE', phone: '+353' },
  NL: { city: 'Amsterdam', postal_code: '1017 CE', country_alpha2: 'NL', phone: '+31' },
} as const;
