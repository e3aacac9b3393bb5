import sharp from 'sharp';
const [file, prefix] = process.argv.slice(2) as [string, string];
const meta = await sharp(file).metadata();
for (let top = 0, i = 0; top < meta.height!; top += 1800, i++) {
  await sharp(file).extract({ left: 0, top, width: meta.width!, height: Math.min(1800, meta.height! - top) }).toFile(`${prefix}-${i}.png`);
  console.log(`${prefix}-${i}.png`);
}
