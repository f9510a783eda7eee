/**
 * The verdict form: a bar that stays in view at the bottom of the panel (heading, four choices on keys 1–4, save on
 * Ctrl/Cmd+Enter, status) with the optional 1–5 ratings per rubric line and notes folded beneath it.
 */
import type { CompareViewState, SlotId } from '../../src/shared/compareProtocol';
import { button, el, icon, setText } from '../shared/dom';
import { saveBlocker, verdictChoices } from './verdictOptions';
import { votingOpen } from '../../src/shared/compare/reducer';
import type { LocalAction } from '../../src/shared/compare/reducer';
import { revealBidi } from '../../src/shared/outsideText';

/** What the form asks of the app. */
export interface VerdictFormActions { dispatch(a: LocalAction): void; save(): void }

/** The form's DOM, rebuilt only when the run or rubric changes, otherwise updated in place. */
export class VerdictForm {
  readonly root: HTMLFormElement;
  private key = '';
  private choiceInputs: HTMLInputElement[] = [];
  private choiceLabels: HTMLElement[] = [];
  private ratingInputs = new Map<string, HTMLInputElement>();
  private notes!: HTMLTextAreaElement;
  private saveBtn!: HTMLButtonElement;
  private message!: HTMLElement;
  private reveal!: HTMLElement;
  private heading!: HTMLElement;

  constructor(private readonly actions: VerdictFormActions) {
    this.root = el('form', { class: 'pw-verdict', attrs: { 'aria-labelledby': 'pw-verdict-title', novalidate: '' } });
    this.root.dataset.state = 'closed';
    this.root.addEventListener('submit', (e) => { e.preventDefault(); actions.save(); });
  }

  /** Syncs the form with the state. */
  update(state: CompareViewState): void {
    const key = `${state.header?.runId}|${state.rubric.map((r) => r.id).join(',')}`;
    if (key !== this.key) { this.key = key; this.build(state); }
    const v = state.verdict;
    const locked = state.readOnly || v.savedAt !== null || v.saving;
    const open = votingOpen(state);
    setText(this.heading, state.readOnly ? 'Verdict (past comparison)' : v.savedAt !== null ? 'Verdict saved' : open ? 'Your verdict' : 'Your verdict (opens when both sides finish)');
    this.root.dataset.state = state.readOnly ? 'readonly' : v.savedAt !== null ? 'saved' : open ? 'open' : 'closed';
    verdictChoices(state).forEach((c, i) => {
      const input = this.choiceInputs[i];
      input.checked = v.draft.verdict === c.verdict;
      input.disabled = locked || !c.enabled;
      setText(this.choiceLabels[i], c.label);
      this.choiceLabels[i].parentElement?.setAttribute('title', `${c.tooltip} (key ${c.key})`);
    });
    for (const [id, input] of this.ratingInputs) {
      const [criterion, slot, value] = id.split('|');
      input.checked = v.draft.ratings[criterion]?.[slot as SlotId] === Number(value);
      input.disabled = locked || !open;
    }
    for (const slot of ['left', 'right'] as const) {
      for (const h of this.root.querySelectorAll<HTMLElement>(`[data-slot-label="${slot}"]`)) setText(h, state.slots[slot].label);
    }
    if (document.activeElement !== this.notes && this.notes.value !== v.draft.notes) this.notes.value = v.draft.notes;
    this.notes.disabled = locked;
    const blocker = saveBlocker(state);
    this.saveBtn.disabled = blocker !== null;
    this.saveBtn.hidden = state.readOnly || v.savedAt !== null;
    this.message.className = `pw-verdict-message${v.error ? ' pw-tone-error' : ''}`;
    setText(this.message, v.error ? `Not saved: ${v.error}` : v.savedAt !== null ? `Saved ${new Date(v.savedAt).toLocaleString()}.` : blocker ?? 'Ready to save (Ctrl/Cmd+Enter).');
    const l = state.slots.left, r = state.slots.right;
    this.reveal.hidden = !state.revealed;
    const who = (s: typeof l) => revealBidi(s.identity ? `${s.identity.model} (${s.identity.provider})` : s.label);
    setText(this.reveal, state.revealed ? `Revealed: left was ${who(l)}, right was ${who(r)}.` : '');
  }

  private build(state: CompareViewState): void {
    this.heading = el('h2', { attrs: { id: 'pw-verdict-title' } });
    const choices = el('fieldset', { class: 'pw-choices' }, el('legend', { class: 'pw-visually-hidden', text: 'Which draft is better? (keys 1–4)' }));
    this.choiceInputs = []; this.choiceLabels = [];
    for (const c of verdictChoices(state)) {
      const id = `pw-choice-${c.verdict}`;
      const input = el('input', { attrs: { type: 'radio', name: 'pw-verdict', id, value: c.verdict, 'aria-keyshortcuts': c.key } });
      input.addEventListener('change', () => { if (input.checked) this.actions.dispatch({ type: 'draft/verdict', verdict: c.verdict }); });
      const text = el('span');
      this.choiceInputs.push(input); this.choiceLabels.push(text);
      choices.append(el('label', { class: 'pw-choice', attrs: { for: id } }, input, el('kbd', { text: c.key, attrs: { 'aria-hidden': 'true' } }), text));
    }
    const table = el('table', { class: 'pw-rubric' });
    table.append(el('thead', {}, el('tr', {}, el('th', { text: 'Criterion', attrs: { scope: 'col' } }),
      el('th', { attrs: { scope: 'col', 'data-slot-label': 'left' } }), el('th', { attrs: { scope: 'col', 'data-slot-label': 'right' } }))));
    const tbody = el('tbody');
    this.ratingInputs.clear();
    for (const crit of state.rubric) {
      const row = el('tr', {}, el('th', { attrs: { scope: 'row' }, title: crit.description ?? '' }, el('span', { text: crit.label }),
        crit.description ? el('span', { class: 'pw-muted pw-criterion-help', text: crit.description }) : null));
      for (const slot of ['left', 'right'] as const) {
        const group = el('div', { class: 'pw-rating', attrs: { role: 'radiogroup', 'aria-label': `${crit.label}, draft ${state.slots[slot].label}` } });
        for (let n = 1; n <= 5; n++) {
          const id = `pw-rate-${crit.id}-${slot}-${n}`;
          const input = el('input', { attrs: { type: 'radio', name: `pw-rate-${crit.id}-${slot}`, id, value: String(n), 'aria-label': `${n} of 5` } });
          input.addEventListener('change', () => { if (input.checked) this.actions.dispatch({ type: 'draft/rating', criterion: crit.id, slot, value: n }); });
          this.ratingInputs.set(`${crit.id}|${slot}|${n}`, input);
          group.append(el('label', { class: 'pw-rating-option', attrs: { for: id } }, input, el('span', { text: String(n), attrs: { 'aria-hidden': 'true' } })));
        }
        row.append(el('td', {}, group));
      }
      tbody.append(row);
    }
    table.append(tbody);
    this.notes = el('textarea', { class: 'pw-notes', attrs: { id: 'pw-notes', rows: '3', maxlength: '20000', placeholder: 'Why? What would you change?' } });
    this.notes.addEventListener('input', () => this.actions.dispatch({ type: 'draft/notes', notes: this.notes.value }));
    this.saveBtn = button('Save verdict', 'save', { primary: true, attrs: { type: 'submit', 'aria-keyshortcuts': 'Control+Enter Meta+Enter' } });
    this.message = el('p', { class: 'pw-verdict-message' }); // saves and failures are announced through the view's live region
    this.reveal = el('p', { class: 'pw-reveal' });
    const more = el('details', { class: 'pw-verdict-more' }, el('summary', { text: 'Ratings and notes (optional)' }),
      el('div', { class: 'pw-verdict-more-body', attrs: { role: 'group', 'aria-label': 'Ratings and notes', tabindex: '0' } }, el('p', { class: 'pw-muted pw-rubric-help', text: 'Ratings: 1 = poor, 5 = excellent.' }), table,
        el('label', { class: 'pw-notes-label', attrs: { for: 'pw-notes' } }, icon('note'), el('span', { text: 'Notes' })), this.notes));
    this.root.replaceChildren(el('div', { class: 'pw-verdict-bar' }, this.heading, choices, el('div', { class: 'pw-verdict-actions' }, this.saveBtn, this.message)),
      more, this.reveal);
  }
}
