import path from 'node:path';
import { buildAdmin, buildValidation } from '../frontend/admin/build.ts';
const out = path.resolve(import.meta.dirname, '../dist/frontend');
console.log(await buildAdmin(out), await buildValidation(out));
