// The big screen (数据大屏, GET /api/screen): everything the wall shows, in one answer. Nothing
// in it names a person: units, titles, villages, figures and times only.
import { z } from 'zod';

const FiguresSchema = z.object({
  activities: z.number().int(),
  leaflets: z.number().int(),
  audience: z.number().int(),
});

const NamedSchema = z.object({ name: z.string(), nameEn: z.string() });

export const ScreenSchema = z
  .object({
    /** The unit the screen is about: the user's own (a village user's township). */
    unit: NamedSchema.extend({ id: z.number().int(), level: z.string() }),
    /** The level of the units ranked (one below `unit`): 'township', 'village'… */
    childLevel: z.string(),
    year: z.number().int(),
    /** Today in China, "YYYY-MM-DD": last year's figures run to the same day. */
    today: z.string(),
    totals: FiguresSchema.extend({ villagesReached: z.number().int(), villagesTotal: z.number().int() }),
    /** 1 January to the same day last year. */
    lastYear: FiguresSchema,
    /** The twelve months of the year, each beside the same month last year. */
    months: z.array(z.object({ month: z.string(), activities: z.number().int(), leaflets: z.number().int(), lastYearActivities: z.number().int() })),
    /** The units one level down, most activities first (equal figures share a rank). */
    ranking: z.array(NamedSchema.extend({ unitId: z.number().int(), rank: z.number().int() }).merge(FiguresSchema)),
    /** The built-in named days of the year: how many of the units one level down held an event on each. */
    namedDays: z.array(NamedSchema.extend({ campaignId: z.number().int(), startDate: z.string().nullable(), endDate: z.string().nullable(), unitsMarked: z.number().int() })),
    unitsTotal: z.number().int(),
    /** The newest events saved in scope, newest first. */
    latest: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        township: NamedSchema,
        villages: z.array(NamedSchema),
        startDate: z.string(),
        savedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'Screen' });
export type Screen = z.infer<typeof ScreenSchema>;

/** How many of the newest events the screen shows. */
export const SCREEN_LATEST_EVENTS = 12;
