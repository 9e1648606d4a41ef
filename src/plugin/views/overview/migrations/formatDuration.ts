import type { TFunction } from 'i18next';

/** A duration as people say it: "45 s", "3 min 5 s", "2 h 10 min", "3 d 4 h". */
export const formatDuration = (seconds: number, t: TFunction): string => {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('{{seconds}} s', { seconds: s });
  if (s < 3600)
    return t('{{minutes}} min {{seconds}} s', { minutes: Math.floor(s / 60), seconds: s % 60 });
  if (s < 86400)
    return t('{{hours}} h {{minutes}} min', {
      hours: Math.floor(s / 3600),
      minutes: Math.floor((s % 3600) / 60),
    });
  return t('{{days}} d {{hours}} h', {
    days: Math.floor(s / 86400),
    hours: Math.floor((s % 86400) / 3600),
  });
};
