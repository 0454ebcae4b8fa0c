import { isGuid } from '../../src/domain/ids';

describe('isGuid', () => {
  test.each(['67052cda-1180-473e-8764-7833a22352e3', '67052CDA-1180-473E-8764-7833A22352E3'])(
    'accepts the GUID %s in any case',
    (id) => expect(isGuid(id)).toBe(true),
  );

  test.each([
    '',
    '.',
    'x/../..',
    '%2e%2e',
    'groups?$top=999',
    '{67052cda-1180-473e-8764-7833a22352e3}',
    ' 67052cda-1180-473e-8764-7833a22352e3',
    '67052cda-1180-473e-8764-7833a22352e3\n',
    '67052cda1180473e87647833a22352e3',
    '67052cda-1180-473e-8764-7833a22352eg',
  ])('refuses %j', (id) => expect(isGuid(id)).toBe(false));

  test('refuses what is not a string, and a long string at once', () => {
    for (const value of [undefined, null, 42, {}, ['67052cda-1180-473e-8764-7833a22352e3']]) {
      expect(isGuid(value)).toBe(false);
    }
    const started = performance.now();
    expect(isGuid('a'.repeat(1_000_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
