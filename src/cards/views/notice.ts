import type { TextColor } from './labels';

export type NoticeKind = 'info' | 'error' | 'success';

export interface NoticeView {
  text: string;
  color: TextColor;
}

const COLORS: Record<NoticeKind, TextColor> = {
  info: 'Default',
  error: 'Attention',
  success: 'Good',
};

/** A short message: an answer, a refusal, an error (in the attention colour). */
export function noticeView(text: string, kind: NoticeKind): NoticeView {
  return { text, color: COLORS[kind] };
}
