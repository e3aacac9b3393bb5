import sharp from 'sharp';
let t=Date.now();
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1067"><rect width="100%" height="100%" fill="#8ecae6"/><circle cx="300" cy="300" r="120" fill="#ffb703"/></svg>`;
const a = await sharp(Buffer.from(svg)).png().toBuffer(); console.log('svg->png', Date.now()-t); t=Date.now();
const b = await sharp(Buffer.from(svg)).raw().toBuffer(); console.log('svg->raw', Date.now()-t); t=Date.now();
await sharp(a).resize({width:800}).webp({quality:78}).toBuffer(); console.log('webp800', Date.now()-t); t=Date.now();
await sharp(a).resize({width:1600}).webp({quality:78}).toBuffer(); console.log('webp1600', Date.now()-t); t=Date.now();
await sharp(a).resize({width:1600}).jpeg({quality:80}).toBuffer(); console.log('jpeg1600', Date.now()-t); t=Date.now();
console.log(sharp.concurrency(), sharp.versions);
