import { checkTypedText, type TypedTextRules } from '../../src/domain/text';

const RULES: TypedTextRules = {
  label: 'The justification',
  maxLength: 500,
  whenBlank: 'Say why the assignment is needed.',
};

const check = (typed: string) => checkTypedText(typed, RULES);

describe('checking typed text', () => {
  test('trims whitespace, controls and zero-width characters at both ends, and nothing inside', () => {
    expect(check('\u200b \t Sales needs it\u00a0\u200b now \ufeff\n\u0000')).toEqual({
      ok: true,
      text: 'Sales needs it\u00a0\u200b now',
    });
  });

  test.each([
    ['empty', ''],
    ['spaces, tabs and newlines', ' \t\r\n  '],
    ['zero-width characters', '\u200b\u200c\u200d\u2060\ufeff'],
    ['controls', '\u0000\u0007\u001b\u007f\u0085'],
    ['format characters and fillers', '\u200e\u200f\u00ad\u3164\u115f\u1160\uffa0'],
    ['no-break and wide spaces', '\u00a0\u2003\u3000'],
  ])('refuses text with nothing visible (%s)', (_label, typed) => {
    const checked = check(typed);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toMatch(/^Say why the assignment is needed\./);
  });

  test('says how much invisible text was sent', () => {
    expect(check('\u200b\u200b\u200b')).toEqual({
      ok: false,
      message:
        'Say why the assignment is needed. What you sent is 3 characters of spaces or invisible characters.',
    });
  });

  test.each([
    [501, '501 characters'],
    [5_000, '5,000 characters'],
    [200_000, '200,000 characters'],
  ])('refuses %d characters, saying so', (length, said) => {
    expect(check('x'.repeat(length))).toEqual({
      ok: false,
      message: `The justification is ${said} long; keep it to 500.`,
    });
  });

  test('counts the length once trimmed', () => {
    expect(check(`  ${'x'.repeat(500)}  \n`)).toEqual({ ok: true, text: 'x'.repeat(500) });
  });

  test.each(
    ['202A', '202B', '202C', '202D', '202E', '2066', '2067', '2068', '2069'].map((hex) => [
      `U+${hex}`,
      String.fromCharCode(parseInt(hex, 16)),
    ]),
  )('refuses the bidi control %s anywhere in the text', (code, control) => {
    expect(check(`Approve ${control}this for Sales`)).toEqual({
      ok: false,
      message: `The justification contains an invisible character that changes the direction of the text (${code}), so others would not read what you typed; remove it.`,
    });
  });

  test('keeps markdown, links, mentions and template syntax exactly as typed', () => {
    const typed = '**bold** [click](https://evil.example) <at>x</at> ${x} {{DATE(x)}}';
    expect(check(typed)).toEqual({ ok: true, text: typed });
  });

  test.each([
    ['spaces before one letter', ' '.repeat(200_000) + 'x'],
    ['one letter before spaces', 'x' + ' '.repeat(200_000) + '\u200b'],
    ['spaces around one letter', ' '.repeat(100_000) + 'x' + ' '.repeat(100_000)],
    ['format characters only', '\u200e'.repeat(200_000)],
    ['alternating blanks and marks', ' \u200e'.repeat(100_000)],
  ])('checks 200,000 characters of %s in linear time', (_label, typed) => {
    const started = performance.now();
    check(typed);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
