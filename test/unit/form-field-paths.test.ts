import { describe, expect, it } from 'vitest';
import { anchorFor } from '../../frontend/candidater/field-paths.ts';

describe('missing item → element to focus', () => {
  const axis = 'emploi-citoyennete';
  it('maps fields to their inputs', () => {
    expect(anchorFor('company.name', axis)).toBe('company-name');
    expect(anchorFor('company.postalCode', axis)).toBe('company-postalCode');
    expect(anchorFor('contact.email', axis)).toBe('contact-email');
    expect(anchorFor('initiative.description', axis)).toBe('initiative-description');
  });
  it('maps the axis to its first radio button', () => {
    expect(anchorFor('initiative.axis', axis)).toBe('axis-emploi-citoyennete');
  });
  it('maps photos to their file input and the release to its section', () => {
    expect(anchorFor('photos.3', axis)).toBe('photo-3-file');
    expect(anchorFor('photos', axis)).toBe('photo-1-file');
    expect(anchorFor('release', axis)).toBe('release-title');
    expect(anchorFor('release.imageCount', axis)).toBe('release-title');
  });
  it('falls back to the section, or to nothing', () => {
    expect(anchorFor('company', axis)).toBe('company-title');
    expect(anchorFor('', axis)).toBeNull();
    expect(anchorFor('campaign.deadline', axis)).toBeNull();
  });
});
