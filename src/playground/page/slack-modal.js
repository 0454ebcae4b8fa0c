/* global clearTimeout, setTimeout */
import { api, h } from './dom.js';
import { renderBlocks, textNode } from './slack-blocks.js';

/*
 * A Slack modal: its blocks, its inputs and their `view.state.values` as Slack keeps them, the
 * typeahead of external selects (each keystroke an options load sent to the bot, as Slack sends
 * `block_suggestion`), submit and close. A view redrawn with the same hash keeps what was typed.
 */

const REQUIRED = 'Please complete this required field.';
const ELEMENT_INITIAL = {
  plain_text_input: (el) => ({ value: el.initial_value ?? null }),
  number_input: (el) => ({ value: el.initial_value ?? null }),
  static_select: (el) => ({ selected_option: el.initial_option ?? null }),
  external_select: (el) => ({ selected_option: el.initial_option ?? null }),
  radio_buttons: (el) => ({ selected_option: el.initial_option ?? null }),
  checkboxes: (el) => ({ selected_options: el.initial_options ?? [] }),
  datepicker: (el) => ({ selected_date: el.initial_date ?? null }),
  timepicker: (el) => ({ selected_time: el.initial_time ?? null }),
};

/** `view.state.values` as Slack starts it: every input's initial value, or none. */
export function initialValues(blocks) {
  const values = {};
  for (const block of blocks || []) {
    const el = block.type === 'input' && block.element;
    const initial = el && ELEMENT_INITIAL[el.type];
    if (initial) values[block.block_id] = { [el.action_id]: { type: el.type, ...initial(el) } };
  }
  return values;
}

const isEmpty = (v) =>
  !v ||
  (v.value ?? v.selected_option ?? v.selected_date ?? v.selected_time ?? null) === null ||
  v.value === '' ||
  (Array.isArray(v.selected_options) && v.selected_options.length === 0);

const optionsOf = (el) =>
  el.options || (el.option_groups || []).flatMap((group) => group.options || []);

/** The modal layer in `root`; `persona()` is the current persona. */
export function createModal(root, persona) {
  let current = null; // { id, hash, view, values, errors }

  const value = (block) => current.values[block.block_id][block.element.action_id];
  const set = (block, patch) => Object.assign(value(block), patch);

  function select(block, el) {
    const node = h('select', { class: 'sk-select', 'aria-label': block.label.text });
    node.append(
      h('option', {
        value: '',
        text: (el.placeholder && el.placeholder.text) || 'Select an option',
      }),
    );
    for (const [i, option] of optionsOf(el).entries())
      node.append(h('option', { value: String(i), text: option.text.text }));
    const chosen = value(block).selected_option;
    const index = optionsOf(el).findIndex((o) => chosen && o.value === chosen.value);
    node.value = index >= 0 ? String(index) : '';
    node.addEventListener('change', () =>
      set(block, { selected_option: optionsOf(el)[Number(node.value)] || null }),
    );
    return node;
  }

  /** An external select: typing loads options from the bot, as Slack's options load. */
  function typeahead(block, el) {
    const chosen = value(block).selected_option;
    const input = h('input', {
      class: 'sk-input',
      role: 'combobox',
      'aria-label': block.label.text,
      placeholder: (el.placeholder && el.placeholder.text) || 'Type to search',
      autocomplete: 'off',
    });
    input.value = chosen ? chosen.text.text : '';
    const list = h('div', { class: 'sk-options', role: 'listbox', hidden: '' });
    let timer;
    let asked = 0;
    const load = async () => {
      const query = input.value;
      if (query.length < (el.min_query_length ?? 3)) return void (list.hidden = true);
      const n = ++asked;
      const answer = await api('slack/options', {
        persona: persona().key,
        viewId: current.id,
        actionId: el.action_id,
        blockId: block.block_id,
        value: query,
        state: current.values,
      });
      if (n !== asked) return;
      const options = optionsOf(answer);
      list.replaceChildren(
        ...(options.length
          ? options.map((option) => {
              const item = h('button', {
                class: 'sk-option',
                type: 'button',
                role: 'option',
                text: option.text.text,
              });
              item.addEventListener('mousedown', (event) => event.preventDefault());
              item.addEventListener('click', () => {
                set(block, { selected_option: option });
                input.value = option.text.text;
                list.hidden = true;
              });
              return item;
            })
          : [h('div', { class: 'sk-no-options', text: 'No results' })]),
      );
      list.hidden = false;
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => load().catch((error) => (list.textContent = error.message)), 200);
    };
    input.addEventListener('input', () => {
      set(block, { selected_option: null });
      later();
    });
    input.addEventListener('focus', later);
    input.addEventListener('blur', () => setTimeout(() => (list.hidden = true), 150));
    return h('div', { class: 'sk-typeahead' }, [input, list]);
  }

  function choices(block, el, many) {
    const name = `${current.id}-${block.block_id}`;
    return h(
      'div',
      { class: 'sk-choices', role: many ? 'group' : 'radiogroup' },
      (el.options || []).map((option) => {
        const v = value(block);
        const box = h('input', { type: many ? 'checkbox' : 'radio', name, value: option.value });
        box.checked = many
          ? v.selected_options.some((o) => o.value === option.value)
          : !!v.selected_option && v.selected_option.value === option.value;
        box.addEventListener('change', () => {
          if (!many) return set(block, { selected_option: option });
          const others = v.selected_options.filter((o) => o.value !== option.value);
          set(block, { selected_options: box.checked ? [...others, option] : others });
        });
        return h('label', { class: 'sk-choice' }, [box, textNode(option.text)]);
      }),
    );
  }

  function field(block, el, type, key) {
    const multiline = el.type === 'plain_text_input' && el.multiline;
    const node = h(multiline ? 'textarea' : 'input', {
      class: 'sk-input',
      'aria-label': block.label.text,
      ...(multiline ? { rows: '3' } : { type }),
      ...(el.max_length ? { maxlength: String(el.max_length) } : {}),
      ...(el.placeholder ? { placeholder: el.placeholder.text } : {}),
    });
    node.value = value(block)[key] ?? '';
    node.addEventListener('input', () =>
      set(block, { [key]: node.value === '' ? null : node.value }),
    );
    return node;
  }

  function control(block) {
    const el = block.element;
    if (el.type === 'static_select') return select(block, el);
    if (el.type === 'external_select') return typeahead(block, el);
    if (el.type === 'radio_buttons') return choices(block, el, false);
    if (el.type === 'checkboxes') return choices(block, el, true);
    if (el.type === 'plain_text_input') return field(block, el, 'text', 'value');
    if (el.type === 'number_input') return field(block, el, 'number', 'value');
    if (el.type === 'datepicker') return field(block, el, 'date', 'selected_date');
    if (el.type === 'timepicker') return field(block, el, 'time', 'selected_time');
    return h('div', { class: 'sk-unsupported', text: `[${el.type}]` });
  }

  function input(block) {
    if (!current.values[block.block_id])
      return h('div', { class: 'sk-unsupported', text: `[${block.element.type}]` });
    const error = current.errors[block.block_id];
    return h(
      'div',
      { class: `sk-input-block${error ? ' has-error' : ''}`, 'data-block-id': block.block_id },
      [
        h('label', { class: 'sk-label' }, [
          textNode(block.label),
          block.optional ? h('span', { class: 'sk-optional', text: ' (optional)' }) : '',
        ]),
        control(block),
        block.hint && textNode(block.hint, 'div', 'sk-hint'),
        error && h('div', { class: 'sk-error', role: 'alert', text: error }),
      ],
    );
  }

  async function submit(button) {
    const missing = {};
    for (const block of current.view.blocks || []) {
      if (block.type === 'input' && !block.optional && isEmpty(value(block)))
        missing[block.block_id] = REQUIRED;
    }
    if (Object.keys(missing).length) return draw({ errors: missing });
    button.disabled = true;
    try {
      const answer = await api('slack/submit', {
        persona: persona().key,
        viewId: current.id,
        values: current.values,
      });
      if (answer.errors) draw({ errors: answer.errors });
    } catch (error) {
      draw({ errors: { '': error.message } });
    } finally {
      button.disabled = false;
    }
  }

  function draw(patch) {
    Object.assign(current, patch);
    const { view, errors } = current;
    const close = h('button', {
      class: 'sk-button',
      type: 'button',
      text: (view.close && view.close.text) || 'Cancel',
    });
    const x = h('button', {
      class: 'sk-modal-x',
      type: 'button',
      'aria-label': 'Close',
      text: '×',
    });
    const shut = () => api('slack/close', { persona: persona().key, viewId: current.id });
    close.addEventListener('click', shut);
    x.addEventListener('click', shut);
    let ok = '';
    if (view.submit) {
      ok = h('button', { class: 'sk-button primary', type: 'submit', text: view.submit.text });
    }
    const form = h('form', { class: 'sk-modal', role: 'dialog', 'aria-label': view.title.text }, [
      h('header', { class: 'sk-modal-head' }, [textNode(view.title, 'h2', 'sk-modal-title'), x]),
      h('div', { class: 'sk-modal-body' }, [
        errors[''] && h('div', { class: 'sk-error', role: 'alert', text: errors[''] }),
        ...renderBlocks(view.blocks, { input }),
      ]),
      h('footer', { class: 'sk-modal-foot' }, [close, ok]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(ok);
    });
    root.replaceChildren(h('div', { class: 'sk-overlay' }, [form]));
  }

  /** Shows `modal` ({ id, hash, view }) or, when there is none, nothing. */
  function show(modal) {
    if (!modal) {
      current = null;
      return root.replaceChildren();
    }
    if (current && current.id === modal.id && current.hash === modal.hash) return undefined;
    current = { ...modal, values: initialValues(modal.view.blocks), errors: {} };
    return draw({});
  }

  return { show };
}
