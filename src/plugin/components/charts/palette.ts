// Series colours from PatternFly's chart tokens, so they follow the light and dark themes. The
// console loads the chart tokens; where they are absent (the standalone shell loads only the
// base stylesheet) a palette token of the same hue stands in.
const HUES: [token: string, fallback: string][] = [
  ['blue--300', 'blue--40'],
  ['green--300', 'green--40'],
  ['orange--300', 'orange--40'],
  ['purple--300', 'purple--40'],
  ['teal--300', 'teal--40'],
  ['yellow--300', 'yellow--40'],
  ['red-orange--300', 'red-orange--40'],
  ['blue--500', 'blue--60'],
  ['green--500', 'green--60'],
  ['purple--500', 'purple--60'],
];

/** The colour of the `index`th series of a chart. */
export const seriesColor = (index: number): string => {
  const [token, fallback] = HUES[index % HUES.length] as [string, string];
  return `var(--pf-t--chart--color--${token}, var(--pf-t--color--${fallback}))`;
};
