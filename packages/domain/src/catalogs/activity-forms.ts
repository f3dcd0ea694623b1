import type { CatalogSeed } from './types.ts';

export const ACTIVITY_FORMS: readonly CatalogSeed[] = [
  { code: 'lecture', name: '法治讲座', nameEn: 'Lecture' },
  { code: 'consultation-desk', name: '咨询台/摆摊', nameEn: 'Consultation desk' },
  { code: 'handouts', name: '发放资料', nameEn: 'Handing out materials' },
  { code: 'banners', name: '横幅标语', nameEn: 'Banners and slogans' },
  { code: 'boards', name: '墙板报/展板', nameEn: 'Wall boards and displays' },
  { code: 'performance', name: '文艺演出', nameEn: 'Performance' },
  { code: 'quiz', name: '知识竞答', nameEn: 'Quiz' },
  { code: 'case-explanation', name: '以案释法', nameEn: 'Case-based explanation' },
  { code: 'door-to-door', name: '入户走访', nameEn: 'Door-to-door visits' },
  { code: 'new-media', name: '新媒体', nameEn: 'Online and new media' },
];
