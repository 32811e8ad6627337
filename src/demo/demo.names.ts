// Name lists for the generated demo company (German and English customers).
export const firstNamesDe = [
  'Anna', 'Lena', 'Marie', 'Sophie', 'Laura', 'Julia', 'Katharina', 'Sabine', 'Petra', 'Monika', 'Claudia',
  'Birgit', 'Susanne', 'Andrea', 'Heike', 'Ursula', 'Renate', 'Christine', 'Helga', 'Ingrid', 'Lukas', 'Jonas',
  'Leon', 'Felix', 'Paul', 'Maximilian', 'Thomas', 'Michael', 'Andreas', 'Stefan', 'Markus', 'Frank', 'Jürgen',
  'Klaus', 'Wolfgang', 'Peter', 'Uwe', 'Dieter', 'Bernd', 'Matthias', 'Tobias', 'Sebastian', 'Florian', 'Georg',
];
export const lastNamesDe = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier', 'Lehmann',
  'Huber', 'Mayer', 'Herrmann', 'König', 'Walter', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller',
];
export const firstNamesEn = ['Emma', 'Olivia', 'James', 'Oliver', 'Charlotte', 'George', 'Amelia', 'Harry', 'Grace', 'Jack'];
export const lastNamesEn = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker'];
export const companySuffixes = ['GmbH', 'GmbH & Co. KG', 'AG', 'e.K.', 'OHG'];
export const companyStems = ['Bäckerei', 'Elektro', 'Gartenbau', 'Pflegedienst', 'Sanitär', 'Kurierdienst', 'Malerbetrieb', 'Apotheke'];
