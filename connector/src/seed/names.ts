/** Word lists for believable Czech, Polish and German demo data. */

export const CZECH_MEN: readonly (readonly [string, string])[] = [
  ['Petr', 'Novotný'], ['Martin', 'Kučera'], ['Tomáš', 'Veselý'], ['Jiří', 'Horák'], ['Pavel', 'Němec'],
  ['Lukáš', 'Marek'], ['Jakub', 'Pospíšil'], ['Michal', 'Hájek'], ['David', 'Jelínek'], ['Ondřej', 'Růžička'],
  ['Josef', 'Beneš'], ['Jaroslav', 'Fiala'], ['Miroslav', 'Sedláček'], ['Zdeněk', 'Doležal'], ['Václav', 'Zeman'],
  ['Radek', 'Kolář'], ['Filip', 'Navrátil'], ['Vojtěch', 'Čermák'], ['Roman', 'Urban'], ['Milan', 'Vaněk'],
  ['Stanislav', 'Blažek'], ['Aleš', 'Kříž'], ['Libor', 'Kovář'], ['Marek', 'Bartoš'], ['Daniel', 'Vlček'],
];

export const CZECH_WOMEN: readonly (readonly [string, string])[] = [
  ['Jana', 'Novotná'], ['Lenka', 'Kučerová'], ['Kateřina', 'Veselá'], ['Lucie', 'Horáková'], ['Hana', 'Němcová'],
  ['Martina', 'Marková'], ['Tereza', 'Pospíšilová'], ['Veronika', 'Hájková'], ['Michaela', 'Jelínková'],
  ['Zuzana', 'Růžičková'], ['Monika', 'Benešová'], ['Markéta', 'Fialová'], ['Barbora', 'Sedláčková'],
  ['Alena', 'Doležalová'], ['Ivana', 'Zemanová'], ['Klára', 'Kolářová'], ['Simona', 'Navrátilová'],
  ['Petra', 'Čermáková'], ['Eliška', 'Urbanová'], ['Dana', 'Vaňková'], ['Radka', 'Blažková'], ['Jitka', 'Křížová'],
];

export const POLISH_PEOPLE: readonly (readonly [string, string])[] = [
  ['Piotr', 'Kowalski'], ['Anna', 'Nowak'], ['Krzysztof', 'Wiśniewski'], ['Agnieszka', 'Wójcik'],
  ['Tomasz', 'Kamiński'], ['Magdalena', 'Lewandowska'], ['Paweł', 'Zieliński'], ['Joanna', 'Szymańska'],
];

export const GERMAN_PEOPLE: readonly (readonly [string, string])[] = [
  ['Thomas', 'Müller'], ['Sabine', 'Schmidt'], ['Michael', 'Schneider'], ['Julia', 'Fischer'],
  ['Stefan', 'Weber'], ['Claudia', 'Wagner'], ['Andreas', 'Becker'], ['Katrin', 'Hoffmann'],
];

export const POSITIONS: readonly string[] = [
  'jednatel', 'ředitel', 'nákupčí', 'vedoucí nákupu', 'účetní', 'obchodní zástupce', 'asistentka',
  'vedoucí skladu', 'technik', 'projektový manažer', 'fakturace', 'vedoucí provozu',
];

export const CZECH_CITIES: readonly string[] = [
  'Praha', 'Brno', 'Ostrava', 'Plzeň', 'Liberec', 'Olomouc', 'České Budějovice', 'Hradec Králové',
  'Pardubice', 'Zlín', 'Jihlava', 'Kladno', 'Most', 'Karlovy Vary', 'Opava', 'Tábor',
];

export const COMPANY_WORDS: readonly string[] = [
  'Stavby', 'Logistika', 'Elektro', 'Strojírny', 'Obchod', 'Doprava', 'Servis', 'Technik', 'Montáže',
  'Potraviny', 'Textil', 'Nábytek', 'Software', 'Agro', 'Kovo', 'Plasty', 'Tisk', 'Energie', 'Sklo', 'Papír',
];

export const COMPANY_BRANDS: readonly string[] = [
  'Alfa', 'Beta', 'Delta', 'Omega', 'Vltava', 'Morava', 'Labe', 'Sázava', 'Šumava', 'Krkonoše', 'Bohemia',
  'Moravia', 'Sever', 'Jih', 'Centrum', 'Horizont', 'Progres', 'Tempo', 'Atlas', 'Orion', 'Vega', 'Sirius',
];

export const LEGAL_FORMS_CZ: readonly string[] = ['s.r.o.', 'a.s.', 'spol. s r.o.', 'v.o.s.'];
