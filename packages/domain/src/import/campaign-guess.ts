// The campaign (宣传节点) of an imported row: the campaign column if there is
// one, else guessed from the title and the date, like the event form suggests
// it from the date ("宪法" on 12月4日 → 12·4国家宪法日).
import { suggestCampaigns, type CampaignTiming } from '../calendar.ts';
import type { IsoDate } from '../dates.ts';
import type { Bilingual } from '../validation-messages.ts';
import { normalizeText } from './text.ts';

/** Words in a title that point to a built-in campaign, by its code. */
export const CAMPAIGN_TITLE_WORDS: Readonly<Record<string, readonly string[]>> = {
  'legal-publicity-month': ['法治宣传月', '法制宣传月'],
  'womens-rights-week': ['三八', '3·8', '3.8', '维权周', '反家暴', '家庭暴力'],
  'consumer-rights-day': ['3·15', '3.15', '315', '消费者'],
  'national-security-day': ['国家安全', '4·15', '4.15'],
  'civil-code-month': ['民法典'],
  'disaster-prevention-day': ['防灾', '减灾', '5·12', '5.12'],
  'childrens-day': ['六一', '6·1', '儿童节'],
  'anti-drug-day': ['禁毒', '毒品', '6·26', '6.26'],
  'first-law-lesson': ['第一课', '开学'],
  'cybersecurity-week': ['网络安全', '网安周'],
  'traffic-safety-day': ['交通安全', '12·2', '12.2'],
  'constitution-day': ['宪法日', '宪法', '12·4', '12.4'],
  'constitution-week': ['宪法宣传周', '宪法周'],
  'law-at-the-market': ['赶大集', '赶集', '赶场', '逢场', '庙会'],
};

export interface GuessableCampaign extends CampaignTiming {
  code: string;
  name: string;
}

export interface CampaignGuess {
  campaignId: number;
  interpreted: Bilingual;
}

/** How far from its period a title's campaign may be and still be taken (a week, as the form suggests). */
const TITLE_WINDOW_DAYS = 7;

export function guessCampaign(startDate: IsoDate, title: string, campaigns: readonly GuessableCampaign[]): CampaignGuess | null {
  return createCampaignGuesser(campaigns)(startDate, title);
}

/**
 * guessCampaign for many rows: each campaign's words are normalized once and
 * the date suggestions are worked out once per day (a ledger repeats its days).
 */
export function createCampaignGuesser(campaigns: readonly GuessableCampaign[]) {
  const words = new Map(
    campaigns.map((c) => [c.id, [...(CAMPAIGN_TITLE_WORDS[c.code] ?? []), c.name.replace(/^[\d·.]+/, '')].map(normalizeText).filter((w) => w.length >= 2)]),
  );
  const byDay = new Map<IsoDate, ReturnType<typeof suggestCampaigns>>();
  return (startDate: IsoDate, title: string): CampaignGuess | null => {
    let byDate = byDay.get(startDate);
    if (!byDate) byDay.set(startDate, (byDate = suggestCampaigns(startDate, campaigns)));
    return guessFrom(startDate, normalizeText(title), campaigns, byDate, words);
  };
}

function guessFrom(
  _startDate: IsoDate,
  text: string,
  campaigns: readonly GuessableCampaign[],
  byDate: ReturnType<typeof suggestCampaigns>,
  words: ReadonlyMap<number, string[]>,
): CampaignGuess | null {
  const near = new Map(byDate.map((s) => [s.campaignId, s]));
  const named = campaigns.filter((c) => words.get(c.id)!.some((w) => text.includes(w)));
  // Title and date agree: the most specific period of the named ones that the date is near.
  const agreeing = named
    .filter((c) => c.rule === null || (near.get(c.id)?.distance ?? Infinity) <= TITLE_WINDOW_DAYS)
    .sort((a, b) => rank(near.get(a.id)) - rank(near.get(b.id)));
  const chosen = agreeing[0];
  if (chosen) {
    return { campaignId: chosen.id, interpreted: { zh: `按主题和日期推断为“${chosen.name}”`, en: `guessed from the title and date: “${chosen.name}”` } };
  }
  // No word in the title: a named day or week the date falls on.
  const onDay = byDate.find((s) => s.distance === 0 && s.periodLength <= 7);
  if (onDay) {
    const campaign = campaigns.find((c) => c.id === onDay.campaignId)!;
    return { campaignId: campaign.id, interpreted: { zh: `按日期推断为“${campaign.name}”`, en: `guessed from the date: “${campaign.name}”` } };
  }
  return null;
}

function rank(suggestion: { distance: number; periodLength: number } | undefined): number {
  return suggestion ? suggestion.distance * 1000 + suggestion.periodLength : 1_000_000;
}
