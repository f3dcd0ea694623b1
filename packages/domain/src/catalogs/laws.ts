import type { CatalogSeed } from './types.ts';

export const LAWS: readonly CatalogSeed[] = [
  { code: 'constitution', name: '宪法', nameEn: 'Constitution' },
  { code: 'civil-code', name: '民法典', nameEn: 'Civil Code' },
  { code: 'anti-drug', name: '禁毒法', nameEn: 'Anti-Drug Law' },
  { code: 'minors-protection', name: '未成年人保护法', nameEn: 'Law on the Protection of Minors' },
  { code: 'juvenile-delinquency', name: '预防未成年人犯罪法', nameEn: 'Law on Preventing Juvenile Delinquency' },
  { code: 'public-security-penalties', name: '治安管理处罚法', nameEn: 'Public Security Administration Punishments Law' },
  { code: 'village-committees', name: '村民委员会组织法', nameEn: "Organic Law of Villagers' Committees" },
  { code: 'rural-land-contract', name: '农村土地承包法', nameEn: 'Rural Land Contract Law' },
  { code: 'labour-contract', name: '劳动合同法', nameEn: 'Labour Contract Law' },
  { code: 'legal-aid', name: '法律援助法', nameEn: 'Legal Aid Law' },
  { code: 'national-security', name: '国家安全法', nameEn: 'National Security Law' },
  { code: 'anti-domestic-violence', name: '反家庭暴力法', nameEn: 'Anti-Domestic Violence Law' },
  { code: 'women-rights', name: '妇女权益保障法', nameEn: "Law on the Protection of Women's Rights and Interests" },
  { code: 'consumer-rights', name: '消费者权益保护法', nameEn: 'Consumer Rights Protection Law' },
  { code: 'emergency-response', name: '突发事件应对法', nameEn: 'Emergency Response Law' },
  { code: 'road-traffic-safety', name: '道路交通安全法', nameEn: 'Road Traffic Safety Law' },
  { code: 'cybersecurity', name: '网络安全法', nameEn: 'Cybersecurity Law' },
  { code: 'anti-telecom-fraud', name: '反电信网络诈骗法', nameEn: 'Anti-Telecom and Online Fraud Law' },
  { code: 'people-mediation', name: '人民调解法', nameEn: 'People’s Mediation Law' },
  { code: 'legal-publicity-education', name: '法治宣传教育法', nameEn: 'Law on Legal Publicity and Education' },
];
