/** French-flavoured vocabulary for generated fixtures. */

export const FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Jade', 'Louise', 'Emma', 'Alice', 'Lucie', 'Sarah', 'Julie',
  'Marie', 'Claire', 'Anne', 'Élodie', 'Mathilde', 'Océane', 'Margaux', 'Hélène', 'Hugo', 'Lucas', 'Louis',
  'Gabriel', 'Arthur', 'Jules', 'Thomas', 'Nicolas', 'Julien', 'Antoine', 'Maxime', 'Pierre', 'Paul',
  'Mathieu', 'Romain', 'Baptiste', 'Clément', 'Quentin', 'Théo', 'François',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin',
  'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson',
] as const;

export const TRADES = [
  'Boulangerie', 'Garage', 'Cabinet', 'Pharmacie', 'Menuiserie', 'Librairie', 'Atelier', 'Transports',
  'Imprimerie', 'Fromagerie', 'Plomberie', 'Électricité', 'Agence', 'Studio', 'Clinique vétérinaire',
  'Boucherie', 'Pâtisserie', 'Cave', 'Fleuriste', 'Couverture',
] as const;

export const BRAND_WORDS = [
  'Nova', 'Horizon', 'Azur', 'Alpha', 'Lumen', 'Océan', 'Vertige', 'Atlas', 'Hélios', 'Sirius', 'Boréal',
  'Cèdre', 'Iris', 'Opale', 'Quartz', 'Zénith', 'Arcane', 'Mistral', 'Sequoia', 'Volta', 'Comète', 'Altaïr',
] as const;

export const BRAND_SUFFIXES = [
  'Conseil', 'Digital', 'Solutions', 'Logistique', 'Industries', 'Design', 'Consulting', 'Technologies',
  'Énergie', 'Immobilier', 'Services', 'Distribution', 'Ingénierie', 'Médias', 'Santé', 'Bâtiment',
] as const;

export const LEGAL_FORMS = ['SAS', 'SARL', 'SA', 'EURL', 'SASU', ''] as const;

export interface City {
  readonly city: string;
  readonly postal_code: string;
  readonly country_alpha2: string;
  readonly phone: string; // dialing prefix
}

export const FRENCH_CITIES: readonly City[] = [
  ['Paris', '75011'], ['Paris', '75002'], ['Paris', '75015'], ['Paris', '75009'], ['Lyon', '69002'],
  ['Lyon', '69007'], ['Marseille', '13001'], ['Toulouse', '31000'], ['Nice', '06000'], ['Nantes', '44000'],
  ['Strasbourg', '67000'], ['Montpellier', '34000'], ['Bordeaux', '33000'], ['Lille', '59000'],
  ['Rennes', '35000'], ['Reims', '51100'], ['Le Havre', '76600'], ['Saint-Étienne', '42000'],
  ['Toulon', '83000'], ['Grenoble', '38000'], ['Dijon', '21000'], ['Angers', '49000'], ['Nîmes', '30000'],
  ['Villeurbanne', '69100'], ['Clermont-Ferrand', '63000'], ['Aix-en-Provence', '13100'], ['Brest', '29200'],
  ['Tours', '37000'], ['Amiens', '80000'], ['Limoges', '87000'], ['Annecy', '74000'], ['Metz', '57000'],
  ['Besançon', '25000'], ['Perpignan', '66000'], ['Orléans', '45000'], ['Rouen', '76000'], ['Caen', '14000'],
  ['Nancy', '54000'], ['Avignon', '84000'], ['La Rochelle', '17000'], ['Pau', '64000'],
].map(([city, postal_code]) => ({ city: city as string, postal_code: postal_code as string, country_alpha2: 'FR', phone: '+33' }));

export const FOREIGN_CITIES: readonly City[] = [
  { city: 'Bruxelles', postal_code: '1000', country_alpha2: 'BE', phone: '+32' },
  { city: 'Berlin', postal_code: '10115', country_alpha2: 'DE', phone: '+49' },
  { city: 'München', postal_code: '80331', country_alpha2: 'DE', phone: '+49' },
  { city: 'London', postal_code: 'EC1A 1BB', country_alpha2: 'GB', phone: '+44' },
  { city: 'Genève', postal_code: '1201', country_alpha2: 'CH', phone: '+41' },
  { city: 'Luxembourg', postal_code: '1111', country_alpha2: 'LU', phone: '+352' },
];

export const STREETS = [
  'rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'rue Pasteur', 'place de la Mairie',
  'rue du Général Leclerc', 'allée des Tilleuls', 'rue des Lilas', 'quai de la Loire', 'chemin des Vignes',
  'rue Nationale', 'avenue de la Gare', 'rue Gambetta', 'impasse des Acacias', 'rue Saint-Honoré',
  'cours Mirabeau', 'rue Voltaire', 'boulevard Haussmann', 'rue de la Paix', 'avenue Foch',
] as const;

export const FREE_LINE_LABELS = [
  'Frais de port', 'Prestation complémentaire', 'Frais de dossier', 'Intervention urgente',
  'Reprographie', 'Frais de mission', 'Adaptation sur mesure', 'Accompagnement au démarrage',
] as const;

export const MONTHS_FR = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
  'novembre', 'décembre',
] as const;
