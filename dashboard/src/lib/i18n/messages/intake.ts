import type { Translation } from '../message.js';

/** Texts of requests by channel on the wallboard. French is the reference; English has the same keys (the type checks it). */
export const fr = {
  'intake.title': "Demandes reçues aujourd'hui par canal",
  'intake.empty':
    'Les demandes du jour par canal (accueil, téléphone, courrier, courriel, SMS) apparaîtront ici dès leur arrivée.',
  'intake.channel': 'Canal',
  'intake.count': 'Demandes',
  'intake.total': 'Total',
  'intake.unavailable': "Les demandes du jour ne sont pas disponibles pour l'instant.",
} as const;

export const en: Translation<typeof fr> = {
  'intake.title': 'Requests received today by channel',
  'intake.empty': "Today's requests by channel (desk, phone, paper mail, email, SMS) will appear here as they arrive.",
  'intake.channel': 'Channel',
  'intake.count': 'Requests',
  'intake.total': 'Total',
  'intake.unavailable': "Today's requests are not available right now.",
};
