// Swedish name pools for the demo organisation. Spelling variants (Karlsson/Carlsson,
// Persson/Pehrsson, Filip/Philip) and å/ä/ö/é are deliberate: directory search must cope with them.

export const GIVEN_NAMES = [
  'Anna', 'Maria', 'Eva', 'Karin', 'Kristina', 'Christina', 'Lena', 'Sara', 'Sofia', 'Sophia',
  'Emma', 'Elin', 'Ida', 'Linnéa', 'Linnea', 'Åsa', 'Märta', 'Ingrid', 'Birgitta', 'Malin',
  'Hélène', 'Agneta', 'Ulrika', 'Johanna', 'Frida', 'Maja', 'Saga', 'Ebba', 'Astrid', 'Margareta',
  'Erik', 'Eric', 'Lars', 'Per', 'Pär', 'Karl', 'Carl', 'Johan', 'Anders', 'Mikael', 'Michael',
  'Filip', 'Philip', 'Björn', 'Göran', 'Örjan', 'Åke', 'Mats', 'Magnus', 'Jonas', 'Fredrik',
  'Henrik', 'Oscar', 'Oskar', 'André', 'René', 'Stefan', 'Thomas', 'Tomas', 'Ali', 'Ahmed',
  'Nils', 'Gustav', 'Gustaf', 'Olof', 'Olov', 'Emil', 'Viktor', 'Victor', 'Hampus', 'Sven',
] as const;

export const SURNAMES = [
  'Andersson', 'Johansson', 'Karlsson', 'Carlsson', 'Nilsson', 'Eriksson', 'Ericsson', 'Larsson',
  'Olsson', 'Persson', 'Pehrsson', 'Svensson', 'Gustafsson', 'Gustavsson', 'Pettersson',
  'Petersson', 'Jonsson', 'Jönsson', 'Lindström', 'Åberg', 'Öberg', 'Ekström', 'Bäckström',
  'Sjöberg', 'Hedén', 'Lindé', 'Engström', 'Håkansson', 'Fransson', 'Berg', 'Strömberg',
  'Axelsson', 'Magnusson', 'Claesson', 'Klasson', 'Mohammed', 'Hassan', 'Nyström', 'Wikström',
  'Söderberg', 'Lundqvist', 'Lundkvist', 'Holmgren', 'Bergström', 'Sandén', 'Åström',
] as const;
