import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { ApiErrorSchema, CountyPeriodQuerySchema, CountyYearQuerySchema, NamedDayMatrixSchema, periodLabel, RankingSchema, type Ranking } from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { attachment, CONTENT_TYPES, download } from '../file-download.ts';
import { neutralizeFormula } from '../exports/csv-formula.ts';

const tags = ['county'];
const RankingCsvQuerySchema = CountyPeriodQuerySchema.extend({ lang: z.enum(['zh', 'en']).default('zh') });

const HEADERS = {
  zh: ['名次', '乡镇', '活动(次)', '资料(份)', '受众(人次)', '覆盖村(社区)', '村(社区)总数', '覆盖率', '村均活动', '村均资料', '村均受众'],
  en: ['Rank', 'Township', 'Activities', 'Leaflets', 'Audience (person-times)', 'Villages reached', 'Villages', 'Coverage', 'Activities per village', 'Leaflets per village', 'Audience per village'],
};

/** The ranking as CSV (UTF-8 with BOM, as the ledger CSV, so Excel and WPS read the Chinese). */
function rankingCsv(ranking: Ranking, lang: 'zh' | 'en'): string {
  const rows = ranking.rows.map((r) => [
    r.rank, neutralizeFormula(lang === 'en' ? r.nameEn : r.name), r.activities, r.leaflets, r.audience, r.villagesReached, r.villagesTotal,
    `${(r.coverage * 100).toFixed(1)}%`, r.activitiesPerVillage, r.leafletsPerVillage, r.audiencePerVillage,
  ]);
  return `\uFEFF${stringify([HEADERS[lang], ...rows], { record_delimiter: 'windows' })}`;
}

export const countyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/county/ranking',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getCountyRanking', tags, summary: "A county's townships ranked for a month or year: activities, leaflets, audience, villages covered (share of the township's villages), per village", querystring: CountyPeriodQuerySchema, response: { 200: RankingSchema, 400: ApiErrorSchema } },
    },
    (request) => app.county.ranking(request.actor, request.query),
  );

  app.get(
    '/api/county/ranking.csv',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'exportCountyRankingCsv', tags, summary: 'The ranking as CSV (UTF-8 with BOM)', querystring: RankingCsvQuerySchema, response: { 200: download(CONTENT_TYPES.csv, 'The ranking, as an attachment'), 400: ApiErrorSchema } },
    },
    async (request, reply) => {
      const { lang, ...query } = request.query;
      const ranking = await app.county.ranking(request.actor, query);
      const label = periodLabel(query.period);
      attachment(reply, CONTENT_TYPES.csv, `${lang === 'en' ? `township-ranking-${query.period}` : `乡镇排名-${label.zh}`}.csv`, `ranking-${query.period}.csv`);
      return reply.send(rankingCsv(ranking, lang));
    },
  );

  app.get(
    '/api/county/named-days',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getCountyNamedDays', tags, summary: 'Townships × the named days of a year: how many events each township held on each (0: did not act)', querystring: CountyYearQuerySchema, response: { 200: NamedDayMatrixSchema, 400: ApiErrorSchema } },
    },
    (request) => app.county.namedDays(request.actor, request.query),
  );
};
