import { renderSite } from './functions/domain/site/index.ts';
const files = renderSite({ campaign: null, initiatives: [], siteUrl: 'http://localhost:3000', now: new Date(), phase: 'holding' });
for (const [p, f] of files) console.log(p, f.contentType, String(f.body).length);
console.log(files.get('/index.html')!.body);
