import { readFileSync } from 'node:fs';
import { openTestCampaign } from '../test/support/seed.ts';
import { closeApplications, seedApplications } from '../test/support/admin-seed.ts';
const s = JSON.parse(readFileSync('/tmp/dev-stack.json', 'utf8'));
const c = await openTestCampaign(s, { title: 'Nos territoires ont de l’avenir 2027' });
await seedApplications(s, [
  { company: 'Le Pôle S', initiative: 'Coder dans les quartiers', axis: 'emploi-citoyennete', region: 'Île-de-France', email: 'poles@example.org' },
  { company: 'Bou’Sol', initiative: 'Boulangeries solidaires', axis: 'environnement-economie', region: 'Occitanie', email: 'bousol@example.org' },
  { company: 'Groupe Archer', initiative: 'Start-up de territoire', axis: 'mobilisation-cooperations', region: 'Auvergne-Rhône-Alpes', email: 'archer@example.org' },
  { company: 'Intermed', initiative: 'Vert(s) des choix solidaires', axis: 'environnement-economie', region: 'Bourgogne-Franche-Comté', email: 'intermed@example.org', incomplete: true },
]);
await closeApplications(s, c.id);
console.log('seeded', c.id);
process.exit(0);
