/** Every catalog entry has a stable code (slug), a Chinese name and an English name. */
export interface CatalogSeed {
  code: string;
  name: string;
  nameEn: string;
}
