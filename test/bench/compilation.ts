import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderCompilation } from '../../functions/compilation/render.ts';
import { AXES } from '../../functions/domain/axes.ts';
import { compilationDocument, compilationEntries, type CompilationSource } from '../../functions/domain/compilation.ts';
import { fmt } from './measure.ts';

/**
 * `npm run bench -- compilation [initiatives]` (default 300): the printed compilation laid out and
 * rendered by pdfmake in this process, as the compilation Lambda does after its downloads: 4 photos
 * per initiative as the photo pipeline stores them (JPEG variants 400/800/1600 px of 4000x3000
 * camera-like photos, quality 80), a 1500-character description each. Prints the time of layout and
 * rendering, the process's peak resident memory (what sizes the Lambda), the PDF's pages and size.
 * Run in its own process (run.ts spawns it), the photos generated beforehand by another one
 * (`--prepare`, cached in the temp dir), so that the peak is this work's alone.
 * BENCH_COMPILATION_PDF=<path> keeps the PDF.
 */

const INITIATIVES = Number(process.argv[2] ?? process.env.BENCH_INITIATIVES ?? 300);
/** Distinct source photos; each initiative gets its own copies of their variants (keys and buffers). */
const SOURCES = 8;
const REGIONS = [
  'Auvergne-Rhône-Alpes',
  'Bretagne',
  'Grand Est',
  'Hauts-de-France',
  'Île-de-France',
  'Normandie',
  'Nouvelle-Aquitaine',
  'Occitanie',
  'Pays de la Loire',
];
const DESCRIPTION =
  "Notre chantier d'insertion accueille chaque année une trentaine de salariés en parcours, qui y apprennent les métiers du réemploi : collecte, tri, réparation et vente. " +
  "Avec les communes voisines, nous avons ouvert une recyclerie où les habitants déposent meubles, vêtements et appareils, et où d'autres les achètent à petit prix.\n\n" +
  "Résultats : 120 tonnes détournées de l'enfouissement l'an dernier, 70 % de sorties vers l'emploi ou la formation, un atelier de réparation ouvert le samedi. " +
  'Nous cherchons maintenant à essaimer le modèle dans deux autres cantons, avec les entreprises du territoire et le conseil départemental.';

const CACHE = path.join(os.tmpdir(), 'avenir-bench-compilation-v1');

/** `--prepare`: the variants of SOURCES camera-like photos, as the photo function writes them (sharp loaded here only). */
async function prepare(): Promise<void> {
  const [{ default: sharp }, { VARIANT_WIDTHS }, { syntheticJpeg }] = await Promise.all([
    import('sharp'),
    import('../../functions/photo/process-image.ts'),
    import('./images.ts'),
  ]);
  await mkdir(CACHE, { recursive: true });
  for (let i = 0; i < SOURCES; i++) {
    const source = await syntheticJpeg(4000, 3000, i + 1);
    for (const width of VARIANT_WIDTHS) {
      const { data, info } = await sharp(source)
        .resize({ width })
        .jpeg({ quality: 80, progressive: true })
        .toBuffer({ resolveWithObject: true });
      await writeFile(path.join(CACHE, `${i}-${info.width}x${info.height}.jpg`), data);
    }
  }
}

async function cachedVariants(): Promise<{ width: number; height: number; bytes: Buffer }[][]> {
  let files = await readdir(CACHE).catch(() => [] as string[]);
  if (files.length < SOURCES * 3) {
    const prepared = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--prepare'], {
      stdio: 'inherit',
    });
    if (prepared.status !== 0) throw new Error('compilation bench: photo preparation failed');
    files = await readdir(CACHE);
  }
  return Promise.all(
    Array.from({ length: SOURCES }, (_, i) =>
      Promise.all(
        files
          .filter((f) => f.startsWith(`${i}-`))
          .map(async (f) => {
            const [width, height] = f.slice(`${i}-`.length, -'.jpg'.length).split('x').map(Number);
            return { width: width!, height: height!, bytes: await readFile(path.join(CACHE, f)) };
          }),
      ),
    ),
  );
}

if (process.argv.includes('--prepare')) {
  await prepare();
  process.exit(0);
}

const heading = (title: string) => console.log(`\n== ${title} ==`);
heading(
  `Compilation (pdfmake): ${INITIATIVES} initiatives x 4 photos, Node ${process.versions.node}, load ${fmt(os.loadavg()[0]!, 1)} on ${os.availableParallelism()} cores`,
);

const sourceVariants = await cachedVariants();
const photos = new Map<string, Buffer>();
const sources: CompilationSource[] = Array.from({ length: INITIATIVES }, (_, i) => {
  const id = `bench-${String(i).padStart(4, '0')}`;
  return {
    app: {
      id,
      fields: {
        company: {
          name: `Entreprise solidaire n° ${i + 1}`,
          city: 'Saint-Dié-des-Vosges',
          department: 'Vosges',
          region: REGIONS[i % REGIONS.length]!,
        },
        initiative: {
          name: `Initiative n° ${i + 1} : réemploi et insertion`,
          axis: AXES[i % AXES.length]!.id,
          description: DESCRIPTION,
          website: 'https://www.example.org',
        },
        contact: { email: 'bench@example.org' },
      },
    },
    photos: [1, 2, 3, 4].map((slot) => {
      const variants = sourceVariants[(i * 4 + slot) % SOURCES]!.map((v) => {
        const key = `media/${id}/${slot}/u/${v.width}.jpg`;
        photos.set(key, Buffer.from(v.bytes));
        return { width: v.width, height: v.height, format: 'jpeg' as const, key };
      });
      return {
        slot,
        state: 'ready',
        width: 4000,
        height: 3000,
        caption: 'Le tri des textiles à la recyclerie',
        credit: 'Zoé Lefèvre',
        variants,
      };
    }),
  };
});

const started = performance.now();
const cpu = process.cpuUsage();
const document = compilationDocument({
  campaign: {
    id: 'bench',
    title: 'Appel à initiatives 2028 « Nos territoires ont de l’avenir »',
    year: 2028,
    axes: AXES,
  },
  editorial: '',
  entries: compilationEntries(sources),
});
const used = new Map(document.images.map((i) => [i.key, photos.get(i.key)!]));
const pdf = await renderCompilation(document, used);
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
const peakMb = process.resourceUsage().maxRSS / 1024;
const inputMb = [...used.values()].reduce((n, b) => n + b.length, 0) / 2 ** 20;
if (process.env.BENCH_COMPILATION_PDF) await writeFile(process.env.BENCH_COMPILATION_PDF, pdf.bytes);

const dpis = document.images.map((i) => i.dpi);
console.log(
  `  ${INITIATIVES} initiatives, ${document.images.length} photos placed (${fmt(inputMb, 0)} MB of JPEG variants, ${fmt(Math.min(...dpis), 0)}-${fmt(Math.max(...dpis), 0)} dpi as printed)`,
);
console.log(
  `  layout + render: ${fmt(seconds, 1)} s (${fmt(cpuSeconds, 1)} CPU s), ${pdf.pages} pages, PDF ${fmt(pdf.bytes.length / 2 ** 20, 0)} MB`,
);
console.log(`  peak resident memory of this process: ${fmt(peakMb, 0)} MB (the photos read from disk included)`);
