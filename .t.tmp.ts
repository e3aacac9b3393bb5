import { fixtureMedia, fixtureSite } from './test/support/site-fixtures.ts';
const t=Date.now(); await fixtureMedia(fixtureSite().initiatives); console.log('media ms', Date.now()-t);
