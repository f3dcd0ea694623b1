import { describe, expect, it } from 'vitest';
import { exportJobPercent, jobErrorIn } from '../src/index.ts';

describe('jobErrorIn: a job refused for its owner says why in the page language', () => {
  const error = '发起任务的账号已停用，未生成文件\nThe account that started this job is disabled: no file was made';
  it('Chinese first, English on the second line', () => {
    expect(jobErrorIn(error, 'zh-CN')).toBe('发起任务的账号已停用，未生成文件');
    expect(jobErrorIn(error, 'en')).toBe('The account that started this job is disabled: no file was made');
    expect(jobErrorIn(error, 'en-US')).toBe('The account that started this job is disabled: no file was made');
  });
  it('a one-line error (an export that broke) is shown as it is in either language', () => {
    expect(jobErrorIn('disk full', 'en')).toBe('disk full');
    expect(jobErrorIn('disk full', 'zh-CN')).toBe('disk full');
  });
});

describe('exportJobPercent: also the import commit bar', () => {
  it('0 until counted, floor of done/total while on, 100 only once done', () => {
    expect(exportJobPercent({ status: 'running', done: 0, total: 0 })).toBe(0);
    expect(exportJobPercent({ status: 'running', done: 20, total: 60 })).toBe(33);
    expect(exportJobPercent({ status: 'running', done: 60, total: 60 })).toBe(99);
    expect(exportJobPercent({ status: 'done', done: 60, total: 60 })).toBe(100);
  });
});
