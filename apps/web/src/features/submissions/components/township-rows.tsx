// What the county's tables share: one row per township, its name first in the
// user's language, compact, scrolling sideways on a phone.
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { isEnglish } from '../../../lib/i18n.ts';

interface TownshipRow {
  townshipId: number;
  name: string;
  nameEn: string;
}

export const townshipTableProps = { rowKey: 'townshipId', size: 'small', pagination: false, scroll: { x: 'max-content' } } as const satisfies TableProps<TownshipRow>;

/** The township-name column; `fixed` keeps it in view while a wide table scrolls. */
export function useTownshipNameColumn<Row extends TownshipRow>(fixed = false) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  return { key: 'township', title: t('submissions.township'), ...(fixed ? { fixed: 'left' as const } : {}), render: (_: unknown, row: Row) => (english ? row.nameEn : row.name) };
}
