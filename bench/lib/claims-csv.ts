import { addDays } from '../../src/domain/time/dates.ts';

export const CLAIMS_HEADER = 'participant_ref,outcome,cohort,achieved_on,held_from,evidence\n';

/**
 * A synthetic participant-claims CSV for the test rate card (`test/support/fixtures.ts`): `rows`
 * claims spread over `participants` participants, alternating entry and sustained outcomes on
 * distinct dates, generated chunk by chunk so that the file never exists in memory.
 */
export function claimsCsvStream(rows: number, participants = Math.max(1, Math.floor(rows / 10)), chunkRows = 20_000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let emitted = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CLAIMS_HEADER));
        return;
      }
      if (emitted >= rows) {
        controller.close();
        return;
      }
      let chunk = '';
      const end = Math.min(rows, emitted + chunkRows);
      for (; emitted < end; emitted++) chunk += claimLine(emitted, participants);
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

export function claimLine(i: number, participants: number): string {
  const participant = i % participants;
  const occurrence = Math.floor(i / participants);
  const outcome = occurrence % 2 === 0 ? 'job_entry' : 'job_sustained';
  const date = addDays('2024-01-01', (participant + occurrence * 17) % 360);
  return `P-${String(participant).padStart(7, '0')},${outcome},cohort_1,${date},,ev-${i}\n`;
}
