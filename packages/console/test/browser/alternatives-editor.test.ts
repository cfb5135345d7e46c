/**
 * `<sk-alternatives-editor>`: one labelled field per language for each text, edits reported as
 * `value-changed`, the feed's problems next to their field, and axe 0 in Danish and English.
 */
import { expect } from 'chai';
import 'axe-core';
import type * as Axe from 'axe-core';
import type { Alternative } from '@statuskit/model';
import '../../src/components/define-alternatives-editor.js';
import type { AlternativesEditor } from '../../src/components/alternatives-editor.js';
import { setLanguage } from '../../src/i18n/i18n.js';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function mountEditor(value: Alternative[]): Promise<AlternativesEditor> {
  document.title = 'Alternatives editor';
  const main = document.createElement('main');
  const heading = document.createElement('h1');
  heading.textContent = 'Editor';
  const editor = document.createElement('sk-alternatives-editor');
  editor.languages = ['da', 'en'];
  editor.value = value;
  main.append(heading, editor);
  document.body.append(main);
  await editor.updateComplete;
  return editor;
}

function field(editor: AlternativesEditor, label: string): HTMLInputElement | HTMLSelectElement {
  const root = editor.renderRoot as ShadowRoot;
  const labelElement = [...root.querySelectorAll('label')].find(
    (candidate) => candidate.textContent.trim() === label,
  );
  const control = labelElement && root.getElementById(labelElement.htmlFor);
  if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) {
    throw new Error(`no field labelled "${label}"`);
  }
  return control;
}

describe('<sk-alternatives-editor>', () => {
  afterEach(() => {
    document.querySelector('main')?.remove();
  });

  it('edits a label in one language and reports the whole list', async () => {
    await setLanguage('en');
    const editor = await mountEditor([
      { kind: 'phone', label: { da: 'Ring', en: 'Call' }, href: 'tel:+4570000000' },
    ]);
    const changes: Alternative[][] = [];
    editor.addEventListener('value-changed', (event) => {
      changes.push((event as CustomEvent<{ value: Alternative[] }>).detail.value);
    });
    const english = field(editor, 'Label (EN)');
    expect(english.getAttribute('lang')).to.equal('en');
    english.value = 'Call us';
    english.dispatchEvent(new Event('input'));
    expect(changes.at(-1)).to.deep.equal([
      { kind: 'phone', label: { da: 'Ring', en: 'Call us' }, href: 'tel:+4570000000' },
    ]);
  });

  it('adds and removes alternatives, and drops an emptied optional text', async () => {
    await setLanguage('en');
    const editor = await mountEditor([
      { kind: 'phone', label: { da: 'Ring' }, detail: { da: 'x' } },
    ]);
    const detail = field(editor, 'Detail (DA, optional)');
    detail.value = '';
    detail.dispatchEvent(new Event('input'));
    expect(editor.value).to.deep.equal([{ kind: 'phone', label: { da: 'Ring' } }]);
    const buttons = () => [...(editor.renderRoot as ShadowRoot).querySelectorAll('button')];
    buttons()
      .find((button) => button.textContent.trim() === 'Add an alternative')
      ?.click();
    await editor.updateComplete;
    expect(editor.value).to.have.length(2);
    buttons()
      .find((button) => button.textContent.trim() === 'Remove alternative 1')
      ?.click();
    await editor.updateComplete;
    expect(editor.value).to.deep.equal([{ kind: 'phone', label: {} }]);
  });

  it('shows a problem next to its field and links it', async () => {
    await setLanguage('en');
    const editor = await mountEditor([{ kind: 'web', label: { da: 'Web', en: 'Web' } }]);
    editor.problems = [
      { path: 'alternatives[0].href', message: 'must be https:, tel: or mailto:' },
    ];
    await editor.updateComplete;
    const href = field(editor, 'Link (https:, tel: or mailto:, optional)');
    const describedBy = href.getAttribute('aria-describedby') ?? '';
    expect(
      (editor.renderRoot as ShadowRoot).getElementById(describedBy)?.textContent.trim(),
    ).to.equal('must be https:, tel: or mailto:');
    expect(href.getAttribute('aria-invalid')).to.equal('true');
  });

  for (const language of ['da', 'en'] as const) {
    it(`has no axe violations in ${language}`, async () => {
      await setLanguage(language);
      const editor = await mountEditor([
        { kind: 'phone', label: { da: 'Ring', en: 'Call' } },
        { kind: 'email', label: { da: 'Skriv' } },
      ]);
      editor.problems = [{ path: 'alternatives[1].label.en', message: 'missing' }];
      await editor.updateComplete;
      const { axe } = globalThis as unknown as { axe: typeof Axe };
      const result = await axe.run(document, { runOnly: { type: 'tag', values: AXE_TAGS } });
      expect(result.violations.map((violation) => violation.id)).to.deep.equal([]);
    });
  }
});
