import { App } from 'aws-cdk-lib';
import { buildApp } from '../infra/app.ts';
const { app } = buildApp(new App({ context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org', 'avenir:alertEmail': 'tech@example.org' } }));
try { app.synth(); console.log('ok'); } catch (e) { console.log(String(e).slice(0, 6000)); }
const b = buildApp(new App({ context: { 'avenir:mailFrom': 'Avenir <noreply@example.org>', 'avenir:adminEmail': 'admin@example.org', 'avenir:mailDomain': 'example.org' } }));
try { b.app.synth(); console.log('ok domain'); } catch (e) { console.log(String(e).slice(0, 6000)); }
