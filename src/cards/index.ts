export { applyActionStyle } from './action-style';
export {
  helpCard,
  noticeCard,
  requestCard,
  requestListCard,
  welcomeCard,
  wizardCard,
} from './cards';
export {
  CardTemplateError,
  preloadTemplates,
  renderCard,
  TEMPLATE_NAMES,
  type TemplateName,
} from './render';
export {
  ADAPTIVE_CARD_CONTENT_TYPE,
  type ActionStyle,
  type Caps,
  type CardAttachment,
} from './types';
export { isVerb, VERBS, type Verb } from './verbs';
export { intentLabel, statusLabel } from './views/labels';
export type { NoticeKind } from './views/notice';
export {
  groupOptionTitle,
  itemOptionTitle,
  MAX_RESULTS,
  type GroupOption,
  type ItemOption,
} from './views/options';
export { MAX_REFRESH_USER_IDS, type RequestViewer } from './views/request';
export { MAA_WAITING_TEXT, type Audience } from './views/request-status';
export {
  DATASETS,
  NO_FILTER,
  WIZARD_INPUTS,
  type Dataset,
  type WizardContext,
} from './views/wizard-context';
