import { el } from './dom.ts';

/**
 * A button that asks first (issue 12: "with a confirmation"): a click shows the question
 * with « Confirmer » and « Annuler » in its place, in the page rather than `window.confirm`,
 * so that it is read by a screen reader, reached by the keyboard and driven by the tests.
 * The confirm button gets the focus; Escape or « Annuler » puts the button back.
 */
export function confirmedButton(options: {
  label: string;
  testId: string;
  question: string;
  words: { confirm: string; cancel: string };
  onConfirm: () => void;
}): HTMLElement {
  const host = el('span', { className: 'admin-confirm' });
  const button = Object.assign(el('button', { className: 'lbtn', testId: options.testId }, options.label), {
    type: 'button',
  });
  const ask = () => {
    const yes = Object.assign(
      el('button', { className: 'lbtn', testId: `${options.testId}-confirm` }, options.words.confirm),
      { type: 'button' },
    );
    const no = Object.assign(
      el(
        'button',
        { className: 'lbtn lbtn--quiet', testId: `${options.testId}-cancel` },
        options.words.cancel,
      ),
      { type: 'button' },
    );
    const question = el('span', { className: 'admin-confirm__question' }, options.question);
    question.id = `${options.testId}-question`;
    const group = el(
      'span',
      { className: 'admin-confirm__ask', testId: `${options.testId}-ask` },
      question,
      yes,
      no,
    );
    group.setAttribute('role', 'group');
    group.setAttribute('aria-labelledby', question.id);
    const back = () => {
      host.replaceChildren(button);
      button.focus();
    };
    yes.addEventListener('click', () => {
      yes.disabled = no.disabled = true;
      options.onConfirm();
    });
    no.addEventListener('click', back);
    group.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') back();
    });
    host.replaceChildren(group);
    yes.focus();
  };
  button.addEventListener('click', ask);
  host.append(button);
  return host;
}
