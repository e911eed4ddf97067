import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

/**
 * Sending e-mail: through nodemailer to the SMTP server of SMTP_URL (smtp:// with STARTTLS when
 * the server offers it, or smtps://), from SMTP_FROM. Without SMTP_URL there is no mailer and
 * links are only shown to whoever created them (and printed at first start).
 */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

const mailers = new WeakMap<Config, Mailer | null>();

/** The mailer of a configuration (one transport per configuration, reused), or null without SMTP_URL. */
export function mailerFor(config: Config): Mailer | null {
  if (mailers.has(config)) return mailers.get(config)!;
  let mailer: Mailer | null = null;
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    const from = config.SMTP_FROM;
    mailer = {
      async send(mail) {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      },
    };
  }
  mailers.set(config, mailer);
  return mailer;
}
