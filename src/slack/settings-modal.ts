import { settingsStep } from '../cards/views/wizard-settings';
import type { Choice } from '../cards/views/options';
import type { AssignmentRequest } from '../domain/request';
import type { SettingName } from '../domain/assignment-settings';
import { SETTING_LABELS } from '../domain/settings-words';
import { SETTINGS_FIELDS } from '../services/settings-form';
import type { SettingsForm } from '../services/settings-step';
import { plain, section, type Block } from './blocks';
import { FIELDS, input, option, VIEWS } from './modal';

/** The settings modal's blocks that are not one of the settings card's inputs. */
export const SETTINGS_BLOCKS = { toggles: 'toggles' } as const;

/** What the settings modal carries to its submission: the draft, and the toggles it offered. */
export interface SettingsMetadata {
  id: string;
  toggles: string[];
}

const select = (choices: Choice[], value: string) => {
  const options = choices.map((c) => option(c.title, c.value));
  return {
    type: 'static_select',
    options,
    initial_option: options.find((o) => o.value === value) ?? options[0],
  };
};

const radio = (choices: Choice[], value: string) => ({
  ...select(choices, value),
  type: 'radio_buttons',
});

const number = (value: number, min: number, max: number) => ({
  type: 'number_input',
  is_decimal_allowed: false,
  initial_value: String(value),
  min_value: String(min),
  max_value: String(max),
});

const date = (value: string) => ({ type: 'datepicker', ...(value ? { initial_date: value } : {}) });
const time = (value: string) => ({ type: 'timepicker', ...(value ? { initial_time: value } : {}) });

/**
 * The settings step as a modal: the same inputs, values and words as the Teams settings card
 * (one view model, `settingsStep`), with the same input ids, so the submission is read and checked
 * by the same service. Left as they are, the settings change nothing (Intune's defaults for a new
 * assignment, the existing assignment's settings otherwise). The justification typed in the first
 * modal comes along, to be checked once the settings are.
 */
export function settingsModal(
  draft: AssignmentRequest,
  form: SettingsForm,
  justification: { text: string; max: number },
): Block {
  const m = settingsStep(draft, { settingsForm: form });
  const blocks: Block[] = [section(m.note)];
  const add = (id: string, label: string, element: Block, optional = false) =>
    blocks.push(input(id, label, element, optional));
  if (m.hasNotifications) {
    add('notifications', 'End-user notifications', select(m.notificationChoices, m.notifications));
  }
  if (m.hasDelivery) {
    add(
      'deliveryOptimization',
      'Delivery optimization priority',
      select(m.deliveryChoices, m.deliveryOptimization),
    );
  }
  if (m.hasTimeZone) {
    const zones = [
      { title: 'UTC', value: 'utc' },
      { title: "The device's time zone", value: 'device' },
    ];
    add('timeZone', 'Times below are in', radio(zones, m.timeZone));
  }
  if (m.hasAvailable) {
    add(
      'availableDate',
      'Available from (empty: as soon as possible)',
      date(m.availableDate),
      true,
    );
    add('availableTime', 'Available from, time', time(m.availableTime), true);
  }
  if (m.hasDeadline) {
    add(
      'deadlineDate',
      'Installation deadline (empty: as soon as possible)',
      date(m.deadlineDate),
      true,
    );
    add('deadlineTime', 'Installation deadline, time', time(m.deadlineTime), true);
  }
  if (m.hasRestart) {
    const on = option('Allow a restart grace period', 'true');
    add(
      'restartGrace',
      'Restart grace period',
      {
        type: 'checkboxes',
        options: [on],
        ...(m.restartGrace === 'true' ? { initial_options: [on] } : {}),
      },
      true,
    );
    add(
      'gracePeriod',
      'Grace period (minutes)',
      number(m.gracePeriod, m.graceMin, m.graceMax),
      true,
    );
    add(
      'countdown',
      'Restart countdown (minutes)',
      number(m.countdown, m.countdownMin, m.countdownMax),
      true,
    );
    add('snooze', 'Snooze (minutes)', number(m.snooze, m.snoozeMin, m.snoozeMax), true);
  }
  if (m.toggles.length > 0) {
    const options = m.toggles.map((t) => option(t.title, t.id));
    const initial = options.filter((_, i) => m.toggles[i]!.value === 'true');
    add(
      SETTINGS_BLOCKS.toggles,
      'Options',
      { type: 'checkboxes', options, ...(initial.length > 0 ? { initial_options: initial } : {}) },
      true,
    );
  }
  if (m.hasDeviceContext) {
    const contexts = [
      { title: 'User context', value: 'user' },
      { title: 'Device context', value: 'device' },
    ];
    add('deviceContext', 'Install context', radio(contexts, m.deviceContext));
  }
  if (m.hasAutoUpdate) {
    add('autoUpdateMode', 'Update priority', select(m.autoUpdateChoices, m.autoUpdateMode));
  }
  add(FIELDS.justification, 'Justification (approvers see it)', {
    type: 'plain_text_input',
    multiline: true,
    max_length: Math.min(justification.max, 3000),
    ...(justification.text ? { initial_value: justification.text.slice(0, 3000) } : {}),
  });
  const metadata: SettingsMetadata = { id: draft.id, toggles: m.toggles.map((t) => t.id) };
  return {
    type: 'modal',
    callback_id: VIEWS.settings,
    private_metadata: JSON.stringify(metadata),
    title: plain('Assignment settings', 24),
    submit: plain('Review', 24),
    close: plain('Cancel', 24),
    blocks,
  };
}

type Json = Record<string, unknown>;

/**
 * The submitted settings modal as the settings card's data: each input's value under its id, a
 * checkbox as `'true'`/`'false'`. Only the blocks the view state holds are read; the service
 * refuses a setting the app does not offer.
 */
export function settingsData(values: Json, toggles: readonly string[]): Json {
  const data: Json = {};
  for (const [block, actions] of Object.entries(values)) {
    const field = (actions as Json | undefined)?.[block] as Json | undefined;
    if (!field || typeof field !== 'object') continue;
    const chosen = Array.isArray(field.selected_options)
      ? (field.selected_options as Json[]).map((o) => o?.value)
      : undefined;
    if (block === SETTINGS_BLOCKS.toggles) {
      for (const toggle of toggles) data[toggle] = chosen?.includes(toggle) ? 'true' : 'false';
    } else if (block === 'restartGrace') {
      data.restartGrace = chosen?.includes('true') ? 'true' : 'false';
    } else if (field.type === 'datepicker') {
      data[block] = typeof field.selected_date === 'string' ? field.selected_date : '';
    } else if (field.type === 'timepicker') {
      data[block] = typeof field.selected_time === 'string' ? field.selected_time : '';
    } else if (field.selected_option && typeof field.selected_option === 'object') {
      data[block] = (field.selected_option as Json).value;
    } else if (block !== FIELDS.justification) {
      data[block] = field.value ?? '';
    }
  }
  return data;
}

/**
 * The block a refusal of the settings is about (the setting its words name, the restart fields
 * under "restart"), else the first of the modal's inputs: Slack shows the message under it.
 */
export function blockOfRefusal(message: string, shown: readonly string[]): string | undefined {
  const words = message.toLowerCase();
  const named = (Object.keys(SETTING_LABELS) as SettingName[]).find(
    (name) =>
      words.includes(SETTING_LABELS[name]) ||
      (name === 'restartGrace' && words.includes('restart')),
  );
  const fields = named ? SETTINGS_FIELDS[named] : [];
  return fields.find((f) => shown.includes(f)) ?? shown.find((b) => b !== FIELDS.justification);
}
