import { defineMessages } from '../i18n/index.ts';

/** Running an evaluation from the evaluations page (issue 18): the outcome payer's form and its answers. */
export const evaluateMessages = defineMessages('evaluate', {
  'heading': 'Run an evaluation',
  'intro': 'Runs the payment engine now on the validated data as known now, up to the cut-off date, under the terms in force, and records the payment obligations it triggers. With the same terms, cut-off and data as an earlier evaluation, nothing new is recorded.',
  'asOf': 'As of (cut-off date)',
  'asOfHint': 'Optional. Default: today in the contract’s time zone ({zone}), {today}.',
  'asOfInvalid': 'a date as yyyy-mm-dd, e.g. 2018-03-31',
  'submit': 'Run evaluation',
  'problem': 'The evaluation could not be run',
  'title': 'Run an evaluation: {title}',
  'back': 'Evaluations and payment statements',
  'unchanged': 'Nothing changed since the evaluation as of {asOf} run on {run}: no new evaluation was recorded, this one still stands.',
  'created': 'Evaluation recorded (as of {asOf}).',
  'notActive': 'This contract cannot be evaluated: it has no terms in force (a draft, or not yet approved by every party).',
  'cannot': 'This contract cannot be evaluated now ({reason}).',
  'noKey': 'The form lacked its submission key: nothing was run. Submit it again.',
}, {
  'heading': 'Lancer une évaluation',
  'intro': 'Applique maintenant le moteur de paiement aux données validées telles que connues à cet instant, jusqu’à la date d’arrêté, selon les termes en vigueur, et enregistre les obligations de paiement qui en résultent. Avec les mêmes termes, la même date d’arrêté et les mêmes données qu’une évaluation antérieure, rien de nouveau n’est enregistré.',
  'asOf': 'Date d’arrêté',
  'asOfHint': 'Facultative. Par défaut : aujourd’hui dans le fuseau horaire du contrat ({zone}), {today}.',
  'asOfInvalid': 'une date au format aaaa-mm-jj, par exemple 2018-03-31',
  'submit': 'Lancer l’évaluation',
  'problem': 'L’évaluation n’a pas pu être lancée',
  'title': 'Lancer une évaluation : {title}',
  'back': 'Évaluations et relevés de paiement',
  'unchanged': 'Rien n’a changé depuis l’évaluation arrêtée au {asOf} lancée le {run} : aucune nouvelle évaluation n’a été enregistrée, celle-ci reste valable.',
  'created': 'Évaluation enregistrée (arrêtée au {asOf}).',
  'notActive': 'Ce contrat ne peut pas être évalué : il n’a pas de termes en vigueur (un brouillon, ou pas encore approuvé par toutes les parties).',
  'cannot': 'Ce contrat ne peut pas être évalué maintenant ({reason}).',
  'noKey': 'Le formulaire n’avait pas sa clé d’envoi : rien n’a été lancé. Envoyez-le à nouveau.',
});
