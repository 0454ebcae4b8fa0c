import { FONT } from './dom.js';

/** Adaptive Cards host config for both panes: Teams' fonts, colours, spacing and buttons. */
export const HOST_CONFIG = {
  fontFamily: FONT,
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 14 },
  fontSizes: { small: 12, default: 14, medium: 15, large: 18, extraLarge: 22 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  containerStyles: {
    default: {
      backgroundColor: '#ffffff',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        accent: { default: '#5b5fc7', subtle: '#6264a7' },
        good: { default: '#0e700e', subtle: '#107c10' },
        warning: { default: '#bc4b09', subtle: '#c19c00' },
        attention: { default: '#c4314b', subtle: '#d13438' },
      },
    },
    emphasis: {
      backgroundColor: '#f5f5f5',
      foregroundColors: {
        default: { default: '#242424', subtle: '#616161' },
        good: { default: '#0e700e', subtle: '#107c10' },
        attention: { default: '#c4314b', subtle: '#d13438' },
      },
    },
  },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 12, style: 'emphasis' },
  },
  factSet: {
    title: { weight: 'bolder', size: 'default', color: 'default', wrap: false, maxWidth: 150 },
    value: { size: 'default', color: 'default', wrap: true },
    spacing: 10,
  },
  inputs: { label: { inputSpacing: 'small', requiredInputs: { suffix: ' *' } } },
};
