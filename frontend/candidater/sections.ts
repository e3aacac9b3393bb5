import { lastServerIssues, markDirty, save, scheduleSave } from './autosave.ts';
import { byId, exclusive, focusElement, h } from '../shared/dom.ts';
import { controlId, setFieldError, showSummary } from './field-errors.ts';
import { allPaths, readSection, sectionForm, setControlValue } from './form-fields.ts';
import { completeLink } from './links.ts';
import { api } from './api.ts';
import { store } from './store.ts';
import { measureDescription } from './text-count.ts';
import { SECTION_NAMES, validateField, validateSection, type SectionName } from './validation.ts';

/** Behaviour of the three field sections: live checks, autosave, « Enregistrer et continuer ». */
const NEXT: Record<SectionName, string> = {
  company: 'contact-title',
  contact: 'initiative-title',
  initiative: 'photos-title',
};

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const split = (name: string) => name.split('.') as [SectionName, string];

export function setupSections(onChange: () => void): void {
  for (const section of SECTION_NAMES) {
    const form = sectionForm(section);
    form.addEventListener('input', (event) => {
      const el = event.target as Control;
      if (!el.name?.includes('.')) return;
      markDirty(el.name);
      const [, key] = split(el.name);
      // While typing, an error only disappears (it never appears before the field is left).
      if (
        el.getAttribute('aria-invalid') === 'true' ||
        (el.type === 'radio' && byId(controlId(el.name)).getAttribute('aria-invalid'))
      ) {
        if (!validateField(section, key, el.value)) setFieldError(controlId(el.name), null);
      }
      // Long texts are saved during pauses; the first save waits for the email field to be left.
      if (store.id) scheduleSave(2500);
    });
    form.addEventListener('change', (event) => {
      const el = event.target as Control;
      if (!el.name?.includes('.')) return;
      const [, key] = split(el.name);
      if (el.type === 'url') {
        const completed = completeLink(key, el.value);
        if (completed !== el.value) el.value = completed;
      }
      const message = el.value.trim() ? validateField(section, key, el.value) : null;
      setFieldError(controlId(el.name), message);
      markDirty(el.name);
      onChange();
      scheduleSave();
    });
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    const submit = exclusive(button, async () => {
      const issues = validateSection(section, readSection(section));
      const byField = new Map(issues.map((i) => [i.field, i.message]));
      for (const path of allPaths(section)) setFieldError(controlId(path), byField.get(path) ?? null);
      for (const path of allPaths(section)) markDirty(path);
      const saved = await save();
      // What the server refused is listed like what the form found.
      for (const issue of lastServerIssues()) {
        if (issue.field.startsWith(`${section}.`) && !byField.has(issue.field)) issues.push(issue);
      }
      const summary = byId(`${section}-errors`);
      showSummary(summary, issues);
      if (issues.length) return focusElement(summary, 'start');
      if (saved || !store.id) focusElement(byId(NEXT[section]), 'start');
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit();
    });
  }
  setupPostalCode();
  setupDepartment();
  setupCounter();
}

/** Fills city, department and region from the postal code; the applicant can still change them. */
function setupPostalCode(): void {
  const postal = byId<HTMLInputElement>('company-postalCode');
  const city = byId<HTMLInputElement>('company-city');
  const lookup = byId('company-postalCode-lookup');
  let asked = '';
  city.addEventListener('input', () => delete city.dataset.auto);
  const lookUp = async () => {
    const code = postal.value.replace(/\s/g, '');
    if (!/^\d{5}$/.test(code) || code === asked) return;
    asked = code;
    let communes: {
      city: string;
      department: { code: string; name: string };
      region: { code: string; name: string };
    }[] = [];
    try {
      ({ communes } = await api<{ communes: typeof communes }>('GET', `/api/communes?codePostal=${code}`));
    } catch {
      return; // The applicant fills the fields by hand.
    }
    if (code !== postal.value.replace(/\s/g, '')) return;
    byId('company-city-list').replaceChildren(...communes.map((c) => h('option', { value: c.city })));
    if (!communes.length) {
      lookup.textContent = 'Code postal introuvable\u00a0: indiquez la ville, le département et la région vous-même.';
      return;
    }
    const first = communes[0]!;
    const changed: string[] = [];
    const set = (el: HTMLInputElement | HTMLSelectElement, value: string) => {
      if (value && el.value !== value) {
        setControlValue(el, value);
        setFieldError(el.id, null);
        changed.push(el.name);
      }
    };
    if (communes.length === 1) {
      if (!city.value.trim() || city.dataset.auto) {
        set(city, first.city);
        city.dataset.auto = '1';
      }
    } else if (city.dataset.auto) {
      city.value = '';
      delete city.dataset.auto;
    }
    set(byId<HTMLSelectElement>('company-department'), first.department.name);
    set(byId<HTMLSelectElement>('company-region'), first.region.name);
    lookup.textContent =
      communes.length === 1
        ? `Ville, département et région remplis pour ${first.city}\u00a0: vérifiez-les.`
        : `${communes.length} communes ont ce code postal\u00a0: choisissez la vôtre dans la liste proposée par le champ Ville.`;
    for (const name of changed) markDirty(name);
    if (changed.length) scheduleSave();
  };
  postal.addEventListener('input', () => void lookUp());
}

/** Choosing a department chooses its region. */
function setupDepartment(): void {
  const department = byId<HTMLSelectElement>('company-department');
  const region = byId<HTMLSelectElement>('company-region');
  department.addEventListener('change', () => {
    const name = department.selectedOptions[0]?.dataset.region;
    if (name && region.value !== name) {
      setControlValue(region, name);
      setFieldError(region.id, null);
      markDirty(region.name);
    }
  });
}

/** Characters and approximate lines of the description, updated as the applicant types. */
export function refreshCounter(): string {
  const report = measureDescription(byId<HTMLTextAreaElement>('initiative-description').value);
  const counter = byId('initiative-description-count');
  counter.textContent = report.message;
  counter.dataset.state = report.state;
  return report.message;
}

function setupCounter(): void {
  const live = byId('initiative-description-live');
  let timer: ReturnType<typeof setTimeout> | undefined;
  byId('initiative-description').addEventListener('input', () => {
    const message = refreshCounter();
    clearTimeout(timer);
    // Screen readers hear the count once typing pauses, not at every key.
    timer = setTimeout(() => (live.textContent = message), 1500);
  });
  refreshCounter();
}
