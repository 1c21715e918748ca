/** The 40-product catalogue: services (706) and goods (707), several VAT rates. */
import { formatCents } from '../money.js';
import type { ProductRecord } from '../records.js';
import { addDays, daysBetween } from '../time.js';
import { iso, processedAfter, stampOn, type SeedContext } from './context.js';
import { slugify } from './identity.js';

type Kind = 'services' | 'goods';
/** label, unit, min price (cents), max price (cents), step (cents), VAT code, kind, description */
type Template = readonly [string, string, number, number, number, string, Kind, string];

const CATALOGUE: readonly Template[] = [
  ['Conseil stratégique', 'jour', 85000, 120000, 5000, 'FR_200', 'services', 'Journée de conseil en stratégie'],
  ['Développement web', 'jour', 55000, 75000, 2500, 'FR_200', 'services', 'Développement et intégration'],
  ['Audit SEO', 'forfait', 90000, 150000, 10000, 'FR_200', 'services', 'Audit technique et sémantique'],
  ['Maintenance applicative', 'mois', 30000, 90000, 5000, 'FR_200', 'services', 'Maintenance corrective et évolutive'],
  ['Hébergement web', 'mois', 2500, 12000, 500, 'FR_200', 'services', 'Hébergement mutualisé, sauvegardes incluses'],
  ['Formation professionnelle', 'jour', 90000, 140000, 5000, 'exempt', 'services', 'Action de formation (exonérée)'],
  ['Atelier design thinking', 'demi-journée', 60000, 90000, 5000, 'FR_200', 'services', "Atelier d'idéation"],
  ['Gestion de projet', 'heure', 7500, 11000, 500, 'FR_200', 'services', 'Pilotage et coordination'],
  ['Rédaction de contenus', 'page', 6000, 12000, 500, 'FR_200', 'services', 'Rédaction web optimisée'],
  ['Photographie produit', 'séance', 35000, 60000, 2500, 'FR_200', 'services', 'Séance photo en studio'],
  ['Support technique', 'heure', 6000, 9000, 500, 'FR_200', 'services', 'Assistance utilisateurs'],
  ['Licence logiciel annuelle', 'licence', 24000, 120000, 1000, 'FR_200', 'services', 'Licence annuelle par utilisateur'],
  ['Abonnement SaaS Pro', 'mois', 4900, 19900, 1000, 'FR_200', 'services', 'Abonnement mensuel, sans engagement'],
  ['Intervention sur site', 'forfait', 15000, 30000, 2500, 'FR_200', 'services', 'Déplacement et intervention'],
  ['Traduction EN-FR', 'mot', 9, 15, 1, 'FR_200', 'services', 'Traduction professionnelle'],
  ['Indemnités kilométriques', 'km', 45, 62, 1, 'FR_200', 'services', 'Frais de déplacement refacturés'],
  ['Travaux de rénovation énergétique', 'forfait', 180000, 420000, 10000, 'FR_55', 'services', 'Isolation et équipements'],
  ["Travaux d'amélioration", 'forfait', 80000, 250000, 10000, 'FR_100', 'services', 'Travaux dans un logement de plus de 2 ans'],
  ['Prestation traiteur', 'personne', 1800, 4500, 50, 'FR_100', 'services', "Repas d'équipe livré"],
  ['Ouvrage technique', 'pièce', 2500, 6000, 50, 'FR_55', 'goods', 'Livre broché'],
  ['Abonnement revue professionnelle', 'pièce', 800, 2500, 10, 'FR_21', 'goods', 'Publication de presse'],
  ['Écran 27 pouces', 'pièce', 22000, 38000, 1000, 'FR_200', 'goods', 'Écran IPS QHD'],
  ['Clavier ergonomique', 'pièce', 6900, 14900, 1000, 'FR_200', 'goods', 'Clavier sans fil AZERTY'],
  ['Câble HDMI 2 m', 'pièce', 890, 1490, 100, 'FR_200', 'goods', 'Câble HDMI 2.1'],
  ['Casque audio Bluetooth', 'pièce', 7900, 19900, 1000, 'FR_200', 'goods', 'Réduction de bruit active'],
  ["Station d'accueil USB-C", 'pièce', 12900, 24900, 1000, 'FR_200', 'goods', 'Double écran, 100 W'],
  ['Ramette papier A4', 'carton', 2490, 3990, 100, 'FR_200', 'goods', 'Carton de 5 ramettes 80 g'],
  ["Cartouche d'encre", 'pièce', 1990, 5990, 100, 'FR_200', 'goods', 'Cartouche haute capacité'],
  ['Chaise de bureau', 'pièce', 19900, 44900, 1000, 'FR_200', 'goods', 'Chaise ergonomique'],
  ['Lampe LED de bureau', 'pièce', 2990, 7990, 100, 'FR_200', 'goods', 'Lampe à intensité variable'],
  ['Kit de démarrage', 'kit', 9900, 19900, 1000, 'FR_200', 'goods', "Kit d'accueil nouvel arrivant"],
  ['Café en grains 1 kg', 'kg', 1890, 3290, 10, 'FR_55', 'goods', 'Arabica torréfié en France'],
  ['Thé bio 250 g', 'pièce', 790, 1490, 10, 'FR_55', 'goods', 'Thé vert biologique'],
  ['Panier gourmand', 'pièce', 3900, 8900, 100, 'FR_55', 'goods', 'Produits régionaux'],
  ['Carte cadeau', 'pièce', 2500, 10000, 2500, 'exempt', 'goods', 'Carte cadeau multi-enseignes'],
  ['Disque SSD 1 To', 'pièce', 7900, 14900, 1000, 'FR_200', 'goods', 'SSD NVMe'],
  ['Routeur Wi-Fi 6', 'pièce', 12900, 29900, 1000, 'FR_200', 'goods', 'Routeur bi-bande'],
  ['Sac à dos ordinateur', 'pièce', 4900, 9900, 1000, 'FR_200', 'goods', 'Compartiment 15 pouces'],
  ['Agenda 2027', 'pièce', 1290, 2490, 10, 'FR_200', 'goods', 'Agenda semainier'],
  ["Plante d'intérieur", 'pièce', 1990, 5990, 100, 'FR_100', 'goods', 'Plante verte en pot'],
];

export interface SeedProduct {
  readonly row: ProductRecord;
  readonly kind: Kind;
}

export function seedProducts(ctx: SeedContext): SeedProduct[] {
  const { rng, store } = ctx;
  const span = daysBetween(ctx.originDate, ctx.today);
  const out: SeedProduct[] = [];
  CATALOGUE.forEach(([label, unit, min, max, step, vatRate, kind, description], i) => {
    const price = min + step * rng.int(0, Math.floor((max - min) / step));
    const createdDate = addDays(ctx.originDate, rng.int(0, span - 600));
    const createdAt = iso(stampOn(ctx, createdDate));
    const account = kind === 'services' ? ctx.accounts.services : ctx.accounts.goods;
    const row: ProductRecord = {
      id: store.ids.next('products'),
      label,
      description,
      external_reference: rng.chance(0.6) ? `SKU-${slugify(label).toUpperCase().slice(0, 12)}-${rng.digits(3)}` : rng.uuid(),
      price_before_tax: formatCents(BigInt(price)),
      vat_rate: vatRate,
      unit,
      currency: 'EUR',
      reference: rng.chance(0.8) ? `PRD-${String(i + 1).padStart(3, '0')}` : null,
      ledger_account_id: account.id,
      archived_at: null,
      created_at: createdAt,
      updated_at: createdAt,
    };
    store.tables.products.put(row);
    store.recordChange('products', row, 'insert', processedAfter(ctx, createdAt));
    if (rng.chance(0.25)) {
      const updated = iso(stampOn(ctx, addDays(createdDate, rng.int(30, 400))));
      if (updated > createdAt) {
        row.updated_at = updated;
        store.recordChange('products', row, 'update', processedAfter(ctx, updated));
      }
    }
    out.push({ row, kind });
  });
  return out;
}
