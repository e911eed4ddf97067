import { type RowProblemCode, type RowProblemParams, rowProblemTexts } from '../../domain/measurement/row-problems.ts';
import { defineMessages } from '../i18n/index.ts';
import type { PageContext } from '../context.ts';

/**
 * What is wrong with a row of an upload, in the reader's language: the English is the API's own
 * text (domain/measurement/row-problems.ts), the French is here, one entry per code (the parity
 * test checks both have every code and the same placeholders).
 */
export const rowProblemMessages = defineMessages('rowProblems', rowProblemTexts, {
  required: 'est obligatoire',
  nul_character: 'contient un caractère NUL (U+0000), qui ne peut pas être enregistré',
  unpaired_surrogate: 'contient un demi-caractère UTF-16 isolé (U+D800-U+DFFF), qui n’est pas du texte Unicode valide et ne peut pas être enregistré',
  looks_like_email: 'ressemble à une adresse e-mail ; les références des participants doivent être des codes pseudonymes',
  looks_like_iban: 'ressemble à un IBAN (numéro de compte bancaire) ; les références des participants doivent être des codes pseudonymes',
  looks_like_nir: 'ressemble à un numéro de sécurité sociale (NIR) ; les références des participants doivent être des codes pseudonymes',
  looks_like_phone: 'ressemble à un numéro de téléphone ; les références des participants doivent être des codes pseudonymes',
  looks_like_nino: 'ressemble à un numéro National Insurance britannique ; les références des participants doivent être des codes pseudonymes',
  reference_characters: 'doit compter de 1 à 64 lettres, chiffres ou caractères - _ . : / (ni espaces ni noms) ; les références des participants doivent être des codes pseudonymes',
  looks_like_name: 'ressemble à un nom (aucun chiffre) ; les références des participants doivent être des codes pseudonymes comportant au moins un chiffre',
  reference_pattern: 'ne suit pas le format des références de participants de ce contrat : {pattern}',
  unknown_outcome: '« {value} » n’est pas un résultat de la version en vigueur du contrat',
  aggregate_as_claim: '« {value} » est un indicateur agrégé : déclarez-le comme résultat agrégé, pas comme résultat de participant',
  unknown_metric: '« {value} » n’est pas un indicateur de la version en vigueur du contrat',
  participant_as_result: '« {value} » est un résultat par participant : déclarez-le ligne par participant',
  unknown_cohort: '« {value} » n’est pas une cohorte du contrat',
  unknown_period: '« {value} » n’est pas une période du contrat',
  cohort_or_period: 'indiquez soit une cohorte, soit une période (une seule des deux)',
  not_a_date: '« {value} » n’est pas une date écrite AAAA-MM-JJ',
  outside_term: '{value} est hors de la durée du contrat, du {start} au {end}',
  outside_cohort_window: '{value} est hors de la fenêtre de la cohorte {cohort}, du {start} au {end} (entrée dans le dispositif puis suivi)',
  held_after_achieved: 'ne doit pas être postérieure à achieved_on',
  before_term: 'est antérieure au début du contrat',
  evidence_too_long: 'chaque référence de justificatif compte au plus 200 caractères',
  evidence_required: '« {value} » exige un justificatif ({required})',
  not_a_quantity: '« {value} » n’est pas une quantité : un nombre d’unités supérieur à 0, avec au plus 6 décimales (par ex. 30 ou 2.5)',
  not_a_decimal: '« {value} » n’est pas un nombre décimal (chiffres, puis éventuellement « . » et des décimales)',
  not_a_positive_whole_number: '« {value} » n’est pas un nombre entier positif',
  too_long: 'compte au plus 500 caractères',
  not_a_record_id: '« {value} » n’est pas l’identifiant d’un enregistrement',
  duplicate_claim_in_upload: 'répète la ligne {firstRow} (même participant, résultat, date et justificatif)',
  duplicate_result_in_upload: 'répète la ligne {firstRow} (même indicateur, cohorte ou période, et date de mesure)',
  duplicate_claim_stored: 'répète l’enregistrement {record}, déjà déclaré (même participant, résultat, date et justificatif) ; pour le corriger, donnez son identifiant dans « supersedes »',
  duplicate_result_stored: 'répète l’enregistrement {record}, déjà déclaré (même indicateur, cohorte ou période, et date de mesure) ; pour le corriger, donnez son identifiant dans « supersedes »',
  corrected_in_upload: 'l’enregistrement {record} est déjà corrigé par la ligne {firstRow}',
  already_corrected: 'l’enregistrement {record} a déjà été corrigé par l’enregistrement {correctedBy} : corrigez plutôt celui-ci',
  no_such_claim: 'aucun résultat de participant {record} dans ce contrat',
  no_such_result: 'aucun résultat agrégé {record} dans ce contrat',
});

const known = (code: string): code is RowProblemCode => Object.hasOwn(rowProblemTexts, code);

/** A problem of a row as the page says it: from its code in the reader's language, else (a row that could not be read) its message. */
export function rowProblemText(page: PageContext, problem: { message: string; code?: string | undefined; params?: RowProblemParams | undefined }): string {
  return problem.code && known(problem.code) ? page.messages(rowProblemMessages)(problem.code, problem.params) : problem.message;
}
