import { describe, expect, test } from 'vitest';
import { ServiceError } from '../core/errors.js';
import { parseMappingSpec, validateMapping } from './column-mapping.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ServiceError) return { kind: e.kind, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a ServiceError');
};

describe('parseMappingSpec', () => {
  test('reads roles, ignore lists and per-column entries', () => {
    expect(parseMappingSpec('userId=customer_no,event=action,ignore=notes;tmp')).toEqual({
      userId: 'customer_no',
      event: 'action',
      ignore: ['notes', 'tmp'],
    });
    expect(
      parseMappingSpec(
        ' anonymousId = device , timestamp=at,messageId=uuid, traits.Email=email,properties.amt=revenue,types.age=number,types.properties.vip=boolean ',
      ),
    ).toEqual({
      anonymousId: 'device',
      timestamp: 'at',
      messageId: 'uuid',
      traits: { Email: 'email' },
      properties: { amt: 'revenue' },
      types: { age: 'number', 'properties.vip': 'boolean' },
    });
  });

  test('an empty spec is the default mapping; empty list entries are dropped', () => {
    expect(parseMappingSpec('')).toEqual({});
    expect(parseMappingSpec('ignore=a;;b;,')).toEqual({ ignore: ['a', 'b'] });
  });

  test.each([
    ['userId', 'is not key=value'],
    ['userId=', 'has no value'],
    ['userId=a,userId=b', 'given twice'],
    ['user=a', 'unknown mapping key'],
    ['traits=a', 'must name a column'],
    ['traits.=a', 'must name a column'],
    ['types.age=int', 'types.age'],
    ['colour.x=y', 'unknown mapping key'],
  ])('%s is refused as invalid_mapping', (spec, hint) => {
    const e = refusal(() => parseMappingSpec(spec));
    expect(e).toMatchObject({ kind: 'invalid', code: 'invalid_mapping' });
    expect(e.message).toContain(hint);
  });
});

describe('validateMapping', () => {
  test('refuses unknown keys and empty names from code callers too', () => {
    expect(refusal(() => validateMapping({ userID: 'x' }))).toMatchObject({ code: 'invalid_mapping' });
    expect(refusal(() => validateMapping({ traits: { a: ' ' } }))).toMatchObject({ code: 'invalid_mapping' });
  });
});
