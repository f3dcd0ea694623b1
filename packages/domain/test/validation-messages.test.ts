import { describe, expect, it } from 'vitest';
import { EventCreateSchema } from '../src/schemas/event.ts';
import { describeIssues, fieldErrorWords } from '../src/validation-messages.ts';

const fieldsOf = (body: unknown) => {
  const result = EventCreateSchema.safeParse(body, { reportInput: true });
  return result.success ? [] : describeIssues(result.error.issues);
};

describe('describeIssues', () => {
  it('says "required" for a missing field and names it in both languages', () => {
    expect(fieldsOf({ startDate: '2026-12-04', townshipId: 1 })).toEqual([
      { field: 'title', message: '活动主题：必填', messageEn: 'Title: required' },
    ]);
  });
  it('names the line of a material list', () => {
    const [error] = fieldsOf({ startDate: '2026-12-04', townshipId: 1, title: 'x', materials: [{ materialTypeId: 1, quantity: 1 }, { materialTypeId: 2, quantity: -3 }] });
    expect(error).toEqual({ field: 'materials.1.quantity', message: '发放资料第2行·数量：不能小于 1', messageEn: 'Materials, line 2: Quantity: cannot be less than 1' });
  });
  it('tells a non-existent day apart from a badly written one', () => {
    expect(fieldsOf({ startDate: '2026-02-30', townshipId: 1, title: 'x' })[0]?.message).toBe('开始日期：日历上没有这一天');
    expect(fieldsOf({ startDate: '2026.12.04', townshipId: 1, title: 'x' })[0]?.message).toContain('格式');
  });
  it('names each unknown field', () => {
    expect(fieldsOf({ startDate: '2026-12-04', townshipId: 1, title: 'x', a: 1, b: 2 }).map((f) => f.field)).toEqual(['a', 'b']);
  });
  it('gives the words without the label, for a message under the field that shows the label already', () => {
    const [title] = fieldsOf({ startDate: '2026-12-04', townshipId: 1 });
    expect(fieldErrorWords(title!, false)).toBe('必填');
    expect(fieldErrorWords(title!, true)).toBe('required');
    const [line] = fieldsOf({ startDate: '2026-12-04', townshipId: 1, title: 'x', materials: [{ materialTypeId: 1, quantity: 0 }] });
    expect(fieldErrorWords(line!, false)).toBe('不能小于 1');
  });
  it('says how long a title may be instead of cutting it', () => {
    const [error] = fieldsOf({ startDate: '2026-12-04', townshipId: 1, title: '宣'.repeat(10_000) });
    expect(error).toEqual({ field: 'title', message: '活动主题：不能超过 200 个字', messageEn: 'Title: at most 200 characters' });
  });
});
